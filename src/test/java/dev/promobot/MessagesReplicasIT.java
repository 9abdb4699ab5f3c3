package dev.promobot;

import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.sandbox.TelegramStandIn;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.TEAM_CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Updates in and messages out across packaged-jar replicas on one PostgreSQL database, as an operator runs them:
 * webhook mode behind a load balancer that spreads Telegram's calls, and replicas killed with SIGKILL at named
 * points of the daily summary. Runs in the postgresql pass, like {@link DeploymentReplicasIT}.
 */
class MessagesReplicasIT {

    private static final String SECRET = "replica-test-secret";
    private static final String EVERY_FIVE_SECONDS = "0/5 * * * * ?";
    private static final String NEW_YEAR = "0 0 0 1 1 ?";

    @TempDir
    Path workDir;

    private TelegramStandIn telegram;
    private AwsStandIn aws;
    private JarDatabase database;
    private final List<Process> replicas = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startStandIns() throws SQLException {
        assumeTrue(JarDatabase.suiteIsPostgresql(), "replicas and SIGKILL need PostgreSQL; this runs in the "
                + "postgresql pass");
        telegram = TelegramStandIn.start();
        telegram.openChat(TEAM_CHAT, "supergroup", "Team");
        aws = AwsStandIn.start();
        Seed.apply(aws, Clock.systemUTC());
        database = JarDatabase.fresh(workDir);
    }

    @AfterEach
    void stopEverything(TestInfo test) throws Exception {
        if (telegram == null) {
            return; // not run on this database
        }
        for (Process replica : replicas) {
            replica.destroyForcibly().waitFor();
        }
        Path logs = Path.of("target", "replica-logs", test.getTestMethod().orElseThrow().getName());
        Files.createDirectories(logs);
        try (var files = Files.list(workDir)) {
            for (Path log : files.filter(file -> file.toString().endsWith(".log")).toList()) {
                Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        telegram.close();
        aws.close();
        database.close();
    }

    @Test
    void twoReplicasAnswerTwentyCommandsOfOneChatOnceEachAndInOrder() throws Exception {
        int first = PackagedJar.freePort();
        int second = PackagedJar.freePort();
        replica("first", first, "webhook", NEW_YEAR);
        replica("second", second, "webhook", NEW_YEAR);
        awaitReady(first);
        awaitReady(second);

        List<SentMessage> commands = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SentMessage command = telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/whoami");
            commands.add(command);
            // The load balancer alternates; each replica stores what it gets and works through the shared inbox.
            assertThat(post(i % 2 == 0 ? first : second, WebhookUpdates.of(command, 1000 + i, "supergroup"))).isEqualTo(200);
        }

        eventually().atMost(Duration.ofSeconds(90)).until(() -> telegram.botMessages(TEAM_CHAT).size() >= 20);
        eventually().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> telegram.botMessages(TEAM_CHAT).size() == 20);
        assertThat(telegram.botMessages(TEAM_CHAT)).extracting(SentMessage::replyToMessageId)
                .as("one answer per command, in the order they were sent")
                .containsExactlyElementsOf(commands.stream().map(c -> Optional.of(c.messageId())).toList());
    }

    @Test
    void aReplicaKilledWhileComposingTheSummarySendsItOnceAfterItsRestart() throws Exception {
        AtomicBoolean kill = new AtomicBoolean(true);
        Process replica = replica("dying", PackagedJar.freePort(), "long-polling", EVERY_FIVE_SECONDS);
        // The summary reads Lambda after marking the day due and before claiming it: kill -9 right there.
        aws.afterServing("GetFunction", () -> {
            if (kill.getAndSet(false)) {
                replica.destroyForcibly();
            }
        });
        eventually().atMost(Duration.ofSeconds(60)).until(() -> !kill.get());
        replica.waitFor();
        assertThat(summaries()).isEmpty();

        // Restarted with a schedule that does not fire: only the catch-up at start-up can send it.
        replica("restarted", PackagedJar.freePort(), "long-polling", NEW_YEAR);

        eventually().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(summaries())
                .as("messages: %s, sendMessage calls: %d", telegram.botMessages(TEAM_CHAT),
                        telegram.requestCount("sendMessage")).hasSize(1));
        eventually().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> summaries().size() == 1);
    }

    @Test
    void aReplicaKilledAfterClaimingTheSummaryButBeforeSendingItLeavesItToBeSentOnce() throws Exception {
        telegram.tooManyRequests("sendMessage", 1, 5);
        Process replica = replica("dying", PackagedJar.freePort(), "long-polling", EVERY_FIVE_SECONDS);
        // Claimed with its message in one transaction; Telegram's 429 keeps the message unsent for 5 s.
        eventually().atMost(Duration.ofSeconds(60)).until(() -> telegram.requestCount("sendMessage") == 1);
        replica.destroyForcibly().waitFor();
        assertThat(summaries()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM summary_sent")).isEqualTo(1);

        replica("restarted", PackagedJar.freePort(), "long-polling", NEW_YEAR);

        eventually().atMost(Duration.ofSeconds(90)).until(() -> summaries().size() == 1);
        eventually().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> summaries().size() == 1);
    }

    private List<SentMessage> summaries() {
        return telegram.botMessages(TEAM_CHAT).stream().filter(m -> m.text().contains("Daily summary")).toList();
    }

    private Process replica(String name, int port, String mode, String summaryCron) throws IOException {
        List<String> properties = new ArrayList<>(database.properties());
        properties.add("-Dquarkus.http.port=" + port);
        Map<String, String> environment = PackagedJar.againstStandIns(telegram, aws);
        environment.put("PROMOBOT_TELEGRAM_MODE", mode);
        environment.put("PROMOBOT_SUMMARY_CRON", summaryCron);
        environment.put("PROMOBOT_OUTSIDE_DEPLOYMENTS_INTERVAL", "off");
        if (mode.equals("webhook")) {
            environment.put("PROMOBOT_TELEGRAM_WEBHOOK_SECRET", SECRET);
        }
        Process process = PackagedJar.start(workDir, properties, environment, name + ".log");
        replicas.add(process);
        return process;
    }

    private void awaitReady(int port) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build();
        eventually().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private int post(int port, String update) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/telegram/webhook"))
                .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(update)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }


    private long count(String sql) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ConditionFactory eventually() {
        return await().pollInterval(Duration.ofMillis(200));
    }
}
