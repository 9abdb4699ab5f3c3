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
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The standard sandbox world: one immutable repository holding a build per day for the {@value #IMAGE_COUNT}
 * days ending yesterday, a lifecycle policy keeping the newest {@value #KEPT_BY_POLICY} {@code sha-} images, and
 * dev, staging and prod functions running the newest, 3rd newest and 10th newest builds; and, for the GitHub
 * stand-in, the git history those builds were made from ({@link #history}).
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

    /** The second service of the sandbox: a report worker with a repository and three functions of its own. */
    public static final String WORKER_REPOSITORY = "report-worker";
    /** Where the report worker's source lives in the GitHub stand-in, beside {@link GitHubStandIn#REPOSITORY}. */
    public static final String WORKER_GITHUB_REPOSITORY = "promobot-sandbox/report-worker";
    private static final int WORKER_IMAGES = 12;

    /**
     * Seeds the report worker: twelve daily builds, dev on the newest, staging on the second, prod on the fourth.
     *
     * @return its images, newest first
     */
    public static List<SeedImage> applyReportWorker(AwsStandIn standIn, Clock clock) {
        standIn.createRepository(WORKER_REPOSITORY, "IMMUTABLE");
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        List<SeedImage> images = new ArrayList<>(WORKER_IMAGES);
        for (int age = WORKER_IMAGES - 1; age >= 0; age--) {
            LocalDate day = yesterday.minusDays(age);
            String tag = "sha-" + sha1(WORKER_REPOSITORY + "@" + day).substring(0, 7) + "-"
                    + day.format(DateTimeFormatter.BASIC_ISO_DATE);
            Instant pushedAt = day.atTime(PUSH_TIME).plusMinutes(20).toInstant(ZoneOffset.UTC);
            images.add(new SeedImage(tag, standIn.pushImage(WORKER_REPOSITORY, List.of(tag), pushedAt,
                    BASE_IMAGE_BYTES / 2), pushedAt));
        }
        Collections.reverse(images);
        standIn.putLifecyclePolicy(WORKER_REPOSITORY, LIFECYCLE_POLICY);
        String repositoryUri = standIn.repositoryUri(WORKER_REPOSITORY);
        standIn.createFunction("report-worker-dev", repositoryUri + ":" + images.get(0).tag());
        standIn.createFunction("report-worker-staging", repositoryUri + ":" + images.get(1).tag());
        standIn.createFunction("report-worker-prod", repositoryUri + ":" + images.get(3).tag());
        return List.copyOf(images);
    }

    /**
     * The git history behind the seeded images, for the GitHub stand-in: one to four commits a day on main, by a
     * team of six, the day's last one the commit that day's build was made from (its sha starts with the image
     * tag's git sha). Same day, same history, like the images.
     *
     * @return the commits, oldest first
     */
    public static List<GitHubStandIn.Commit> history(Clock clock) {
        return history(clock, REPOSITORY, IMAGE_COUNT);
    }

    /** The git history behind the report worker's seeded images, made the same way as {@link #history}. */
    public static List<GitHubStandIn.Commit> workerHistory(Clock clock) {
        return history(clock, WORKER_REPOSITORY, WORKER_IMAGES);
    }

    private static List<GitHubStandIn.Commit> history(Clock clock, String repository, int days) {
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        List<GitHubStandIn.Commit> history = new ArrayList<>();
        Set<String> shortShas = new HashSet<>();
        for (int age = 0; age < days; age++) {
            shortShas.add(sha1(repository + "@" + yesterday.minusDays(age)).substring(0, 7));
        }
        for (int age = days - 1; age >= 0; age--) {
            LocalDate day = yesterday.minusDays(age);
            String built = sha1(repository + "@" + day);
            int commits = 1 + Byte.toUnsignedInt(HexFormat.of().parseHex(built.substring(8, 10))[0]) % 4;
            for (int i = 0; i < commits; i++) {
                boolean last = i == commits - 1;
                String sha = last ? built : sha1(repository + "@" + day + "#" + i);
                // A short sha must name one commit, as on GitHub; a clash just picks the next candidate.
                for (int n = 0; !last && !shortShas.add(sha.substring(0, 7)); n++) {
                    sha = sha1(repository + "@" + day + "#" + i + "+" + n);
                }
                int pick = Byte.toUnsignedInt(HexFormat.of().parseHex(sha.substring(0, 2))[0]);
                String[] author = AUTHORS.get(pick % AUTHORS.size());
                Instant at = day.atTime(PUSH_TIME).minusMinutes(25L * (commits - i)).toInstant(ZoneOffset.UTC);
                history.add(new GitHubStandIn.Commit(sha, SUBJECTS.get((history.size() * 7 + pick) % SUBJECTS.size())
                        + "\n\n" + BODY, author[0], author[1], at));
            }
        }
        return List.copyOf(history);
    }

    /**
     * Adds {@link #history} to main of a stand-in whose history is empty, and {@link #workerHistory} to main of
     * {@link #WORKER_GITHUB_REPOSITORY}, which it then serves too.
     */
    public static void applyHistory(GitHubStandIn github, Clock clock) {
        history(clock).forEach(commit -> github.commit(commit, true));
        GitHubStandIn.Repository worker = github.serve(WORKER_GITHUB_REPOSITORY);
        workerHistory(clock).forEach(commit -> worker.commit(commit, true));
    }

    private static final List<String[]> AUTHORS = List.of(
            new String[] {"Dana Whitfield", "dana-w"}, new String[] {"Ari Tanaka", "aritanaka"},
            new String[] {"Bea Moreno", "bea-moreno"}, new String[] {"Kit Sorensen", "kitsor"},
            new String[] {"Noor Haddad", "noorh"}, new String[] {"Sam Okafor", ""});

    private static final List<String> SUBJECTS = List.of(
            "Retry Telegram sends after a 429 with the retry_after it gives",
            "Cache the daily report for ten minutes",
            "Fix the report header's time zone for Asia/Bangkok",
            "Bump the AWS SDK to 2.31.2",
            "Add a /weekly command with the last seven reports",
            "Log the request id with every error",
            "Render charts off the request thread",
            "Handle an empty portfolio in the summary",
            "Tighten the IAM policy of the reports bucket",
            "Alarm on Lambda throttles",
            "Split the report builder into sections",
            "Fix an off-by-one in the 7-day moving average",
            "Lazy-load pandas to shorten cold starts",
            "Validate chat ids before sending",
            "Test the webhook handler end to end",
            "Remove the charts-v1 feature flag",
            "Show percentage changes with two decimals",
            "Paginate the holdings table",
            "Fix a crash when the market is closed",
            "Document the deploy steps in the README",
            "Pin numpy to 1.26",
            "Add a health check endpoint",
            "Lower memory to 512 MB after profiling",
            "Escape HTML in user names",
            "Batch DynamoDB writes of the report history",
            "Retry the price fetcher with jitter",
            "Fix the flaky scheduler test",
            "Send the report at 08:30 local time");

    private static final String BODY = "Reviewed in the team's pull request; see its description for the details.";

    /** A stable stand-in for the short git commit a build of that day would carry. */
    private static String commitOf(LocalDate day) {
        return sha1(REPOSITORY + "@" + day).substring(0, 7);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK ships SHA-1", e);
        }
    }
}
