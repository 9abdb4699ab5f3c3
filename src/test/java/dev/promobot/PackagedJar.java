package dev.promobot;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
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
