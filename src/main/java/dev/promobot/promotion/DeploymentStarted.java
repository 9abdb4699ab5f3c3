package dev.promobot.promotion;

/** The deployment is recorded and runs in the background; its progress message was posted, and will be edited. */
public record DeploymentStarted(DeploymentPlan plan) implements DeployResult {
}
