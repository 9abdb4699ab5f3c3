package dev.promobot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.aws.AwsClients;
import dev.promobot.aws.EcrImageRegistry;
import dev.promobot.promotion.RegistryImage;
import dev.promobot.sandbox.AwsStandIn;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecr.EcrClient;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a repository of 10,000 images (10 pages of 1,000) from the AWS stand-in into promobot's domain values,
 * through the real SDK client and {@link EcrImageRegistry}, and reports wall time per full read and heap retained
 * per image. Targets: at most 1 s per read, at most 1 KiB per image. Results go to docs/benchmarks.md.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.promobot.bench.RegistryReadBenchmark</pre>
 */
public final class RegistryReadBenchmark {

    private static final int IMAGES = 10_000;
    private static final int WARMUP = 5;
    private static final int RUNS = 20;

    public static void main(String[] args) throws Exception {
        try (AwsStandIn standIn = AwsStandIn.start()) {
            standIn.createRepository("bench", "IMMUTABLE");
            LocalDate first = LocalDate.of(2020, 1, 1);
            for (int i = 0; i < IMAGES; i++) {
                LocalDate day = first.plusDays(i / 10);
                String tag = "sha-%07x-%s%02d0000".formatted(i, day.format(DateTimeFormatter.BASIC_ISO_DATE), i % 10);
                standIn.pushImage("bench", List.of(tag), day.atStartOfDay().toInstant(ZoneOffset.UTC), 30_000_000L + i);
            }
            StaticCredentialsProvider credentials =
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench"));
            try (EcrClient ecr = AwsClients.ecrClient("ap-southeast-1", Optional.of(standIn.endpoint()), credentials)) {
                EcrImageRegistry registry = new EcrImageRegistry(ecr, "bench", Optional.empty(), new ObjectMapper());

                for (int i = 0; i < WARMUP; i++) {
                    check(registry.images());
                }
                int pagesBefore = standIn.requestCount("DescribeImages");
                long[] millis = new long[RUNS];
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    check(registry.images());
                    millis[i] = (System.nanoTime() - start) / 1_000_000;
                }
                int pagesPerRead = (standIn.requestCount("DescribeImages") - pagesBefore) / RUNS;

                long before = usedHeapAfterGc();
                List<RegistryImage> retained = registry.images();
                long after = usedHeapAfterGc();
                check(retained);

                Arrays.sort(millis);
                System.out.printf("machine: %d cores, Java %s, max heap %d MiB%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                        Runtime.getRuntime().maxMemory() >> 20);
                System.out.printf("read %d images in %d DescribeImages pages, %d runs after %d warm-up runs%n",
                        retained.size(), pagesPerRead, RUNS, WARMUP);
                System.out.printf("wall per full read: min %d ms, median %d ms, max %d ms (target <= 1000 ms)%n",
                        millis[0], millis[RUNS / 2], millis[RUNS - 1]);
                System.out.printf("retained per image: %d bytes (target <= 1024)%n", (after - before) / IMAGES);
                System.out.println("at " + Instant.now());
            }
        }
    }

    private static void check(List<RegistryImage> images) {
        if (images.size() != IMAGES) {
            throw new IllegalStateException("read " + images.size() + " images, expected " + IMAGES);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        // Several collections until the figure settles: one System.gc() does not always finish the job.
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    private RegistryReadBenchmark() {
    }

}
