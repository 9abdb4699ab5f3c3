package dev.promobot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.sandbox.TelegramStandIn;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.TEAM_CHAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator reads: the packaged jar's console, stopped as an orchestrator stops it (SIGTERM) while it long
 * polls Telegram and has just answered a command. Quiet on a clean shutdown, never the token, and JSON behind one
 * switch.
 */
class LogsIT {

    private static final String API_TOKEN = "api-token-never-logged-0123456789";

    @TempDir
    Path workDir;

    private TelegramStandIn telegram;
    private AwsStandIn aws;
    private JarDatabase database;

    @BeforeEach
    void startStandIns() throws Exception {
        telegram = TelegramStandIn.builder().token("424242:secret-token-never-logged").start();
        telegram.openChat(TEAM_CHAT, "supergroup", "Team");
        aws = AwsStandIn.seeded();
        database = JarDatabase.fresh(workDir);
    }

    @AfterEach
    void stopStandIns(TestInfo test) throws Exception {
        Path console = workDir.resolve("console.log");
        if (Files.exists(console)) {
            Path kept = Path.of("target", "it-logs", "LogsIT-" + test.getTestMethod().orElseThrow().getName() + ".log");
            Files.createDirectories(kept.getParent());
            Files.copy(console, kept, StandardCopyOption.REPLACE_EXISTING);
        }
        telegram.close();
        aws.close();
        database.close();
    }

    @Test
    void aCleanShutdownLogsNoErrorNoStackTraceAndNeverTheToken() throws Exception {
        String log = runAnswerAndStop(Map.of());

        assertThat(log).contains("promobot stopped in");
        assertThat(log.lines().filter(line -> line.contains(" ERROR ") || line.startsWith("\tat ")
                || line.startsWith("Caused by"))).isEmpty();
        assertThat(log).doesNotContain("secret-token-never-logged");
    }

    /**
     * A whole conversation (status, a promotion that deploys, refusals, history) and the decision endpoint called
     * with the right and a wrong token: no configured secret, and no presented one, reaches the log.
     */
    @Test
    void aFullConversationLogsNoConfiguredSecret() throws Exception {
        int port = PackagedJar.freePort();
        Map<String, String> environment = PackagedJar.againstStandIns(telegram, aws);
        environment.put("PROMOBOT_API_TOKEN", API_TOKEN);
        List<String> properties = new ArrayList<>(database.isPostgresql() ? database.properties() : List.of());
        properties.add("-Dquarkus.http.port=" + port);
        Process promobot = PackagedJar.start(workDir, properties, environment, "console.log");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> !telegram.commands().isEmpty());
            for (String command : List.of("/whoami", "/status", "/images", "/promote staging", "/promote prod",
                    "/history", "/lock dev")) {
                SentMessage sent = telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), command);
                await().atMost(Duration.ofSeconds(60)).until(() -> telegram.botMessages(TEAM_CHAT).stream()
                        .anyMatch(reply -> reply.replyToMessageId().equals(Optional.of(sent.messageId()))
                                && !reply.text().startsWith("⏳")));
            }
            HttpClient http = HttpClient.newHttpClient();
            for (String token : List.of(API_TOKEN, "wrong-token-never-logged-either")) {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/api/decisions?target=staging")).header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            PackagedJar.stop(promobot);
        }
        String log = Files.readString(workDir.resolve("console.log"), StandardCharsets.UTF_8);

        assertThat(telegram.botMessages(TEAM_CHAT)).as("the promotion deployed")
                .anyMatch(message -> message.text().contains("<b>staging</b> now runs"));
        assertThat(log).doesNotContain("secret-token-never-logged").doesNotContain(API_TOKEN)
                .doesNotContain("wrong-token-never-logged-either");
    }

    @Test
    void withTheJsonSwitchOnEveryLineIsOneJsonObjectWithLevelAndMessage() throws Exception {
        String log = runAnswerAndStop(Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"));

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log.lines().filter(line -> !line.isBlank()).toList()) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path("level").asText()).isNotEmpty();
            assertThat(line.has("message")).isTrue();
        });
        assertThat(lines).anySatisfy(line ->
                assertThat(line.path("message").asText()).contains("Connected to Telegram"));
        assertThat(log).doesNotContain("secret-token-never-logged");
    }

    /**
     * With JSON logs, every warning about an action carries the update it came from or the deployment it runs in
     * the log context (mdc), including the lines of the AWS calls made for it.
     */
    @Test
    void withJsonLogsEveryWarningAboutAnActionNamesItsUpdateOrDeployment() throws Exception {
        Map<String, String> environment = PackagedJar.againstStandIns(telegram, aws);
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        List<String> properties = new ArrayList<>(database.isPostgresql() ? database.properties() : List.of());
        properties.add("-Dquarkus.http.port=0");
        Process promobot = PackagedJar.start(workDir, properties, environment, "console.log");
        try {
            aws.denyAccess(true);
            awaitAnswer(telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/status"));
            aws.denyAccess(false);
            // The deployment's UpdateFunctionCode goes unanswered: promobot reads the function to learn the outcome.
            aws.loseResponsesOf("UpdateFunctionCode", 1);
            awaitAnswer(telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/promote staging"));
        } finally {
            PackagedJar.stop(promobot);
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> warnings = new ArrayList<>();
        for (String line : Files.readAllLines(workDir.resolve("console.log"), StandardCharsets.UTF_8)) {
            JsonNode entry = json.readTree(line);
            if (List.of("WARN", "WARNING", "ERROR").contains(entry.path("level").asText())
                    && entry.path("loggerName").asText().matches("dev\\.promobot\\.(aws|promotion|chat)\\..*")) {
                warnings.add(entry);
            }
        }
        assertThat(warnings).anySatisfy(line -> assertThat(line.path("message").asText())
                .contains("AWS denied promobot access"));
        assertThat(warnings).anySatisfy(line -> assertThat(line.path("message").asText())
                .contains("UpdateFunctionCode of telegram-api-staging ended without a clear answer"));
        assertThat(warnings).allSatisfy(line -> assertThat(line.path("mdc").has("update")
                || line.path("mdc").has("deployment")).as(line.toString()).isTrue());
        assertThat(warnings).anySatisfy(line -> assertThat(line.path("mdc").has("deployment")).isTrue());
    }

    /** Waits for promobot's last answer to the message: not the "⏳" it edits into the outcome. */
    private void awaitAnswer(SentMessage sent) {
        await().atMost(Duration.ofSeconds(60)).until(() -> telegram.botMessages(TEAM_CHAT).stream()
                .anyMatch(reply -> reply.replyToMessageId().equals(Optional.of(sent.messageId()))
                        && !reply.text().startsWith("⏳")));
    }

    /** Starts the jar, has it answer /whoami, stops it with SIGTERM, and returns its console output. */
    private String runAnswerAndStop(Map<String, String> extra) throws IOException, InterruptedException {
        // On H2, the jar's own default database (under its working folder), as an operator runs it out of the box.
        List<String> properties = new ArrayList<>(database.isPostgresql() ? database.properties() : List.of());
        properties.add("-Dquarkus.http.port=0");
        Map<String, String> environment = PackagedJar.againstStandIns(telegram, aws);
        environment.putAll(extra);
        Process promobot = PackagedJar.start(workDir, properties, environment, "console.log");
        try {
            telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER.user(), "/whoami");
            await().atMost(Duration.ofSeconds(60)).until(() -> telegram.botMessages(TEAM_CHAT).stream()
                    .anyMatch(message -> message.text().contains("role: deployer")));
            // Stopped while a long poll is out, as an orchestrator would stop it.
            int polls = telegram.requestCount("getUpdates");
            await().atMost(Duration.ofSeconds(30)).until(() -> telegram.requestCount("getUpdates") > polls);
        } finally {
            promobot.destroy();
            assertThat(promobot.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        return Files.readString(workDir.resolve("console.log"), StandardCharsets.UTF_8);
    }
}
