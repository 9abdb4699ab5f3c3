package dev.promobot.bench;

import dev.promobot.lifecycle.Evaluation;
import dev.promobot.lifecycle.LifecycleEvaluator;
import dev.promobot.lifecycle.LifecycleImage;
import dev.promobot.lifecycle.LifecyclePolicy;
import dev.promobot.lifecycle.StorageClass;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Times {@link LifecycleEvaluator#evaluate} on a large repository of 100,000 images. Not a test; results go to
 * docs/benchmarks.md.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.promobot.bench.LifecycleBenchmark</pre>
 */
public final class LifecycleBenchmark {

    private static final int IMAGES = 100_000;
    private static final int WARM_UP_RUNS = 15;
    private static final int TIMED_RUNS = 20;
    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");

    private static final String POLICY = """
            {"rules": [
              {"rulePriority": 1, "description": "untagged layers go after a week",
               "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                             "countUnit": "days", "countNumber": 7},
               "action": {"type": "expire"}},
              {"rulePriority": 2, "description": "keep the last 500 sha- images",
               "selection": {"tagStatus": "tagged", "tagPrefixList": ["sha-"],
                             "countType": "imageCountMoreThan", "countNumber": 500},
               "action": {"type": "expire"}},
              {"rulePriority": 3, "description": "archive anything not pulled for 90 days",
               "selection": {"tagStatus": "any", "countType": "sinceImagePulled",
                             "countUnit": "days", "countNumber": 90},
               "action": {"type": "transition", "targetStorageClass": "archive"}}
            ]}
            """;

    private LifecycleBenchmark() {
    }

    public static void main(String[] args) {
        LifecyclePolicy policy = LifecyclePolicy.parse(POLICY).policy().orElseThrow();
        List<LifecycleImage> images = repository(new Random(42));

        Evaluation evaluation = null;
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            evaluation = LifecycleEvaluator.evaluate(policy, images, NOW);
        }
        double[] millis = new double[TIMED_RUNS];
        for (int i = 0; i < TIMED_RUNS; i++) {
            long start = System.nanoTime();
            evaluation = LifecycleEvaluator.evaluate(policy, images, NOW);
            millis[i] = (System.nanoTime() - start) / 1_000_000.0;
        }
        Arrays.sort(millis);

        System.out.printf("machine: %d cores, Java %s (%s)%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"));
        System.out.printf("evaluated %,d images against %d rules, %d timed runs after %d warm-up runs%n",
                images.size(), policy.rules().size(), TIMED_RUNS, WARM_UP_RUNS);
        System.out.printf("verdicts: %d expire, %d transition; per rule %s%n",
                evaluation.expired().size(), evaluation.transitioned().size(), evaluation.byRule());
        System.out.printf("ms: min %.1f, median %.1f, max %.1f%n",
                millis[0], (millis[TIMED_RUNS / 2 - 1] + millis[TIMED_RUNS / 2]) / 2, millis[TIMED_RUNS - 1]);
    }

    /**
     * A busy repository over two years: mostly sha- builds, release builds, untagged leftovers, multi-arch
     * manifest lists with two platform images each, and some archived images.
     */
    private static List<LifecycleImage> repository(Random random) {
        List<LifecycleImage> images = new ArrayList<>(IMAGES);
        int serial = 0;
        while (images.size() < IMAGES) {
            Instant pushed = NOW.minus(Duration.ofMinutes(random.nextInt(2 * 365 * 24 * 60)));
            Optional<Instant> pulled = random.nextInt(3) == 0
                    ? Optional.empty()
                    : Optional.of(pushed.plus(Duration.ofMinutes(random.nextInt(
                            (int) Duration.between(pushed, NOW).toMinutes() + 1))));
            boolean archived = random.nextInt(20) == 0;
            int kind = random.nextInt(10);
            String sha = String.format("sha-%07x", serial);
            List<String> tags = kind < 6 ? List.of(sha)
                    : kind < 7 ? List.of("release-" + serial)
                    : List.of();
            List<String> children = List.of();
            if (kind == 9 && images.size() + 3 <= IMAGES) {
                String amd64 = digest(serial, 1);
                String arm64 = digest(serial, 2);
                images.add(image(amd64, List.of(), pushed, pulled, StorageClass.STANDARD, List.of()));
                images.add(image(arm64, List.of(), pushed, pulled, StorageClass.STANDARD, List.of()));
                children = List.of(amd64, arm64);
                tags = List.of(sha);
            }
            images.add(image(digest(serial, 0), tags, pushed, pulled,
                    archived ? StorageClass.ARCHIVE : StorageClass.STANDARD, children));
            serial++;
        }
        return images;
    }

    private static LifecycleImage image(String digest, List<String> tags, Instant pushed, Optional<Instant> pulled,
            StorageClass storageClass, List<String> children) {
        Optional<Instant> archivedAt = storageClass == StorageClass.ARCHIVE
                ? Optional.of(pushed.plus(Duration.ofDays(1)))
                : Optional.empty();
        return new LifecycleImage(digest, tags, pushed, pulled, Optional.empty(), archivedAt, storageClass,
                50_000_000L, children);
    }

    private static String digest(int serial, int part) {
        return String.format("sha256:%056x%08x", serial, part);
    }
}
