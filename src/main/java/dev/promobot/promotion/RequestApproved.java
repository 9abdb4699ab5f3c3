package dev.promobot.promotion;

import dev.promobot.rules.Reason;

import java.util.List;
import java.util.Optional;

/**
 * The last approval: the request is approved, and its deployment started, or refused at the last moment (another
 * deployment to the environment started meanwhile) with {@code notDeployedBecause}.
 */
public record RequestApproved(StoredRequest request, Optional<DeploymentPlan> deployment,
                              List<Reason> notDeployedBecause) implements ApproveResult {

    public RequestApproved {
        notDeployedBecause = List.copyOf(notDeployedBecause);
    }
}
