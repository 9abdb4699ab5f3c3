package dev.promobot;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * promobot as an operator runs it: the packaged jar, configured only through documented keys.
 */
class PackagedJarIT {

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
                "-Dpromobot.sandbox.telegram-port=0", "-Dpromobot.sandbox.aws-port=0",
                "-Dpromobot.sandbox.github-port=0");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.linesMentioning("promobot.")).singleElement().asString()
                .startsWith("promobot.telegram.token: a real bot token is set, so the sandbox will not start");
    }

    @Test
    void aFreezeWindowWithABadScheduleStopsStartUpWithOneLineNamingTheKey() throws Exception {
        Run run = runToExit("-Dpromobot.telegram.token=123:abc",
                "-Dpromobot.freeze-windows.weekend.schedule=0 0 16 * * FRI",
                "-Dpromobot.freeze-windows.weekend.duration=64H");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.linesMentioning("promobot.freeze-windows")).singleElement().asString()
                .startsWith("promobot.freeze-windows.weekend.schedule:");
    }

    @Test
    void aDatabaseUrlOfAnotherKindStopsStartUpWithOneLineNamingTheKey() throws Exception {
        Run run = runToExit("-Dpromobot.telegram.token=123:abc",
                "-Dquarkus.datasource.jdbc.url=jdbc:mysql://db:3306/promobot?password=secret");

        assertThat(run.exitCode).isNotZero();
        assertThat(run.linesMentioning("quarkus.datasource.jdbc.url")).singleElement().asString()
                .contains("quarkus.datasource.jdbc.url: promobot runs on H2 (jdbc:h2:...) or PostgreSQL")
                .contains("got 'jdbc:mysql://db:3306/promobot'");
        assertThat(run.output).doesNotContain("secret");
    }

    @Test
    void theSameJarRunsOnTheDatabaseItsUrlNamesAndMigratesIt() throws Exception {
        try (JarDatabase database = JarDatabase.fresh(workDir)) {
            int port = PackagedJar.freePort();
            List<String> properties = new ArrayList<>(database.properties());
            properties.addAll(List.of("-Dpromobot.telegram.token=123:abc", "-Dquarkus.http.port=" + port));
            Process process = PackagedJar.start(workDir, properties, Map.of(), "output.log");
            String readiness;
            try {
                readiness = awaitReady(port);
            } finally {
                PackagedJar.stop(process);
            }

            // The health check names the datasource in use: <default> is the H2 one.
            assertThat(readiness).contains(database.isPostgresql() ? "\"postgresql\"" : "\"<default>\"");
            try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT \"version\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\" DESC LIMIT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("migrated to the newest version").isEqualTo(newestMigration());
            }
        }
    }

    private static String newestMigration() throws IOException {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(file -> file.getFileName().toString())
                    .map(name -> name.substring(1, name.indexOf("__")))
                    .max(Comparator.comparingInt(Integer::parseInt)).orElseThrow();
        }
    }

    @Test
    void runsOnAnEmbeddedH2FileWhoseLocationIsChosenAtRunTime() throws Exception {
        int port = PackagedJar.freePort();
        Path database = workDir.resolve("elsewhere").resolve("promobot");
        Process process = PackagedJar.start(workDir, List.of("-Dpromobot.telegram.token=123:abc",
                "-Dquarkus.http.port=" + port, "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:" + database),
                Map.of(), "output.log");
        try {
            awaitReady(port);

            assertThat(database.resolveSibling("promobot.mv.db")).exists();
            assertThat(workDir.resolve("data")).doesNotExist();
        } finally {
            PackagedJar.stop(process);
        }
    }

    @Test
    void theSandboxWebChatListensOnThisMachineOnlyAndSaysWhere() throws Exception {
        int port = PackagedJar.freePort();
        Process process = PackagedJar.start(workDir, sandbox(port), Map.of(), "sandbox.log");
        try {
            awaitReady(port);

            assertThat(Files.readString(workDir.resolve("sandbox.log"), StandardCharsets.UTF_8))
                    .contains("Sandbox running: the web chat on http://127.0.0.1:" + port + "/");
            Optional<InetAddress> outward = nonLoopbackAddress();
            Assumptions.assumeTrue(outward.isPresent(), "this machine has no address but loopback");
            assertThatThrownBy(() -> new Socket(outward.get(), port).close()).isInstanceOf(ConnectException.class);
        } finally {
            PackagedJar.stop(process);
        }
    }

    @Test
    void theSandboxListensWhereQuarkusHttpHostSaysWhenItIsSet() throws Exception {
        int port = PackagedJar.freePort();
        List<String> args = new ArrayList<>(sandbox(port));
        args.add("-Dquarkus.http.host=0.0.0.0");
        Process process = PackagedJar.start(workDir, args, Map.of(), "sandbox.log");
        try {
            awaitReady(port);

            assertThat(Files.readString(workDir.resolve("sandbox.log"), StandardCharsets.UTF_8))
                    .contains("Sandbox running: the web chat on http://0.0.0.0:" + port + "/");
            Optional<InetAddress> outward = nonLoopbackAddress();
            Assumptions.assumeTrue(outward.isPresent(), "this machine has no address but loopback");
            new Socket(outward.get(), port).close();
        } finally {
            PackagedJar.stop(process);
        }
    }

    private static List<String> sandbox(int port) throws IOException {
        return List.of("-Dquarkus.profile=sandbox", "-Dquarkus.http.port=" + port,
                "-Dpromobot.sandbox.telegram-port=" + PackagedJar.freePort(),
                "-Dpromobot.sandbox.aws-port=" + PackagedJar.freePort(),
                "-Dpromobot.sandbox.github-port=" + PackagedJar.freePort());
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(PackagedJarIT::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private static String awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        AtomicReference<String> body = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> {
                    HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                    body.set(response.body());
                    return response.statusCode() == 200;
                });
        return body.get();
    }

    private record Run(int exitCode, String output) {
        List<String> linesMentioning(String text) {
            return output.lines().filter(line -> line.contains(text)).toList();
        }
    }

    private Run runToExit(String... properties) throws Exception {
        List<String> args = new ArrayList<>();
        args.add("-Dquarkus.http.port=" + PackagedJar.freePort());
        args.add("-Dquarkus.datasource.jdbc.url=jdbc:h2:mem:promobot-it");
        args.addAll(List.of(properties));
        Process process = PackagedJar.start(workDir, args, Map.of(), "output.log");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promobot exits on invalid configuration").isTrue();
        String output = Files.readString(workDir.resolve("output.log"), StandardCharsets.UTF_8);
        return new Run(process.exitValue(), output);
    }
}
