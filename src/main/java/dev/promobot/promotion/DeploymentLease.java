package dev.promobot.promotion;

/**
 * A replica's hold on a deployment: it alone may finish the deployment while the lease lasts. The epoch rises with
 * every takeover, so a finishing write that names an older epoch changes nothing.
 */
public record DeploymentLease(long deploymentId, String owner, int epoch) {
}
