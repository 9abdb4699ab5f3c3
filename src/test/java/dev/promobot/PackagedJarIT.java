package dev.promobot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * promobot as an operator runs it: the packaged jar, configured only through documented keys.
 */
class PackagedJarIT {

    private static final Path JAR = Path.of(System.getProperty("promobot.jar", "target/quarkus-app/quarkus-run.jar"));

    @TempDir
    Path workDir;

    @Test
    void anEnvironmentWithAnUnknownSourceStopsStartUpWithOneLineNamingTheKey() throws Exception {
        Run run = runToExit("-Dpromobot.telegram.token=123:abc",
                "-Dpromobot.environments.staging.source=nosuch");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.linesMentioning("promobot.")).containsExactly(
                "promobot.environments.staging.source: names source 'nosuch', which is not a configured "
                        + "environment (configured: dev, prod, staging)");
        assertThat(run.output).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void withoutATokenStartUpStopsSayingWhichKeyToSet() throws Exception {
        Run run = runToExit();

        assertThat(run.exitCode).isNotZero();
        assertThat(run.linesMentioning("promobot.")).singleElement().asString()
                .startsWith("promobot.telegram.token: is not set").contains("PROMOBOT_TELEGRAM_TOKEN");
    }

    @Test
    void theSandboxNeverRunsInTheProductionProfile() throws Exception {
        Run run = runToExit("-Dpromobot.telegram.token=123456:sandbox", "-Dpromobot.sandbox.enabled=true");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.linesMentioning("promobot.")).singleElement().asString()
                .startsWith("promobot.sandbox.enabled: the sandbox runs only in the sandbox profile");
    }

    @Test
    void theSandboxRefusesToStartWithARealToken() throws Exception {
        Run run = runToExit("-Dquarkus.profile=sandbox", "-Dpromobot.telegram.token=987654:real-token",
                "-Dpromobot.sandbox.telegram-port=0", "-Dpromobot.sandbox.aws-port=0");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.linesMentioning("promobot.")).singleElement().asString()
                .startsWith("promobot.telegram.token: a real bot token is set, so the sandbox will not start");
    }

    @Test
    void runsOnAnEmbeddedH2FileWhoseLocationIsChosenAtRunTime() throws Exception {
        int port = freePort();
        Path database = workDir.resolve("elsewhere").resolve("promobot");
        Process process = start(List.of("-Dpromobot.telegram.token=123:abc", "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + database));
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

            assertThat(database.resolveSibling("promobot.mv.db")).exists();
            assertThat(workDir.resolve("data")).doesNotExist();
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private record Run(int exitCode, String output) {
        List<String> linesMentioning(String text) {
            return output.lines().filter(line -> line.contains(text)).toList();
        }
    }

    private Run runToExit(String... properties) throws Exception {
        List<String> args = new ArrayList<>(List.of(properties));
        args.add("-Dquarkus.http.port=" + freePort());
        args.add("-Dquarkus.datasource.jdbc.url=jdbc:h2:mem:promobot-it");
        Process process = start(args);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promobot exits on invalid configuration").isTrue();
        String output = Files.readString(workDir.resolve("output.log"), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), output);
    }

    private Process start(List<String> properties) throws IOException {
        assertThat(JAR).as("the packaged jar (mvn package builds it)").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(properties);
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("output.log").toFile());
        // Only what the test passes configures promobot: no inherited PROMOBOT_* variables.
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMOBOT_") || name.startsWith("QUARKUS_"));
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
