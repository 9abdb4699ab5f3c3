package dev.promobot;

import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.TelegramStandIn;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as an operator starts it: a process of its own in a folder of its own, configured only by the
 * -D properties and environment variables a test passes (no PROMOBOT_ or QUARKUS_ variable is inherited).
 */
final class PackagedJar {

    static final Path JAR = Path.of(System.getProperty("promobot.jar", "target/quarkus-app/quarkus-run.jar"));

    private PackagedJar() {
    }

    static Process start(Path workDir, List<String> properties, Map<String, String> environment, String log)
            throws IOException {
        assertThat(JAR).as("the packaged jar (mvn package builds it)").exists();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(properties);
        command.add("-jar");
        command.add(JAR.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(log).toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PROMOBOT_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * The environment that points the jar at the Telegram and AWS stand-ins, with the team chat and its deployer;
     * a test adds what it needs on top.
     */
    static Map<String, String> againstStandIns(TelegramStandIn telegram, AwsStandIn aws) {
        return new HashMap<>(Map.of(
                "PROMOBOT_TELEGRAM_TOKEN", telegram.token(),
                "PROMOBOT_TELEGRAM_API_URL", telegram.baseUrl().toString(),
                "PROMOBOT_TELEGRAM_CHATS", String.valueOf(Cast.TEAM_CHAT),
                "PROMOBOT_ACCESS_DEPLOYERS", String.valueOf(Cast.DEPLOYER.id()),
                "PROMOBOT_AWS_ENDPOINT_OVERRIDE", aws.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "sandbox",
                "AWS_SECRET_ACCESS_KEY", "sandbox"));
    }

    /** Stops it as an orchestrator would: SIGTERM, then SIGKILL after 30 seconds. */
    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
