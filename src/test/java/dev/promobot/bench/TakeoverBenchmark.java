package dev.promobot.bench;

import dev.promobot.Cast;
import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.TelegramStandIn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * From a replica's death to its deployment being settled by another replica: two packaged-jar replicas on one
 * PostgreSQL database, the owner killed (SIGKILL) while it waits on a Lambda update, the update then allowed to
 * finish. Measured from the kill to the deployment's finished_at, per round; the target is at most lease + sweep
 * interval + 5 s. Each round deploys to staging again (a promotion, then a rollback, in turn) and restarts the
 * replica it killed.
 *
 * <pre>./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.promobot.bench.TakeoverBenchmark</pre>
 */
public final class TakeoverBenchmark {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final Duration LEASE = Duration.ofSeconds(Integer.getInteger("bench.lease-seconds", 10));
    private static final Duration SWEEP = Duration.ofSeconds(Integer.getInteger("bench.sweep-seconds", 2));
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw package -DskipTests");
        }
        Path work = Files.createTempDirectory("promobot-takeover");
        String database = "promobot_bench_takeover";
        sql(SERVER + "test", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        sql(SERVER + "test", "CREATE DATABASE " + database);
        List<Process> replicas = new ArrayList<>();
        try (TelegramStandIn telegram = TelegramStandIn.start(); AwsStandIn aws = AwsStandIn.seeded()) {
            telegram.openChat(Cast.TEAM_CHAT, "supergroup", "Team");
            Map<String, String> env = Map.of(
                    "PROMOBOT_TELEGRAM_TOKEN", telegram.token(),
                    "PROMOBOT_TELEGRAM_API_URL", telegram.baseUrl().toString(),
                    "PROMOBOT_TELEGRAM_CHATS", String.valueOf(Cast.TEAM_CHAT),
                    "PROMOBOT_ACCESS_DEPLOYERS", String.valueOf(Cast.DEPLOYER.id()),
                    "PROMOBOT_AWS_ENDPOINT_OVERRIDE", aws.endpoint().toString(),
                    "PROMOBOT_DEPLOYMENTS_LEASE", LEASE.toSeconds() + "S",
                    "PROMOBOT_DEPLOYMENTS_SWEEP_INTERVAL", SWEEP.toSeconds() + "S",
                    "PROMOBOT_TELEGRAM_WEBHOOK_SECRET", "bench-webhook-secret",
                    "AWS_ACCESS_KEY_ID", "bench",
                    "AWS_SECRET_ACCESS_KEY", "bench");
            String url = SERVER + database;
            Process other = start(jar, work, url, env, "webhook", "other.log");
            replicas.add(other);
            List<Duration> settledAfter = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                String ownerLog = "owner-" + round + ".log";
                Process owner = start(jar, work, url, env, "long-polling", ownerLog);
                replicas.add(owner);
                waitFor(() -> log(work, ownerLog).contains("Connected to Telegram"), Duration.ofSeconds(60));
                int updates = aws.requestCount("UpdateFunctionCode");
                long before = newestDeployment(url);
                aws.holdUpdates(true);
                telegram.userSends(Cast.TEAM_CHAT, "supergroup", Cast.DEPLOYER.user(),
                        round % 2 == 0 ? "/promote staging" : "/rollback staging");
                waitFor(() -> aws.requestCount("UpdateFunctionCode") > updates, Duration.ofSeconds(60));
                owner.destroyForcibly().waitFor();
                Instant killed = Instant.now();
                aws.holdUpdates(false);
                waitFor(() -> finishedAt(url, before) != null, LEASE.plus(SWEEP).plusSeconds(60));
                Duration took = Duration.between(killed, finishedAt(url, before));
                settledAfter.add(took);
                System.out.printf("round %d: settled %.1f s after the owner died%n", round + 1,
                        took.toMillis() / 1000.0);
            }
            Collections.sort(settledAfter);
            System.out.printf("lease %d s, sweep %d s: median %.1f s, max %.1f s (target at most %d s)%n",
                    LEASE.toSeconds(), SWEEP.toSeconds(), settledAfter.get(settledAfter.size() / 2).toMillis()
                            / 1000.0, settledAfter.get(settledAfter.size() - 1).toMillis() / 1000.0,
                    LEASE.plus(SWEEP).plusSeconds(5).toSeconds());
        } finally {
            for (Process replica : replicas) {
                replica.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            sql(SERVER + "test", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static Process start(Path jar, Path work, String url, Map<String, String> env, String mode, String log)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.http.port=0", "-Dquarkus.datasource.jdbc.url=" + url,
                "-Dquarkus.datasource.username=postgres", "-jar", jar.toAbsolutePath().toString())
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve(log).toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMOBOT_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        builder.environment().put("PROMOBOT_TELEGRAM_MODE", mode);
        return builder.start();
    }

    private static String log(Path work, String name) {
        try {
            return Files.readString(work.resolve(name));
        } catch (Exception e) {
            return "";
        }
    }

    private static long newestDeployment(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(id), 0) FROM deployment")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** When the first deployment after {@code after} finished, or null while none has. */
    private static Instant finishedAt(String url, long after) {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement s = c.prepareStatement("SELECT finished_at FROM deployment WHERE id > ? "
                     + "AND kind <> 'outside' ORDER BY id LIMIT 1")) {
            s.setLong(1, after);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                OffsetDateTime finished = rs.getObject(1, OffsetDateTime.class);
                return finished == null ? null : finished.toInstant();
            }
        } catch (SQLException e) {
            return null;
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration atMost) throws InterruptedException {
        Instant deadline = Instant.now().plus(atMost);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("gave up waiting after " + atMost);
            }
            Thread.sleep(100);
        }
    }

    private static void sql(String url, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }
}
