package dev.promobot;

import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.sandbox.TelegramStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.promobot.Cast.ADMIN;
import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.SECOND_APPROVER;
import static dev.promobot.Cast.TEAM_CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar against the Telegram and AWS stand-ins, configured only through documented keys, stopped and
 * started again as an operator would: updates stored before a crash are processed at start-up, and a restart
 * does not run into a 409 Conflict from the previous instance's long poll.
 */
class ChatRestartIT {

    @TempDir
    Path workDir;

    private TelegramStandIn telegram;
    private AwsStandIn aws;
    private JarDatabase database;

    @BeforeEach
    void startStandIns() throws SQLException {
        telegram = TelegramStandIn.start();
        telegram.openChat(TEAM_CHAT, "supergroup", "Team");
        aws = AwsStandIn.seeded();
        database = JarDatabase.fresh(workDir);
    }

    @AfterEach
    void stopStandIns() throws SQLException {
        telegram.close();
        aws.close();
        database.close();
    }

    @Test
    void anUpdateStoredBeforeACrashIsProcessedAtTheNextStartAndTheRestartMeetsNoConflict() throws Exception {
        Process first = start("first.log");
        SentMessage hello = telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/whoami");
        awaitReplyContaining("role: deployer", Duration.ofSeconds(60));
        assertThat(hello.messageId()).isPositive();
        PackagedJar.stop(first);

        // As if promobot had stored this update and died before processing it.
        storeUnprocessedUpdate(990000001L, 424242L, "/status");
        Process second = start("second.log");
        try {
            awaitReplyContaining("<b>Status</b>", Duration.ofSeconds(60));
            SentMessage again = telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/whoami");
            await().atMost(Duration.ofSeconds(30)).until(() -> telegram.botMessages(TEAM_CHAT).stream()
                    .anyMatch(reply -> reply.replyToMessageId().equals(Optional.of(again.messageId()))));
        } finally {
            PackagedJar.stop(second);
        }
        assertThat(Files.readString(workDir.resolve("second.log"), StandardCharsets.UTF_8))
                .as("a timestamp may hold 409; Telegram's answer reads \"409 Conflict\"").doesNotContain("Conflict");
    }

    @Test
    void anOpenApprovalRequestSurvivesARestartAndIsDeployedWhenApprovedAfterIt() throws Exception {
        String stagingDigest = Lambda.digestRunningIn(aws, "staging");
        Process first = start("first.log");
        SentMessage command = telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/promote prod v3.0.0");
        awaitReplyContaining("Promotion request #", Duration.ofSeconds(60));
        SentMessage request = telegram.botMessages(TEAM_CHAT).stream()
                .filter(message -> message.replyToMessageId().equals(Optional.of(command.messageId())))
                .findFirst().orElseThrow();
        PackagedJar.stop(first);

        Process second = start("second.log");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !telegram.commands().isEmpty());
            telegram.userPressesButton(TEAM_CHAT, request.messageId(), APPROVER.user(), request.callbackData().get(0));
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    Lambda.digestRunningIn(aws, "prod").equals(stagingDigest));
        } finally {
            PackagedJar.stop(second);
        }
    }

    @Test
    void anApprovalBySomeoneRemovedFromTheApproversSinceNoLongerCounts() throws Exception {
        String prodDigest = Lambda.digestRunningIn(aws, "prod");
        Process first = start("first.log", Map.of("PROMOBOT_ENVIRONMENTS_PROD_APPROVALS", "2",
                "PROMOBOT_ACCESS_APPROVERS", APPROVER.id() + "," + SECOND_APPROVER.id()));
        SentMessage request;
        try {
            request = openProdRequest();
            SentMessage firstApproval = telegram.userReplies(TEAM_CHAT, "supergroup", APPROVER.user(),
                    "/approve prod", request.messageId());
            assertThat(awaitReplyTo(firstApproval).text()).contains("(1 of 2)");
        } finally {
            PackagedJar.stop(first);
        }

        // The operator removes Ari from the approvers and restarts promobot.
        Process second = start("second.log", Map.of("PROMOBOT_ENVIRONMENTS_PROD_APPROVALS", "2",
                "PROMOBOT_ACCESS_APPROVERS", String.valueOf(SECOND_APPROVER.id())));
        try {
            SentMessage secondApproval = telegram.userReplies(TEAM_CHAT, "supergroup", SECOND_APPROVER.user(),
                    "/approve prod", request.messageId());

            assertThat(awaitReplyTo(secondApproval).text()).contains("(1 of 2)")
                    .contains("1 earlier approval(s) no longer count");
            assertThat(Lambda.digestRunningIn(aws, "prod")).as("prod unchanged").isEqualTo(prodDigest);
        } finally {
            PackagedJar.stop(second);
        }
    }

    @Test
    void aRequestWhoseRequesterLostTheDeployerRoleCannotBeApproved() throws Exception {
        String prodDigest = Lambda.digestRunningIn(aws, "prod");
        Process first = start("first.log", Map.of());
        SentMessage request;
        try {
            request = openProdRequest();
        } finally {
            PackagedJar.stop(first);
        }

        Process second = start("second.log", Map.of("PROMOBOT_ACCESS_DEPLOYERS", String.valueOf(ADMIN.id())));
        try {
            SentMessage approval = telegram.userReplies(TEAM_CHAT, "supergroup", APPROVER.user(), "/approve prod",
                    request.messageId());

            assertThat(awaitReplyTo(approval).text()).contains("cannot be approved: Dana, who asked for it, is no "
                    + "longer a deployer");
            assertThat(Lambda.digestRunningIn(aws, "prod")).as("prod unchanged").isEqualTo(prodDigest);
        } finally {
            PackagedJar.stop(second);
        }
    }

    private SentMessage openProdRequest() {
        SentMessage command = telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/promote prod v3.0.0");
        return awaitReplyTo(command);
    }

    private SentMessage awaitReplyTo(SentMessage command) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> telegram.botMessages(TEAM_CHAT).stream()
                        .filter(message -> message.replyToMessageId().equals(Optional.of(command.messageId())))
                        .findFirst(), Optional::isPresent).orElseThrow();
    }

    private void awaitReplyContaining(String text, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> telegram.botMessages(TEAM_CHAT).stream()
                .anyMatch(message -> message.text().contains(text)));
    }

    private void storeUnprocessedUpdate(long updateId, long messageId, String text) throws SQLException {
        String payload = """
                {"update_id":%d,"message":{"message_id":%d,"date":1764200000,\
                "chat":{"id":%d,"type":"supergroup","title":"Team"},\
                "from":{"id":%d,"is_bot":false,"first_name":"%s"},"text":"%s"}}"""
                .formatted(updateId, messageId, TEAM_CHAT, DEPLOYER.id(), DEPLOYER.firstName(), text);
        try (Connection c = database.connect();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO inbox (update_id, received_at, payload) VALUES (?, ?, ?)")) {
            s.setLong(1, updateId);
            s.setObject(2, OffsetDateTime.now());
            s.setString(3, payload);
            s.executeUpdate();
        }
    }

    private Process start(String log) throws IOException {
        return start(log, Map.of());
    }

    private Process start(String log, Map<String, String> settings) throws IOException {
        List<String> properties = new ArrayList<>(database.properties());
        properties.add("-Dquarkus.http.port=0");
        Map<String, String> environment = PackagedJar.againstStandIns(telegram, aws);
        environment.put("PROMOBOT_ACCESS_APPROVERS", String.valueOf(APPROVER.id()));
        environment.putAll(settings);
        return PackagedJar.start(workDir, properties, environment, log);
    }
}
