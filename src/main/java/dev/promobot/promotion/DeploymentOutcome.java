package dev.promobot.promotion;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** How a deployment ended: every function on the new image, or what went otherwise in one sentence. */
public record DeploymentOutcome(DeploymentPlan plan, DeploymentStatus status, Duration took,
                                Optional<String> failure) {

    public boolean succeeded() {
        return status == DeploymentStatus.SUCCEEDED;
    }

    /** "4.2 s", as messages and the audit trail show how long it took. */
    public String tookInSeconds() {
        return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
    }
}
