package dev.promobot.promotion;

import dev.promobot.promotion.Deployments.Deployment;

/** A deployment a crash left in progress, and how it was settled, in a sentence for the chat. */
public record SettledDeployment(Deployment deployment, DeploymentStatus status, String sentence) {
}
