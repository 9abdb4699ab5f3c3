package dev.promobot.bench;

import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.TelegramStandIn;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * How fast the packaged jar is ready, and how much memory it holds when idle, run as an operator runs it (prod
 * profile, configured by environment variables) against the Telegram and AWS stand-ins on loopback, on a
 * migrated H2 file database. One start migrates the database and is not counted; then {@code bench.starts}
 * (10) starts are timed from launching the process to the first 200 from /q/health/ready. The last one then
 * stays idle for {@code bench.idle-seconds} (60) and its resident memory (VmRSS) is read.
 *
 * <p>The jar is started from its own folder, as the container image starts it. {@code -Dbench.jvm="..."} adds JVM
 * options to every start, as the image's JAVA_OPTS do, so settings can be compared; {@code -Dbench.java=...} names
 * the java launcher (default: the one running the benchmark), so the jar can be measured on the image's JDK;
 * {@code -Dbench.jar=...} names another jar. {@code -Dbench.cache=app.aot} (JDK 25's AOT cache) or
 * {@code -Dbench.cache=app-cds.jsa} (JDK 17's AppCDS) first makes the cache as the image does, with
 * docker/train-aot-cache.sh and the same java and options, in the benchmark's own folder, and then starts the jar
 * with it every time.
 *
 * <pre>./mvnw -q package -DskipTests && ./mvnw -q exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.promobot.bench.StartupBenchmark</pre>
 */
public final class StartupBenchmark {

    private static final int STARTS = Integer.getInteger("bench.starts", 10);
    private static final int IDLE_SECONDS = Integer.getInteger("bench.idle-seconds", 60);
    private static final Path JAR = Path.of(System.getProperty("bench.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final String JVM_OPTIONS = System.getProperty("bench.jvm", "").trim();
    private static final List<String> JVM = Arrays.stream(JVM_OPTIONS.split("\\s+"))
            .filter(option -> !option.isBlank()).toList();
    private static final Path JAVA = Path.of(System.getProperty("bench.java",
            Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    private static final Optional<String> CACHE = Optional.ofNullable(System.getProperty("bench.cache"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    public static void main(String[] args) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("build the jar first: ./mvnw package -DskipTests");
        }
        Path work = Files.createTempDirectory("promobot-startup");
        List<String> options = new ArrayList<>(JVM);
        Optional<Path> cache = CACHE.map(work::resolve);
        if (cache.isPresent()) {
            options.add(useCache(train(cache.get())));
        }
        try (TelegramStandIn telegram = TelegramStandIn.start(); AwsStandIn aws = AwsStandIn.seeded()) {
            stop(start(work, options, telegram, aws).process()); // migrates the database; not counted
            double[] readyMillis = new double[STARTS];
            Started last = null;
            for (int i = 0; i < STARTS; i++) {
                if (last != null) {
                    stop(last.process());
                }
                last = start(work, options, telegram, aws);
                readyMillis[i] = last.readyMillis();
            }
            Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
            long rssKib = residentKib(last.process().pid());
            stop(last.process());

            Arrays.sort(readyMillis);
            System.out.printf("java: %s (%s)%n", JAVA, javaVersion());
            System.out.printf("JVM options: %s%n", options.isEmpty() ? "(none)" : String.join(" ", options));
            System.out.printf("ready after launch, %d starts: min %.0f ms, median %.0f ms, max %.0f ms%n", STARTS,
                    readyMillis[0], median(readyMillis), readyMillis[STARTS - 1]);
            System.out.printf("resident memory after %d s idle: %d MiB%n", IDLE_SECONDS, rssKib / 1024);
        } finally {
            if (cache.isPresent()) {
                Files.deleteIfExists(cache.get()); // tens of MB; the log stays for a look
            }
        }
    }

    private record Started(Process process, double readyMillis) {
    }

    /** Makes the cache as the container image does: docker/train-aot-cache.sh, with this java and these options. */
    private static Path train(Path cache) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("sh", "docker/train-aot-cache.sh",
                JAR.toAbsolutePath().getParent().toString(), cache.toString()).inheritIO();
        builder.environment().put("JAVA", JAVA.toString());
        builder.environment().put("JAVA_OPTS", JVM_OPTIONS);
        builder.environment().put("TRAINING_PORT", String.valueOf(freePort()));
        Process training = builder.start();
        if (!training.waitFor(5, TimeUnit.MINUTES) || training.exitValue() != 0) {
            training.destroyForcibly();
            throw new IllegalStateException("the training run failed; see above");
        }
        return cache;
    }

    private static String useCache(Path cache) {
        return (cache.toString().endsWith(".aot") ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + cache;
    }

    private static String javaVersion() throws Exception {
        Process version = new ProcessBuilder(JAVA.toString(), "-version").redirectErrorStream(true).start();
        String first = new String(version.getInputStream().readAllBytes()).lines().findFirst().orElse("?");
        version.waitFor();
        return first;
    }

    private static Started start(Path work, List<String> options, TelegramStandIn telegram, AwsStandIn aws)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(JAVA.toString());
        command.addAll(options);
        // From the jar's folder, as the container image runs it: an AppCDS archive names its jars relative to it.
        command.addAll(List.of("-jar", JAR.getFileName().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(JAR.toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("promobot.log").toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("PROMOBOT_") || name.startsWith("QUARKUS_"));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:h2:file:" + work.resolve("db") + ";DB_CLOSE_ON_EXIT=FALSE");
        env.put("PROMOBOT_TELEGRAM_TOKEN", telegram.token());
        env.put("PROMOBOT_TELEGRAM_API_URL", telegram.baseUrl().toString());
        env.put("PROMOBOT_AWS_ENDPOINT_OVERRIDE", aws.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        long launched = System.nanoTime();
        Process process = builder.start();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        while (!isReady(ready)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("promobot stopped; see " + work.resolve("promobot.log"));
            }
            if (System.nanoTime() - launched > TimeUnit.SECONDS.toNanos(60)) {
                throw new IllegalStateException("not ready within 60 s; see " + work.resolve("promobot.log"));
            }
            Thread.sleep(10);
        }
        return new Started(process, (System.nanoTime() - launched) / 1e6);
    }

    private static boolean isReady(URI ready) {
        try {
            return HTTP.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long residentKib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElseThrow();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private StartupBenchmark() {
    }
}
