package dev.promobot.bench;

import dev.promobot.Cast;
import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.sandbox.TelegramStandIn;
import dev.promobot.sandbox.User;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Command-to-reply latency of /status, the packaged jar against the Telegram and AWS stand-ins over loopback:
 * 20 commands a second for 60 seconds, spread over 40 private chats so that Telegram's one-message-a-second per
 * chat limit (which promobot keeps) does not queue replies. Latency is measured from the moment the stand-in
 * offers the update to the moment promobot's reply arrives; it includes the long-poll delivery and the AWS
 * reads /status makes, and the stand-ins add no deliberate delay to either.
 *
 * <pre>./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.promobot.bench.ChatLatencyBenchmark</pre>
 */
public final class ChatLatencyBenchmark {

    private static final int RATE_PER_SECOND = 20;
    private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    private static final int CHATS = 40;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw package -DskipTests");
        }
        Path work = Files.createTempDirectory("promobot-bench");
        try (TelegramStandIn telegram = TelegramStandIn.start(); AwsStandIn aws = AwsStandIn.seeded()) {
            List<User> users = Cast.crowdOfViewers(CHATS).stream().map(Cast.Person::user).toList();
            String viewers = users.stream().map(user -> String.valueOf(user.id())).collect(Collectors.joining(","));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Dquarkus.http.port=0", "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:"
                    + work.resolve("db")));
            // -Dbench.jfr=file records promobot's side with Java Flight Recorder, to see where the time goes.
            Optional.ofNullable(System.getProperty("bench.jfr")).ifPresent(file -> command.add(
                    "-XX:StartFlightRecording=settings=profile,filename=" + file));
            command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(work.toFile()).redirectErrorStream(true).redirectOutput(work.resolve("promobot.log")
                            .toFile());
            Map<String, String> env = builder.environment();
            env.put("PROMOBOT_TELEGRAM_TOKEN", telegram.token());
            env.put("PROMOBOT_TELEGRAM_API_URL", telegram.baseUrl().toString());
            env.put("PROMOBOT_ACCESS_VIEWERS", viewers);
            env.put("PROMOBOT_AWS_ENDPOINT_OVERRIDE", aws.endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", "bench");
            env.put("AWS_SECRET_ACCESS_KEY", "bench");
            Process promobot = builder.start();
            try {
                warmUp(telegram, users);
                List<Long> latencies = run(telegram, users);
                report(latencies);
            } finally {
                promobot.destroy();
                promobot.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void warmUp(TelegramStandIn telegram, List<User> users) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        for (int round = 0; round < 3; round++) {
            for (User user : users) {
                SentMessage sent = telegram.userSends(user.id(), "private", user, "/status");
                while (reply(telegram, sent).isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("promobot did not answer during warm-up");
                    }
                    Thread.sleep(5);
                }
            }
        }
    }

    private static List<Long> run(TelegramStandIn telegram, List<User> users) throws InterruptedException {
        Map<SentMessage, Long> outstanding = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        // Each change in the stand-in is checked against the commands still waiting for a reply.
        var subscription = telegram.onChange(() -> {
            long now = System.nanoTime();
            outstanding.forEach((sent, at) -> {
                if (reply(telegram, sent).isPresent() && outstanding.remove(sent) != null) {
                    latencies.add(now - at);
                }
            });
        });
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        int total = RATE_PER_SECOND * SECONDS;
        int[] next = {0};
        clock.scheduleAtFixedRate(() -> {
            if (next[0] < total) {
                User user = users.get(next[0]++ % users.size());
                long at = System.nanoTime();
                SentMessage sent = telegram.userSends(user.id(), "private", user, "/status");
                outstanding.put(sent, at);
            }
        }, 0, 1000 / RATE_PER_SECOND, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS + 30);
        while ((next[0] < total || !outstanding.isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        clock.shutdownNow();
        subscription.close();
        if (!outstanding.isEmpty()) {
            System.out.println("unanswered: " + outstanding.size());
        }
        return latencies;
    }

    private static Optional<SentMessage> reply(TelegramStandIn telegram, SentMessage sent) {
        return telegram.botMessages(sent.chatId()).stream()
                .filter(message -> message.replyToMessageId().equals(Optional.of(sent.messageId()))).findFirst();
    }

    private static void report(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.printf("/status at %d/s for %d s: %d replies%n", RATE_PER_SECOND, SECONDS, sorted.size());
        System.out.printf("latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (targets: p50 <= 15, p99 <= 60)%n",
                ms(sorted, 0.50), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
        System.out.println("measured over " + Duration.ofSeconds(SECONDS));
    }

    private static double ms(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
    }

    private ChatLatencyBenchmark() {
    }
}
