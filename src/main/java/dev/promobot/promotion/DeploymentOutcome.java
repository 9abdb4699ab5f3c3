package dev.promobot.promotion;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** How a deployment ended: every function on the new image, or a failure in one sentence. */
public record DeploymentOutcome(DeploymentPlan plan, boolean succeeded, Duration took, Optional<String> failure) {

    /** "4.2 s", as messages and the audit trail show how long it took. */
    public String tookInSeconds() {
        return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
    }
}
