package dev.promobot.aws;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * Starts moto's server mode (python3 -m moto.server) once for the test run, on a free loopback port, with Lambda
 * checking images against moto's own ECR. Where moto is not installed the tests that use it are skipped with a
 * message, except in CI (CI=true), where that is a failure: CI must prove the adapters against moto.
 */
public final class MotoServer implements BeforeAllCallback {

    private static final String PYTHON = System.getenv().getOrDefault("MOTO_PYTHON", "python3");

    private static Running running;

    /** The server process, stopped when the whole test run ends. */
    private record Running(Process process, URI endpoint) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            running = null;
        }
    }

    /** The running server; call from tests annotated with this extension. */
    public static URI endpoint() {
        return running.endpoint();
    }

    /** Empties every service, as a fresh server would be. */
    public static void reset() {
        try {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(running.endpoint().resolve("/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException("moto did not answer a reset", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (MotoServer.class) {
            if (running != null) {
                return;
            }
            if (!motoInstalled()) {
                String message = "moto is not installed (" + PYTHON + " -m moto.server): skipping the moto contract tests";
                if ("true".equals(System.getenv("CI"))) {
                    throw new IllegalStateException(message.replace("skipping", "CI cannot skip"));
                }
                System.out.println("SKIPPED: " + message);
                Assumptions.abort(message);
            }
            running = start();
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(MotoServer.class.getName(), running);
        }
    }

    private static boolean motoInstalled() {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import moto.server").redirectErrorStream(true).start();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Running start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-", ".log");
        ProcessBuilder builder = new ProcessBuilder(PYTHON, "-m", "moto.server", "-H", "127.0.0.1", "-p",
                String.valueOf(port)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MOTO_LAMBDA_STUB_ECR", "false");
        Process process = builder.start();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newHttpClient();
        await("moto server on " + endpoint + " (log: " + log + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> process.isAlive() && http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() < 500);
        return new Running(process, endpoint);
    }
}
