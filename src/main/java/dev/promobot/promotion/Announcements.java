package dev.promobot.promotion;


import java.util.List;
import java.util.Optional;

/**
 * How promotion tells people what happens while it happens: the progress and outcome of a deployment, and the
 * request message kept up to date through approvals, deployment, rejection or expiry. The chat implements it
 * (wording, templates, the outbox); promotion decides when.
 */
public interface Announcements {

    /** A deployment a command started: answered as a reply to it. Returns the message's outbox id. */
    long deploymentStarted(DeploymentPlan plan, Origin origin);

    /**
     * Its outcome, in place of the progress message.
     *
     * @param changelog what a promotion that succeeded changed; empty for anything else
     */
    void deploymentFinished(DeploymentOutcome outcome, Optional<Changelog> changelog, long outboxId, Origin origin);

    /** A deployment a crash interrupted, settled at start-up: in its own message when known, else the channel. */
    void deploymentSettled(SettledDeployment settled);

    /** A new request, with Approve and Reject buttons, as a reply to the command. Returns its outbox id. */
    long requestOpened(StoredRequest request, Origin origin);

    /** An approval that counts, when more are needed. */
    void approvalRecorded(StoredRequest request, int approvals, int needed);

    /** The last approval: deploying now, or (when {@code deployment} is empty) not, for {@code notDeployedBecause}. */
    void requestApproved(StoredRequest request, Optional<DeploymentPlan> deployment, List<String> notDeployedBecause);

    /** The deployment the request started has finished. */
    void requestDeployed(StoredRequest request, DeploymentOutcome outcome);

    void requestRejected(StoredRequest request, String by, String reason);

    /** Expired, or void because what it was bound to changed. */
    void requestClosed(StoredRequest request);
}
