package dev.promobot.dora;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the deployment table as the DORA figures read it.
 *
 * @param digest         the image the deployment put on the environment
 * @param previousDigest the image it replaced, when known; a rollback names the image it moved away from
 * @param gitSha         the git sha in the image tag, when the tag is an immutable one
 * @param buildTime      the build time in the image tag, when the tag is an immutable one
 * @param finishedAt     when it ended; a succeeded deployment has been live since then
 */
public record DeploymentRecord(String environment, Kind kind, boolean succeeded, String digest,
                               Optional<String> previousDigest, Optional<String> gitSha,
                               Optional<Instant> buildTime, Instant startedAt, Optional<Instant> finishedAt) {

    /** The deployment's kind, as in the glossary. */
    public enum Kind {
        PROMOTION,
        ROLLBACK,
        /** Made outside promobot (CI, the console) and noticed by the outside-deployment watch. */
        OUTSIDE
    }

    public DeploymentRecord {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(previousDigest, "previousDigest");
        Objects.requireNonNull(gitSha, "gitSha");
        Objects.requireNonNull(buildTime, "buildTime");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** A deployment that changed what the environment runs: it succeeded, and it has an end. */
    boolean changedTheEnvironment() {
        return succeeded && finishedAt.isPresent();
    }

    /** Counted by the figures: a succeeded promotion or rollback; an outside deployment never is. */
    boolean counted() {
        return changedTheEnvironment() && kind != Kind.OUTSIDE;
    }

    /** When it went live; only for one that {@link #changedTheEnvironment()}. */
    Instant liveAt() {
        return finishedAt.orElseThrow();
    }
}
