package dev.promobot.bench;

import dev.promobot.Cast;
import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.TelegramStandIn;
import dev.promobot.sandbox.User;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                LatencyRun load = new LatencyRun(telegram, users, sent -> { });
                load.warmUp("/status", LatencyRun.WARM_UP_ROUNDS);
                LatencyRun.report("/status at " + RATE_PER_SECOND + "/s for " + SECONDS + " s",
                        load.measure("/status", RATE_PER_SECOND, SECONDS));
            } finally {
                promobot.destroy();
                promobot.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }






    private ChatLatencyBenchmark() {
    }
}
