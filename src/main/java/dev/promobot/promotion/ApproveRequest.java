package dev.promobot.promotion;

import dev.promobot.promotion.ApproveResult.ApprovalRecorded;
import dev.promobot.promotion.ApproveResult.RequestApproved;
import dev.promobot.rules.Action;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Role;
import dev.promobot.rules.Rule;
import dev.promobot.rules.Rules;
import dev.promobot.rules.Service;
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
    private final ApprovalRequests requests;
    private final FindRequest find;
    private final StaleRequests stale;
    private final Deployer deployer;
    private final AuditTrail audit;
    private final Announcements announcements;

    ApproveRequest(LiveState live, ApprovalRequests requests, FindRequest find, StaleRequests stale,
                   Deployer deployer, AuditTrail audit, Announcements announcements) {
        this.live = live;
        this.requests = requests;
        this.find = find;
        this.stale = stale;
        this.deployer = deployer;
        this.audit = audit;
        this.announcements = announcements;
    }

    public ApproveResult approve(Actor actor, RequestPointer pointer, Origin origin) {
        FindRequest.Found found = find.find(pointer, "approve");
        if (found.requestId().isEmpty()) {
            audit.record(actor, origin, found.service(), found.environment(), AuditOutcome.REFUSED,
                    found.problem());
            return new NoRequest(found.problem());
        }
        long requestId = found.requestId().get();
        FindRequest.Located located = find.locate(requestId);
        Optional<StoredRequest> stored = located.stored();
        Optional<Service> service = located.service();
        Optional<String> serviceName = located.serviceName();
        Optional<String> environment = located.environment();
        if (service.isEmpty()) {
            return audit.refused(actor, origin, serviceName, environment, new Refusal(List.of(located.notServed())));
        }
        Snapshot snapshot = live.observe(service.get()).snapshot();
        Decision decision = Rules.decide(snapshot, actor, new Action.Approve(requestId));
        if (!decision.allowed()) {
            stored.ifPresent(request -> stale.closeIfStale(request, snapshot));
            return audit.refused(actor, origin, serviceName, environment, new Refusal(decision.reasons()));
        }
        StoredRequest request = stored.orElseThrow();
        ApprovalRequests.Counted counted = requests.approve(requestId, actor.userId(), actor.name(),
                decision.approvalsNeeded(), id -> snapshot.holds(id, Role.APPROVER));
        switch (counted) {
            case ALREADY_APPROVED -> {
                return audit.refused(actor, origin, serviceName, environment,
                        new Refusal(List.of(new Reason(Rule.R7, "you already approved #" + requestId))));
            }
            case NOT_OPEN -> {
                return audit.refused(actor, origin, serviceName, environment, new Refusal(List.of(new Reason(Rule.R7,
                        "request #" + requestId + " was closed meanwhile"))));
            }
            case MORE_NEEDED -> {
                StoredRequest updated = requests.find(requestId).orElseThrow();
                int approvals = Rules.countingApprovals(snapshot, updated.request());
                int noLongerCounting = updated.request().approverUserIds().size() - approvals;
                announcements.approvalRecorded(updated, approvals, decision.approvalsNeeded());
                audit.record(actor, origin, serviceName, environment, AuditOutcome.APPROVED,
                        approvals + " of " + decision.approvalsNeeded() + (noLongerCounting == 0 ? ""
                                : "; " + noLongerCounting + " by people no longer approvers not counted"));
                return new ApprovalRecorded(updated, approvals, decision.approvalsNeeded(), noLongerCounting);
            }
            case LAST -> {
                // Deployed below.
            }
        }
        audit.record(actor, origin, serviceName, environment, AuditOutcome.APPROVED, "last approval of #" + requestId);
        Environment env = service.get().pipeline().environment(request.request().environment()).orElseThrow();
        // The deployment is the requester's; who approved it is read from the approvals, one row each.
        Actor requester = new Actor(request.request().requesterUserId(), request.request().requesterName(),
                Optional.empty(), true);
        Optional<DeploymentPlan> plan = deployer.record(service.get(), env, decision.image().orElseThrow(),
                decision.from(),
                request.request().isRollback() ? DeploymentKind.ROLLBACK : DeploymentKind.PROMOTION, requester,
                Optional.of(requestId));
        List<Reason> notDeployed = plan.isEmpty() ? List.of(deployer.alreadyRunning(service.get(), env)) : List.of();
        if (plan.isEmpty()) {
            requests.settle(requestId, RequestStatus.FAILED, Optional.of(notDeployed.get(0).sentence()));
        }
        StoredRequest approved = requests.find(requestId).orElseThrow();
        plan.ifPresent(deployment -> deployer.attach(deployment, approved, origin.chatId()));
        announcements.requestApproved(approved, plan, notDeployed.stream().map(Reason::sentence).toList());
        plan.ifPresent(deployment -> deployer.launch(deployment, approved));
        return new RequestApproved(approved, plan, notDeployed);
    }
}
