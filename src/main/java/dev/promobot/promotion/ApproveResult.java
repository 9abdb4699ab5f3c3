package dev.promobot.promotion;

import dev.promobot.rules.Reason;

import java.util.List;
import java.util.Optional;

/** What an approval, by command or button, came to. */
public sealed interface ApproveResult
        permits Refusal, NoRequest, ApproveResult.ApprovalRecorded, ApproveResult.RequestApproved {

    /**
     * The approval counts; the request needs more before it deploys.
     *
     * @param noLongerCounting earlier approvals whose approvers have since lost the approver role
     */
    record ApprovalRecorded(StoredRequest request, int approvals, int needed, int noLongerCounting)
            implements ApproveResult {
    }

    /**
     * The last approval: the request is approved, and its deployment started, or refused at the last moment (another
     * deployment to the environment started meanwhile) with {@code notDeployedBecause}.
     */
    record RequestApproved(StoredRequest request, Optional<DeploymentPlan> deployment,
                                  List<Reason> notDeployedBecause) implements ApproveResult {

        public RequestApproved {
            notDeployedBecause = List.copyOf(notDeployedBecause);
        }
    }
}
