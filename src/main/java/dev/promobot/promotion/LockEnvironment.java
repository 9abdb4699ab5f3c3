package dev.promobot.promotion;

import dev.promobot.promotion.LockResult.EnvironmentLocked;
import dev.promobot.promotion.LockResult.EnvironmentUnlocked;
import dev.promobot.rules.Action;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Rule;
import dev.promobot.rules.Rules;
import dev.promobot.rules.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** /lock and /unlock (R9): a deploy freeze on one environment, and its end. */
@ApplicationScoped
public class LockEnvironment {

    private final LiveState live;
    private final Locks locks;
    private final AuditTrail audit;

    LockEnvironment(LiveState live, Locks locks, AuditTrail audit) {
        this.live = live;
        this.locks = locks;
        this.audit = audit;
    }

    public LockResult lock(Actor actor, Service service, String environment, String reason, Origin origin) {
        Decision decision = Rules.decide(live.observe(service).snapshot(), actor, new Action.LockEnv(environment));
        if (!decision.allowed()) {
            return audit.refused(actor, origin, service, environment, new Refusal(decision.reasons()));
        }
        if (!locks.lock(service.name(), environment, actor.userId(), actor.name(), reason)) {
            return audit.refused(actor, origin, service, environment,
                    new Refusal(List.of(new Reason(Rule.R9, environment + " is already locked"))));
        }
        audit.record(actor, origin, service, environment, AuditOutcome.LOCKED, reason);
        return new EnvironmentLocked(service.name(), environment, reason);
    }

    public LockResult unlock(Actor actor, Service service, String environment, Origin origin) {
        Decision decision = Rules.decide(live.observe(service).snapshot(), actor, new Action.UnlockEnv(environment));
        if (!decision.allowed()) {
            return audit.refused(actor, origin, service, environment, new Refusal(decision.reasons()));
        }
        if (!locks.unlock(service.name(), environment)) {
            return audit.refused(actor, origin, service, environment,
                    new Refusal(List.of(new Reason(Rule.R9, environment + " is not locked"))));
        }
        audit.record(actor, origin, service, environment, AuditOutcome.UNLOCKED, "");
        return new EnvironmentUnlocked(service.name(), environment);
    }
}
