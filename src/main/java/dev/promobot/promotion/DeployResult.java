package dev.promobot.promotion;

import java.util.List;

/** What /promote or /rollback came to. */
public sealed interface DeployResult
        permits Refusal, DeployResult.DeploymentStarted, DeployResult.RequestOpened, DeployResult.RequestNotOpened {

    /** The deployment is recorded and runs in the background; its progress message is posted, to be edited. */
    record DeploymentStarted(DeploymentPlan plan) implements DeployResult {
    }

    /** An approval request was opened and posted, with its Approve and Reject buttons. */
    record RequestOpened(StoredRequest request) implements DeployResult {
    }

    /** The rules allowed the request, but the release tag check on GitHub did not (R6); nothing was opened. */
    record RequestNotOpened(String environment, List<String> problems) implements DeployResult {

        public RequestNotOpened {
            problems = List.copyOf(problems);
        }
    }
}
