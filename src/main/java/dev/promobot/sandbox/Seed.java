package dev.promobot.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * The standard sandbox world: one immutable repository holding a build per day for the {@value #IMAGE_COUNT}
 * days ending yesterday, a lifecycle policy keeping the newest {@value #KEPT_BY_POLICY} {@code sha-} images, and
 * dev, staging and prod functions running the newest, 3rd newest and 10th newest builds.
 *
 * <p>Everything is derived from the clock's date, so the same day always yields the same tags and digests.
 */
public final class Seed {

    public static final String REPOSITORY = "dr-daily-report-telegram-api";
    public static final String DEV_FUNCTION = "telegram-api-dev";
    public static final String STAGING_FUNCTION = "telegram-api-staging";
    public static final String PROD_FUNCTION = "telegram-api-prod";
    public static final String LATEST_TAG = "latest";
    public static final int IMAGE_COUNT = 40;
    public static final int KEPT_BY_POLICY = 30;
    public static final String LIFECYCLE_POLICY = "{\"rules\":[{\"rulePriority\":1,"
            + "\"description\":\"keep the newest 30 sha- images\","
            + "\"selection\":{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"sha-\"],"
            + "\"countType\":\"imageCountMoreThan\",\"countNumber\":30},"
            + "\"action\":{\"type\":\"expire\"}}]}";

    /** Builds land mid-morning UTC, well inside their day whatever the reader's zone offset. */
    private static final LocalTime PUSH_TIME = LocalTime.of(10, 0);
    private static final long BASE_IMAGE_BYTES = 180_000_000L;
    private static final long GROWTH_PER_BUILD_BYTES = 250_000L;

    private Seed() {
    }

    /** A seeded build: its {@code sha-} tag (the newest also carries {@link #LATEST_TAG}) and digest. */
    public record SeedImage(String tag, String digest, Instant pushedAt) {
    }

    /**
     * Applies the seed to a stand-in that has no repository or function of the same names yet.
     *
     * @return the seeded images, newest first
     */
    public static List<SeedImage> apply(AwsStandIn standIn, Clock clock) {
        return apply(standIn, clock, 9);
    }

    /**
     * The seed with prod on the image of the given age rank (0 = newest). The sandbox puts prod on the 33rd newest,
     * beyond the policy's 30, so that the lifecycle audit has something to flag.
     */
    public static List<SeedImage> apply(AwsStandIn standIn, Clock clock, int prodRank) {
        standIn.createRepository(REPOSITORY, "IMMUTABLE");
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        List<SeedImage> images = new ArrayList<>(IMAGE_COUNT);
        for (int age = IMAGE_COUNT - 1; age >= 0; age--) {
            LocalDate day = yesterday.minusDays(age);
            String tag = "sha-" + commitOf(day) + "-" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
            List<String> tags = age == 0 ? List.of(tag, LATEST_TAG) : List.of(tag);
            Instant pushedAt = day.atTime(PUSH_TIME).toInstant(ZoneOffset.UTC);
            long size = BASE_IMAGE_BYTES + (IMAGE_COUNT - age) * GROWTH_PER_BUILD_BYTES;
            images.add(new SeedImage(tag, standIn.pushImage(REPOSITORY, tags, pushedAt, size), pushedAt));
        }
        Collections.reverse(images);
        standIn.putLifecyclePolicy(REPOSITORY, LIFECYCLE_POLICY);

        String repositoryUri = standIn.repositoryUri(REPOSITORY);
        standIn.createFunction(DEV_FUNCTION, repositoryUri + ":" + images.get(0).tag());
        standIn.createFunction(STAGING_FUNCTION, repositoryUri + ":" + images.get(2).tag());
        standIn.createFunction(PROD_FUNCTION, repositoryUri + ":" + images.get(prodRank).tag());
        return List.copyOf(images);
    }

    /** A stable stand-in for the short git commit a build of that day would carry. */
    private static String commitOf(LocalDate day) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1")
                    .digest((REPOSITORY + "@" + day).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 7);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK ships SHA-1", e);
        }
    }
}
