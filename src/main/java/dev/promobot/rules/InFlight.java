package dev.promobot.rules;

import java.time.Instant;
import java.util.Objects;

/** A deployment to an environment that has started and not yet finished (R10). */
public record InFlight(String environment, long startedBy, String startedByName, Instant since) {

    public InFlight {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(startedByName, "startedByName");
        Objects.requireNonNull(since, "since");
    }
}
