package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.promotion.PromotionRequests.Stored;
import dev.promobot.rules.Action;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Rule;
import dev.promobot.rules.Rules;
import dev.promobot.rules.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * /approve and the Approve button (R7): records an approval from someone other than the requester; the last one
 * needed closes the request as approved and starts its deployment.
 */
@ApplicationScoped
public class ApproveRequest {

    private final LiveState live;
    private final PromotionRequests requests;
    private final FindRequest find;
    private final StaleRequests stale;
    private final Deployer deployer;
    private final AuditTrail audit;
    private final Announcements announcements;
    private final Settings settings;

    ApproveRequest(LiveState live, PromotionRequests requests, FindRequest find, StaleRequests stale,
                   Deployer deployer, AuditTrail audit, Announcements announcements, Settings settings) {
        this.live = live;
        this.requests = requests;
        this.find = find;
        this.stale = stale;
        this.deployer = deployer;
        this.audit = audit;
        this.announcements = announcements;
        this.settings = settings;
    }

    public ApproveResult approve(Actor actor, RequestPointer pointer, Origin origin) {
        long requestId;
        if (pointer.requestId().isPresent()) {
            requestId = pointer.requestId().get();
        } else {
            FindRequest.Found found = find.find(pointer, "approve");
            if (found.request().isEmpty()) {
                return new NoRequest(found.problem());
            }
            requestId = found.request().get().id();
        }
        Snapshot snapshot = live.observe().snapshot();
        Decision decision = Rules.decide(snapshot, actor, new Action.Approve(requestId));
        Optional<Stored> stored = requests.find(requestId);
        Optional<String> environment = stored.map(request -> request.request().target());
        if (!decision.allowed()) {
            stored.ifPresent(request -> stale.closeIfStale(request, snapshot));
            return audit.refused(actor, origin, environment, new Refusal(decision.reasons()));
        }
        Stored request = stored.orElseThrow();
        if (!requests.approve(requestId, actor.userId(), actor.name())) {
            return audit.refused(actor, origin, environment,
                    new Refusal(List.of(new Reason(Rule.R7, "you already approved #" + requestId))));
        }
        Stored updated = requests.find(requestId).orElseThrow();
        if (!decision.deployNow()) {
            int approvals = updated.approverNames().size();
            announcements.approvalRecorded(updated, approvals, decision.approvalsNeeded());
            audit.record(actor, origin, environment, "approved", approvals + " of " + decision.approvalsNeeded());
            return new ApprovalRecorded(updated, approvals, decision.approvalsNeeded());
        }
        if (!requests.close(requestId, "approved", Optional.of(actor.userId()), Optional.empty())) {
            return audit.refused(actor, origin, environment, new Refusal(List.of(new Reason(Rule.R7,
                    "request #" + requestId + " was closed meanwhile"))));
        }
        audit.record(actor, origin, environment, "approved", "last approval of #" + requestId);
        Environment env = settings.pipeline().environment(request.request().target()).orElseThrow();
        Actor requester = new Actor(request.request().requester(), request.request().requesterName()
                + ", approved by " + String.join(", ", updated.approverNames()), Optional.empty(), true);
        Optional<DeploymentPlan> plan = deployer.record(env, decision.image().orElseThrow(), decision.from(),
                request.request().isRollback() ? Deployments.Kind.ROLLBACK : Deployments.Kind.PROMOTE, requester,
                Optional.of(requestId));
        List<Reason> notDeployed = plan.isEmpty() ? List.of(deployer.alreadyRunning(env)) : List.of();
        if (plan.isEmpty()) {
            requests.settle(requestId, "failed", Optional.of(notDeployed.get(0).sentence()));
        }
        Stored approved = requests.find(requestId).orElseThrow();
        announcements.requestApproved(approved, plan, notDeployed.stream().map(Reason::sentence).toList());
        plan.ifPresent(deployment -> deployer.launch(deployment, approved));
        return new RequestApproved(approved, plan, notDeployed);
    }
}
