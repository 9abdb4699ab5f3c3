package dev.promobot.promotion;

import java.time.Duration;
import java.util.Optional;

/** How a deployment ended: every function on the new image, or a failure in one sentence. */
public record DeploymentOutcome(DeploymentPlan plan, boolean succeeded, Duration took, Optional<String> failure) {
}
