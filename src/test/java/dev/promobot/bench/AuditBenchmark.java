package dev.promobot.bench;

import dev.promobot.Cast;
import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.sandbox.TelegramStandIn;
import dev.promobot.sandbox.User;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The whole ECR lifecycle audit over a repository of 10,000 images, as an admin runs it: /audit sent to the
 * packaged jar through the Telegram stand-in, with ECR and Lambda played by the AWS stand-in, timed from the
 * command to the reply. That span holds reading the repository in one paginated pass, its policy and mutability,
 * what each environment runs, the evaluation, the report, storing it and sending it.
 *
 * <pre>./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.promobot.bench.AuditBenchmark</pre>
 */
public final class AuditBenchmark {

    private static final int IMAGES = 10_000;
    private static final int RUNS = 10;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw package -DskipTests");
        }
        Path work = Files.createTempDirectory("promobot-audit-bench");
        try (TelegramStandIn telegram = TelegramStandIn.start(); AwsStandIn aws = AwsStandIn.start()) {
            String uri = aws.createRepository(Seed.REPOSITORY, "IMMUTABLE");
            aws.putLifecyclePolicy(Seed.REPOSITORY, Seed.LIFECYCLE_POLICY);
            LocalDate first = LocalDate.of(2020, 1, 1);
            String newest = null;
            for (int i = 0; i < IMAGES; i++) {
                LocalDate day = first.plusDays(i / 10);
                String tag = "sha-%07x-%s%02d0000".formatted(i, day.format(DateTimeFormatter.BASIC_ISO_DATE), i % 10);
                aws.pushImage(Seed.REPOSITORY, List.of(tag), day.atStartOfDay().toInstant(ZoneOffset.UTC),
                        30_000_000L + i);
                newest = tag;
            }
            aws.createFunction(Seed.DEV_FUNCTION, uri + ":" + newest);
            aws.createFunction(Seed.STAGING_FUNCTION, uri + ":" + newest);
            aws.createFunction(Seed.PROD_FUNCTION, uri + ":" + newest);

            User admin = Cast.ADMIN.user();
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Dquarkus.http.port=0", "-Dquarkus.datasource.jdbc.url=jdbc:h2:file:"
                    + work.resolve("db"), "-jar", jar.toAbsolutePath().toString())
                    .directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("promobot.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("PROMOBOT_TELEGRAM_TOKEN", telegram.token());
            env.put("PROMOBOT_TELEGRAM_API_URL", telegram.baseUrl().toString());
            env.put("PROMOBOT_ACCESS_ADMINS", String.valueOf(admin.id()));
            env.put("PROMOBOT_AWS_ENDPOINT_OVERRIDE", aws.endpoint().toString());
            env.put("AWS_ACCESS_KEY_ID", "bench");
            env.put("AWS_SECRET_ACCESS_KEY", "bench");
            Process promobot = builder.start();
            try {
                long[] millis = new long[RUNS + 2];
                for (int i = 0; i < millis.length; i++) {
                    long start = System.nanoTime();
                    SentMessage sent = telegram.userSends(admin.id(), "private", admin, "/audit");
                    Optional<SentMessage> reply = Optional.empty();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(i == 0 ? 120 : 30);
                    while (reply.isEmpty() && System.nanoTime() < deadline) {
                        reply = telegram.botMessages(admin.id()).stream()
                                .filter(m -> m.replyToMessageId().equals(Optional.of(sent.messageId()))).findFirst();
                        Thread.sleep(2);
                    }
                    millis[i] = (System.nanoTime() - start) / 1_000_000;
                    if (reply.isEmpty() || !reply.get().text().contains("images due to expire")) {
                        throw new IllegalStateException("no audit reply: " + reply.map(SentMessage::text));
                    }
                    Thread.sleep(1100); // Telegram's one message a second per chat, which promobot keeps
                }
                long[] measured = Arrays.copyOfRange(millis, 2, millis.length); // two warm-up runs
                Arrays.sort(measured);
                System.out.printf("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                        System.getProperty("java.version"));
                System.out.printf("/audit over %d images, %d runs after 2 warm-up: min %d ms, median %d ms, "
                        + "max %d ms (target <= 2000 ms)%n", IMAGES, RUNS, measured[0], measured[RUNS / 2],
                        measured[RUNS - 1]);
                System.out.println("at " + Instant.now());
            } finally {
                promobot.destroy();
                promobot.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private AuditBenchmark() {
    }
}
