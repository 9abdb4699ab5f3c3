package dev.promobot.rules;

import java.time.Instant;
import java.util.Objects;

/** An image an environment ran; the candidates for a rollback (R11). */
public record PastDeployment(String environment, Digest digest, String tag, Instant finishedAt) {

    public PastDeployment {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(finishedAt, "finishedAt");
    }
}
