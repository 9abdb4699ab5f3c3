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
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.TEAM_CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar against the Telegram and AWS stand-ins, configured only through documented keys, stopped and
 * started again as an operator would: updates stored before a crash are processed at start-up, and a restart
 * does not run into a 409 Conflict from the previous instance's long poll.
 */
class ChatRestartIT {

    private static final Path JAR = Path.of(System.getProperty("promobot.jar", "target/quarkus-app/quarkus-run.jar"));

    @TempDir
    Path workDir;

    private TelegramStandIn telegram;
    private AwsStandIn aws;

    @BeforeEach
    void startStandIns() {
        telegram = TelegramStandIn.start();
        telegram.openChat(TEAM_CHAT, "supergroup", "Team");
        aws = AwsStandIn.seeded();
    }

    @AfterEach
    void stopStandIns() {
        telegram.close();
        aws.close();
    }

    @Test
    void anUpdateStoredBeforeACrashIsProcessedAtTheNextStartAndTheRestartMeetsNoConflict() throws Exception {
        Path database = workDir.resolve("db").resolve("promobot");
        Process first = start(database, "first.log");
        SentMessage hello = telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/whoami");
        awaitReplyContaining("role: deployer", Duration.ofSeconds(60));
        assertThat(hello.messageId()).isPositive();
        stop(first);

        // As if promobot had stored this update and died before processing it.
        storeUnprocessedUpdate(database, 990000001L, 424242L, "/status");
        Process second = start(database, "second.log");
        try {
            awaitReplyContaining("<b>Status</b>", Duration.ofSeconds(60));
            SentMessage again = telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/whoami");
            await().atMost(Duration.ofSeconds(30)).until(() -> telegram.botMessages(TEAM_CHAT).stream()
                    .anyMatch(reply -> reply.replyToMessageId().equals(Optional.of(again.messageId()))));
        } finally {
            stop(second);
        }
        assertThat(Files.readString(workDir.resolve("second.log"), StandardCharsets.UTF_8))
                .doesNotContain("409").doesNotContain("Conflict");
    }

    @Test
    void anOpenApprovalRequestSurvivesARestartAndIsDeployedWhenApprovedAfterIt() throws Exception {
        Path database = workDir.resolve("db").resolve("promobot");
        String stagingDigest = Lambda.digestRunningIn(aws, "staging");
        Process first = start(database, "first.log");
        SentMessage command = telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/promote prod v3.0.0");
        awaitReplyContaining("Promotion request #", Duration.ofSeconds(60));
        SentMessage request = telegram.botMessages(TEAM_CHAT).stream()
                .filter(message -> message.replyToMessageId().equals(Optional.of(command.messageId())))
                .findFirst().orElseThrow();
        stop(first);

        Process second = start(database, "second.log");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !telegram.commands().isEmpty());
            telegram.userPressesButton(TEAM_CHAT, request.messageId(), APPROVER.user(), request.callbackData().get(0));
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    Lambda.digestRunningIn(aws, "prod").equals(stagingDigest));
        } finally {
            stop(second);
        }
    }

    private void awaitReplyContaining(String text, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> telegram.botMessages(TEAM_CHAT).stream()
                .anyMatch(message -> message.text().contains(text)));
    }

    private static void storeUnprocessedUpdate(Path database, long updateId, long messageId, String text)
            throws SQLException {
        String payload = """
                {"update_id":%d,"message":{"message_id":%d,"date":1764200000,\
                "chat":{"id":%d,"type":"supergroup","title":"Team"},\
                "from":{"id":%d,"is_bot":false,"first_name":"%s"},"text":"%s"}}"""
                .formatted(updateId, messageId, TEAM_CHAT, DEPLOYER.id(), DEPLOYER.firstName(), text);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database, "promobot", "");
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO inbox (update_id, received_at, payload) VALUES (?, ?, ?)")) {
            s.setLong(1, updateId);
            s.setObject(2, OffsetDateTime.now());
            s.setString(3, payload);
            s.executeUpdate();
        }
    }

    private Process start(Path database, String log) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn package builds it)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0",
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + database,
                "-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(log).toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMOBOT_") || name.startsWith("QUARKUS_"));
        builder.environment().put("PROMOBOT_TELEGRAM_TOKEN", telegram.token());
        builder.environment().put("PROMOBOT_TELEGRAM_API_URL", telegram.baseUrl().toString());
        builder.environment().put("PROMOBOT_TELEGRAM_CHATS", String.valueOf(TEAM_CHAT));
        builder.environment().put("PROMOBOT_ACCESS_DEPLOYERS", String.valueOf(DEPLOYER.id()));
        builder.environment().put("PROMOBOT_ACCESS_APPROVERS", String.valueOf(APPROVER.id()));
        builder.environment().put("PROMOBOT_AWS_ENDPOINT_OVERRIDE", aws.endpoint().toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
        return builder.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
