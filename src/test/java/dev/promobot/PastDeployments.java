package dev.promobot;

import dev.promobot.store.Db;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A deployment history written straight into the deployment table, as promobot records deployments, for the
 * figures read from it. Each image is one hex character: image 'b' is {@code sha-bbbbbbb-<build time>} with the
 * digest {@code sha256:bbbb...}.
 */
public final class PastDeployments {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);
    /** How long each seeded deployment took, from start to live. */
    private static final Duration TOOK = Duration.ofSeconds(40);

    private final Db db;

    public PastDeployments(Db db) {
        this.db = db;
    }

    public static String digest(char image) {
        return "sha256:" + String.valueOf(image).repeat(64);
    }

    public static String tag(char image, Instant built) {
        return "sha-" + String.valueOf(image).repeat(7) + "-" + STAMP.format(built);
    }

    /** A succeeded promotion of an image built at {@code built}, live at {@code live}, replacing {@code replaced}. */
    public PastDeployments promotion(String environment, char image, Instant built, Instant live, char replaced) {
        insert(environment, "promotion", tag(image, built), digest(image), String.valueOf(image).repeat(7),
                digest(replaced), live);
        return this;
    }

    /** A succeeded rollback to {@code image}, moving the environment away from {@code replaced}. */
    public PastDeployments rollback(String environment, char image, char replaced, Instant live) {
        insert(environment, "rollback", tag(image, live.minus(Duration.ofDays(20))), digest(image),
                String.valueOf(image).repeat(7), digest(replaced), live);
        return this;
    }

    /** A deployment made outside promobot, as the outside-deployment watch records one. */
    public PastDeployments outside(String environment, char image, char replaced, Instant live) {
        insert(environment, "outside", "latest", digest(image), null, digest(replaced), live);
        return this;
    }

    private void insert(String environment, String kind, String tag, String digest, String gitSha,
                        String previousDigest, Instant live) {
        db.insert("INSERT INTO deployment (service, environment, functions, tag, digest, git_sha, previous_digest, "
                + "kind, "
                        + "actor_name, status, started_at, finished_at) "
                        + "VALUES ('dr-daily-report-telegram-api', ?, ?, ?, ?, ?, ?, ?, ?, 'succeeded', ?, ?)",
                environment, "telegram-api-" + environment, tag, digest, gitSha, previousDigest, kind,
                "outside".equals(kind) ? "outside promobot" : "Dana", live.minus(TOOK), live);
    }
}
