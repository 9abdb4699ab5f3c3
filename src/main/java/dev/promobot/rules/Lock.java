package dev.promobot.rules;

import java.time.Instant;
import java.util.Objects;

/** A deploy freeze on one environment (R9); {@code reason} may be blank. */
public record Lock(String environment, long lockedBy, String lockedByName, Instant since, String reason) {

    public Lock {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(lockedByName, "lockedByName");
        Objects.requireNonNull(since, "since");
        reason = reason == null ? "" : reason;
    }
}
