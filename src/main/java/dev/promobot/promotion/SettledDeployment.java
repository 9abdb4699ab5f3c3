package dev.promobot.promotion;

import dev.promobot.promotion.Deployments.Deployment;
import dev.promobot.promotion.Deployments.Status;

/** A deployment a crash left in progress, and how it was settled, in a sentence for the chat. */
public record SettledDeployment(Deployment deployment, Status status, String sentence) {
}
