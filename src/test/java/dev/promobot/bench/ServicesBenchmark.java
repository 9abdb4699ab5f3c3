package dev.promobot.bench;

import dev.promobot.Cast;
import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.sandbox.TelegramStandIn;
import dev.promobot.sandbox.User;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One promobot for 30 services of three environments each (90 functions), run as an operator runs it: the
 * packaged jar, configured by its documented keys, against the Telegram and AWS stand-ins, every AWS answer 50 ms
 * late (as from a far region).
 *
 * <ul>
 *   <li>/status without a service: one compact line per service, every service read at once. Timed from the command
 *   to the reply; also the most GetFunction calls the stand-in received within any one second, against Lambda's
 *   limit of 100 a second.</li>
 *   <li>/audit over all 30 repositories of 1,000 images each, one section per repository.</li>
 * </ul>
 *
 * <pre>./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.promobot.bench.ServicesBenchmark</pre>
 * {@code -Dbench.images=1000}, {@code -Dbench.latency-ms=50}, {@code -Dbench.runs=30} change the figures.
 */
public final class ServicesBenchmark {

    private static final int SERVICES = 30;
    private static final int IMAGES = Integer.getInteger("bench.images", 1_000);
    private static final Duration LATENCY = Duration.ofMillis(Integer.getInteger("bench.latency-ms", 50));
    private static final int STATUS_RUNS = Integer.getInteger("bench.runs", 30);
    private static final int AUDIT_RUNS = 5;
    private static final List<String> ENVIRONMENTS = List.of("dev", "staging", "prod");

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw package -DskipTests");
        }
        Path work = Files.createTempDirectory("promobot-services-bench");
        try (TelegramStandIn telegram = TelegramStandIn.start(); AwsStandIn aws = AwsStandIn.start()) {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Dquarkus.http.port=0", "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:"
                    + work.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE"));
            for (int s = 1; s <= SERVICES; s++) {
                String service = "service-%02d".formatted(s);
                seed(aws, service);
                command.add("-Dpromobot.services." + service + ".ecr.repository=" + service);
                ENVIRONMENTS.forEach(env -> command.add("-Dpromobot.services." + service + ".environments." + env
                        + ".functions=" + service + "-" + env));
            }
            command.addAll(List.of("-Dpromobot.environments.staging.source=dev",
                    "-Dpromobot.environments.prod.source=staging", "-jar", jar.toAbsolutePath().toString()));
            User admin = Cast.ADMIN.user();
            ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("promobot.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("PROMOBOT_TELEGRAM_TOKEN", telegram.token());
            env.put("PROMOBOT_TELEGRAM_API_URL", telegram.baseUrl().toString());
            env.put("PROMOBOT_ACCESS_ADMINS", String.valueOf(admin.id()));
            env.put("PROMOBOT_AWS_ENDPOINT_OVERRIDE", aws.endpoint().toString());
            env.put("PROMOBOT_OUTSIDE_DEPLOYMENTS_INTERVAL", "off");
            env.put("PROMOBOT_APPROVAL_CHECK_INTERVAL", "off");
            env.put("AWS_ACCESS_KEY_ID", "bench");
            env.put("AWS_SECRET_ACCESS_KEY", "bench");
            aws.answerAfter(LATENCY);
            Process promobot = builder.start();
            try {
                long[] status = time(telegram, admin, "/status", STATUS_RUNS, "<b>Status</b> · 30 services");
                int busiest = aws.busiestSecond("GetFunction");
                long[] audit = time(telegram, admin, "/audit", AUDIT_RUNS, "images due to expire");
                System.out.printf("machine: %d cores, Java %s; %d services x %d environments, %d images each, "
                                + "every AWS answer %d ms late%n", Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"), SERVICES, ENVIRONMENTS.size(), IMAGES,
                        LATENCY.toMillis());
                System.out.printf("/status, %d runs after 2 warm-up: p50 %d ms, p99 %d ms, max %d ms "
                        + "(targets 1500 and 3000 ms)%n", STATUS_RUNS, percentile(status, 50),
                        percentile(status, 99), status[status.length - 1]);
                System.out.printf("GetFunction calls within the busiest second: %d (Lambda allows 100)%n", busiest);
                System.out.printf("/audit of %d repositories, %d runs after 2 warm-up: median %d ms, max %d ms "
                        + "(target 5000 ms)%n", SERVICES, AUDIT_RUNS, percentile(audit, 50), audit[audit.length - 1]);
                System.out.println("at " + Instant.now());
            } finally {
                promobot.destroy();
                promobot.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** A service: its repository of IMAGES daily builds, dev on the newest, staging on the 2nd, prod on the 5th. */
    private static void seed(AwsStandIn aws, String service) {
        String uri = aws.createRepository(service, "IMMUTABLE");
        aws.putLifecyclePolicy(service, Seed.LIFECYCLE_POLICY);
        LocalDate first = LocalDate.of(2020, 1, 1);
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            LocalDate day = first.plusDays(i);
            String tag = "sha-%07x-%s".formatted(i, day.format(DateTimeFormatter.BASIC_ISO_DATE));
            aws.pushImage(service, List.of(tag), day.atStartOfDay().toInstant(ZoneOffset.UTC), 30_000_000L + i);
            tags.add(0, tag);
        }
        aws.createFunction(service + "-dev", uri + ":" + tags.get(0));
        aws.createFunction(service + "-staging", uri + ":" + tags.get(1));
        aws.createFunction(service + "-prod", uri + ":" + tags.get(4));
    }

    /** Sends the command {@code runs} + 2 times (two warm-ups) and returns the measured times, sorted, in ms. */
    private static long[] time(TelegramStandIn telegram, User admin, String text, int runs, String expected)
            throws InterruptedException {
        long[] millis = new long[runs + 2];
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            SentMessage sent = telegram.userSends(admin.id(), "private", admin, text);
            Optional<SentMessage> reply = Optional.empty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(i == 0 ? 180 : 60);
            while (reply.isEmpty() && System.nanoTime() < deadline) {
                reply = telegram.botMessages(admin.id()).stream()
                        .filter(m -> m.replyToMessageId().equals(Optional.of(sent.messageId()))).findFirst();
                Thread.sleep(2);
            }
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            if (reply.isEmpty() || !reply.get().text().contains(expected)) {
                throw new IllegalStateException("no reply to " + text + ": " + reply.map(SentMessage::text));
            }
            // Telegram's one message a second per chat, which promobot keeps; an audit's reply spans several.
            Thread.sleep(text.equals("/audit") ? 12_000 : 1_100);
        }
        long[] measured = Arrays.copyOfRange(millis, 2, millis.length);
        Arrays.sort(measured);
        return measured;
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private ServicesBenchmark() {
    }
}
