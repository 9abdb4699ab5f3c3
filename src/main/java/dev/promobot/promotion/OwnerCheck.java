package dev.promobot.promotion;

/**
 * Asked before every change a deployment makes to Lambda: is this replica still the deployment's owner? Throws
 * {@link LeaseLost} once another replica has taken the deployment over, so a replica that lost its lease never
 * changes a function the new owner is judging.
 */
@FunctionalInterface
public interface OwnerCheck {

    /** For work that runs under no lease (the sandbox's seeding, tests of the adapters). */
    OwnerCheck NONE = () -> { };

    void confirm();

    /** This replica's lease on a deployment ran out and another replica took the deployment over. */
    final class LeaseLost extends RuntimeException {
        public LeaseLost(long deploymentId) {
            super("deployment " + deploymentId + " was taken over by another replica");
        }
    }
}
