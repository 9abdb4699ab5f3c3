package dev.promobot.promotion;

import dev.promobot.promotion.RejectResult.RequestRejected;
import dev.promobot.rules.Action;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Rule;
import dev.promobot.rules.Rules;
import dev.promobot.rules.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** /reject and the Reject button (R7): an approver, or the requester, closes a request. */
@ApplicationScoped
public class RejectRequest {

    private final LiveState live;
    private final ApprovalRequests requests;
    private final FindRequest find;
    private final AuditTrail audit;
    private final Announcements announcements;

    RejectRequest(LiveState live, ApprovalRequests requests, FindRequest find, AuditTrail audit,
                  Announcements announcements) {
        this.live = live;
        this.requests = requests;
        this.find = find;
        this.audit = audit;
        this.announcements = announcements;
    }

    public RejectResult reject(Actor actor, RequestPointer pointer, String reason, Origin origin) {
        FindRequest.Found found = find.find(pointer, "reject");
        if (found.requestId().isEmpty()) {
            audit.record(actor, origin, found.service(), found.environment(), AuditOutcome.REFUSED,
                    found.problem());
            return new NoRequest(found.problem());
        }
        long requestId = found.requestId().get();
        FindRequest.Located located = find.locate(requestId);
        Optional<Service> service = located.service();
        Optional<String> serviceName = located.serviceName();
        Optional<String> environment = located.environment();
        if (service.isEmpty()) {
            return audit.refused(actor, origin, serviceName, environment, new Refusal(List.of(located.notServed())));
        }
        Decision decision = Rules.decide(live.observe(service.get()).snapshot(), actor, new Action.Reject(requestId));
        if (!decision.allowed()) {
            return audit.refused(actor, origin, serviceName, environment, new Refusal(decision.reasons()));
        }
        String why = reason.isBlank() ? "no reason given" : reason;
        if (!requests.close(requestId, RequestStatus.REJECTED, Optional.of(actor.userId()), Optional.of(why))) {
            return audit.refused(actor, origin, serviceName, environment, new Refusal(List.of(new Reason(Rule.R7,
                    "there is no open approval request #" + requestId))));
        }
        StoredRequest rejected = requests.find(requestId).orElseThrow();
        announcements.requestRejected(rejected, actor.name(), why);
        audit.record(actor, origin, serviceName, environment, AuditOutcome.REJECTED, why);
        return new RequestRejected(rejected, actor.name(), why);
    }
}
