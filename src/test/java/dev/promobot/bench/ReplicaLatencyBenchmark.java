package dev.promobot.bench;

import dev.promobot.Cast;
import dev.promobot.WebhookUpdates;
import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.sandbox.TelegramStandIn;
import dev.promobot.sandbox.User;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Command-to-reply latency of /status with two packaged-jar replicas in webhook mode on one PostgreSQL database,
 * the benchmark playing the load balancer (each update POSTed to the replicas in turn): 20 commands a second for
 * 60 seconds over 40 private chats. Then the idle cost of long polling: one replica polling, getUpdates counted
 * for a minute after it answered one command.
 *
 * <pre>./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.promobot.bench.ReplicaLatencyBenchmark</pre>
 *
 * <p>PostgreSQL at {@code bench.db.url} (default jdbc:postgresql://127.0.0.1:5432/test, user postgres); a fresh
 * database is created for the run and dropped after it. For quick comparisons: {@code -Dbench.seconds=20} shortens
 * the measured run, {@code -Dbench.idle=false} skips the idle long-polling minute, {@code -Dbench.jar=path} runs
 * another build's jar (an older commit's, say) against the same load, and {@code -Dbench.jfr=directory} records
 * each replica with Java Flight Recorder, {@code -Dbench.keep-database=true} keeps the database, whose inbox
 * and outbox timestamps tell where a command's time went, {@code -Dbench.warm-up-rounds=n} warms up with n
 * commands from each user (30 by default, see {@link LatencyRun#WARM_UP_ROUNDS}),
 * {@code -Dbench.java-options="..."} gives the replicas other JVM options than the container image's JAVA_OPTS
 * ({@code -Dbench.java-options=} for none: {@code java -jar} as it is) and {@code -Dbench.java=path/to/bin/java}
 * another Java.
 */
public final class ReplicaLatencyBenchmark {

    private static final int RATE_PER_SECOND = 20;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    private static final int CHATS = 40;
    private static final String SECRET = "bench-webhook-secret";
    private static final String ADMIN_URL = System.getProperty("bench.db.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("bench.db.username", "postgres");
    private static final boolean IDLE = Boolean.parseBoolean(System.getProperty("bench.idle", "true"));
    private static final boolean KEEP = Boolean.getBoolean("bench.keep-database");
    /** The replicas run as the container image runs them, with its JAVA_OPTS, unless told otherwise. */
    private static final String JAVA_OPTIONS = Optional.ofNullable(System.getProperty("bench.java-options"))
            .orElseGet(ImageJavaOptions::read);

    /** The replicas' Java: the benchmark's own unless {@code -Dbench.java=path/to/bin/java} names another. */
    private static final Path JAVA = Optional.ofNullable(System.getProperty("bench.java"))
            .filter(java -> !java.isBlank()).map(Path::of)
            .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw package -DskipTests");
        }
        Path work = Files.createTempDirectory("promobot-bench");
        System.out.println("replica logs in " + work);
        System.out.println("replicas' JVM options: " + (JAVA_OPTIONS.isBlank() ? "none" : JAVA_OPTIONS));
        // Named after the database the benchmark connects to, so it stays among the names given to it.
        String database = ADMIN_URL.substring(ADMIN_URL.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_].*", "")
                + "_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + database);
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
        try (TelegramStandIn telegram = TelegramStandIn.start(); AwsStandIn aws = AwsStandIn.seeded()) {
            List<User> users = Cast.crowdOfViewers(CHATS).stream().map(Cast.Person::user).toList();
            int[] ports = {freePort(), freePort()};
            List<Process> replicas = new ArrayList<>();
            try {
                for (int i = 0; i < ports.length; i++) {
                    replicas.add(start(jar, work, "replica-" + i, ports[i], url, "webhook", telegram, aws, users));
                }
                for (int port : ports) {
                    awaitReady(port);
                }
                Webhooks webhooks = new Webhooks(ports);
                LatencyRun load = new LatencyRun(telegram, users, webhooks::deliver);
                load.warmUp("/status", LatencyRun.WARM_UP_ROUNDS);
                long cpuBefore = cpuMillis(replicas);
                LatencyRun.report("two webhook replicas on PostgreSQL, /status at " + RATE_PER_SECOND + "/s for "
                        + SECONDS + " s", load.measure("/status", RATE_PER_SECOND, SECONDS));
                // What the replicas themselves spent, which the machine's other work does not change much.
                System.out.printf("replicas' CPU: %.1f ms per command%n",
                        (cpuMillis(replicas) - cpuBefore) / (double) (RATE_PER_SECOND * SECONDS));
                webhooks.senders.shutdown();
            } finally {
                stop(replicas);
            }
            if (IDLE) {
                System.out.printf("idle long polling: %d getUpdates in the minute after one command%n",
                        idleGetUpdates(jar, work, url, telegram, aws, users));
            }
        } finally {
            if (KEEP) {
                System.out.println("database kept: " + database);
            } else {
                execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }

    /** Plays the load balancer: each update goes to the next replica. */
    private static final class Webhooks {
        private final HttpClient http = HttpClient.newHttpClient();
        private final int[] ports;
        private final AtomicLong next = new AtomicLong();
        private final AtomicLong updateIds = new AtomicLong(5_000_000);
        private final ExecutorService senders = Executors.newFixedThreadPool(8);

        Webhooks(int[] ports) {
            this.ports = ports;
        }

        void deliver(SentMessage message) {
            String update = WebhookUpdates.of(message, updateIds.incrementAndGet(), "private");
            int port = ports[(int) (next.getAndIncrement() % ports.length)];
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/telegram/webhook")).header("Content-Type", "application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                    .POST(HttpRequest.BodyPublishers.ofString(update)).build();
            senders.execute(() -> {
                try {
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                    System.out.println("webhook call failed: " + e);
                }
            });
        }
    }

    private static Process start(Path jar, Path work, String name, int port, String url, String mode,
                                 TelegramStandIn telegram, AwsStandIn aws, List<User> users) throws Exception {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + url, "-Dquarkus.datasource.username=" + USER));
        // The container image's JAVA_OPTS, or -Dbench.java-options="...".
        command.addAll(1, List.of(JAVA_OPTIONS.split(" ")).stream().filter(option -> !option.isBlank()).toList());
        // -Dbench.jfr=directory records each replica with Java Flight Recorder, to see where the time goes.
        Optional.ofNullable(System.getProperty("bench.jfr")).ifPresent(directory -> command.add(
                "-XX:StartFlightRecording=settings=profile,filename=" + Path.of(directory, name + ".jfr")));
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("PROMOBOT_") || key.startsWith("QUARKUS_"));
        env.put("PROMOBOT_TELEGRAM_TOKEN", telegram.token());
        env.put("PROMOBOT_TELEGRAM_API_URL", telegram.baseUrl().toString());
        env.put("PROMOBOT_TELEGRAM_MODE", mode);
        env.put("PROMOBOT_TELEGRAM_WEBHOOK_SECRET", SECRET);
        env.put("PROMOBOT_ACCESS_VIEWERS", users.stream().map(user -> String.valueOf(user.id()))
                .collect(Collectors.joining(",")));
        env.put("PROMOBOT_AWS_ENDPOINT_OVERRIDE", aws.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        return builder.start();
    }

    private static long idleGetUpdates(Path jar, Path work, String url, TelegramStandIn telegram, AwsStandIn aws,
                                       List<User> users) throws Exception {
        int port = freePort();
        Process poller = start(jar, work, "poller", port, url, "long-polling", telegram, aws, users);
        try {
            awaitReady(port);
            User user = users.get(0);
            SentMessage sent = telegram.userSends(user.id(), "private", user, "/whoami");
            while (new LatencyRun(telegram, users, message -> { }).reply(sent).isEmpty()) {
                Thread.sleep(20);
            }
            int before = telegram.requestCount("getUpdates");
            Thread.sleep(TimeUnit.SECONDS.toMillis(60));
            return telegram.requestCount("getUpdates") - before;
        } finally {
            stop(List.of(poller));
        }
    }

    private static long cpuMillis(List<Process> processes) {
        return processes.stream().mapToLong(process -> process.info().totalCpuDuration()
                .map(java.time.Duration::toMillis).orElse(0L)).sum();
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("replica on port " + port + " never became ready");
    }

    private static void stop(List<Process> processes) throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void execute(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private ReplicaLatencyBenchmark() {
    }
}
