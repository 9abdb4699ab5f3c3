package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.promotion.FreezeResult.Frozen;
import dev.promobot.promotion.FreezeResult.UnfreezeAsked;
import dev.promobot.promotion.FreezeResult.Unfrozen;
import dev.promobot.rules.Action;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Freeze;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Rule;
import dev.promobot.rules.Rules;
import dev.promobot.rules.Service;
import dev.promobot.rules.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * /freeze and /unfreeze (R13): stop every promotion at once, and lift that by two approvers or admins. The freeze,
 * its vote, the audit row and the announcements commit together in the command's transaction.
 */
@ApplicationScoped
public class FreezePromotions {

    private final Freezes freezes;
    private final AuditTrail audit;
    private final FreezeAnnouncements announcements;
    private final Settings settings;
    private final Clock clock;

    FreezePromotions(Freezes freezes, AuditTrail audit, FreezeAnnouncements announcements, Settings settings,
                     Clock clock) {
        this.clock = clock;
        this.freezes = freezes;
        this.audit = audit;
        this.announcements = announcements;
        this.settings = settings;
    }

    /** @param service the one service to freeze; empty freezes every service */
    public FreezeResult freeze(Actor actor, Optional<Service> service, String reason, Origin origin) {
        Optional<String> scope = service.map(Service::name);
        Decision decision = Rules.decide(scoped(service), actor, new Action.FreezeAll());
        if (!decision.allowed()) {
            return audit.refused(actor, origin, scope, Optional.empty(), new Refusal(decision.reasons()));
        }
        Optional<Freezes.StoredFreeze> stored = freezes.freeze(scope, actor.userId(), actor.name(), reason);
        if (stored.isEmpty()) {
            return audit.refused(actor, origin, scope, Optional.empty(),
                    new Refusal(List.of(new Reason(Rule.R13, "promotions are already frozen"))));
        }
        long message = announcements.frozen(scope, stored.get().freeze(), origin);
        freezes.attachAnnouncement(stored.get().id(), origin.chatId(), message);
        audit.record(actor, origin, scope, Optional.empty(), AuditOutcome.FROZEN, reason);
        return new Frozen(scope, stored.get().freeze());
    }

    /** @param service the service whose own freeze to lift; empty lifts the freeze of every service */
    public FreezeResult unfreeze(Actor actor, Optional<Service> service, Origin origin) {
        Optional<String> scope = service.map(Service::name);
        Decision decision = Rules.decide(scoped(service), actor, new Action.Unfreeze());
        if (!decision.allowed()) {
            return audit.refused(actor, origin, scope, Optional.empty(), new Refusal(decision.reasons()));
        }
        // Roles are read now: a vote from someone no longer an approver or admin does not count (R12).
        Freezes.Vote vote = freezes.voteToLift(scope, actor.userId(), actor.name(),
                id -> settings.roleOf(id).filter(role -> role.includes(Permission.UNFREEZE.leastRole())).isPresent());
        if (vote instanceof Freezes.NotFrozen) {
            return audit.refused(actor, origin, scope, Optional.empty(),
                    new Refusal(List.of(new Reason(Rule.R13, "promotions are not frozen"))));
        }
        if (vote instanceof Freezes.AlreadyVoted) {
            return audit.refused(actor, origin, scope, Optional.empty(), new Refusal(List.of(new Reason(Rule.R13,
                    "you already asked to lift the freeze; another approver or admin must send /unfreeze"))));
        }
        if (vote instanceof Freezes.MoreNeeded more) {
            audit.record(actor, origin, scope, Optional.empty(), AuditOutcome.UNFREEZE_ASKED,
                    more.votes() + " of " + Freeze.VOTES_TO_LIFT);
            return new UnfreezeAsked(more.votes(), Freeze.VOTES_TO_LIFT);
        }
        Freezes.Lifted lifted = (Freezes.Lifted) vote;
        announcements.unfrozen(scope, lifted.freeze().freeze(), lifted.by(), lifted.freeze().chatId(),
                lifted.freeze().outboxId(), origin);
        audit.record(actor, origin, scope, Optional.empty(), AuditOutcome.UNFROZEN, "lifted by " + String.join(", ",
                lifted.by()));
        return new Unfrozen(scope, lifted.freeze().freeze(), lifted.by());
    }

    /**
     * What the rules decide a freeze on: the roles, and the freeze of exactly that scope (a service's own freeze is
     * not the one of every service). Nothing is read from AWS: a freeze touches no image and no function, so the
     * line can be stopped while AWS is down, and for every service at once without reading any of them.
     */
    private Snapshot scoped(Optional<Service> service) {
        Service any = service.orElseGet(() -> settings.services().all().get(0));
        return new Snapshot(any.pipeline(), any.repository(), Map.of(), List.of(), Map.of(), Map.of(), List.of(),
                Map.of(), Map.of(), clock.instant(), settings.roles(),
                freezes.current(service.map(Service::name)).map(Freezes.StoredFreeze::freeze), List.of());
    }
}
