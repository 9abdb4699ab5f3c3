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
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * /freeze and /unfreeze (R13): stop every promotion at once, and lift that by two approvers or admins. The freeze,
 * its vote, the audit row and the announcements commit together in the command's transaction.
 */
@ApplicationScoped
public class FreezePromotions {

    private final LiveState live;
    private final Freezes freezes;
    private final AuditTrail audit;
    private final FreezeAnnouncements announcements;
    private final Settings settings;

    FreezePromotions(LiveState live, Freezes freezes, AuditTrail audit, FreezeAnnouncements announcements,
                     Settings settings) {
        this.live = live;
        this.freezes = freezes;
        this.audit = audit;
        this.announcements = announcements;
        this.settings = settings;
    }

    public FreezeResult freeze(Actor actor, String reason, Origin origin) {
        Decision decision = Rules.decide(live.observe().snapshot(), actor, new Action.FreezeAll());
        if (!decision.allowed()) {
            return audit.refused(actor, origin, Optional.empty(), new Refusal(decision.reasons()));
        }
        Optional<Freezes.StoredFreeze> stored = freezes.freeze(actor.userId(), actor.name(), reason);
        if (stored.isEmpty()) {
            return audit.refused(actor, origin, Optional.empty(),
                    new Refusal(List.of(new Reason(Rule.R13, "promotions are already frozen"))));
        }
        long message = announcements.frozen(stored.get().freeze(), origin);
        freezes.attachAnnouncement(stored.get().id(), origin.chatId(), message);
        audit.record(actor, origin, Optional.empty(), AuditOutcome.FROZEN, reason);
        return new Frozen(stored.get().freeze());
    }

    public FreezeResult unfreeze(Actor actor, Origin origin) {
        Decision decision = Rules.decide(live.observe().snapshot(), actor, new Action.Unfreeze());
        if (!decision.allowed()) {
            return audit.refused(actor, origin, Optional.empty(), new Refusal(decision.reasons()));
        }
        // Roles are read now: a vote from someone no longer an approver or admin does not count (R12).
        Freezes.Vote vote = freezes.voteToLift(actor.userId(), actor.name(),
                id -> settings.roleOf(id).filter(role -> role.includes(Permission.UNFREEZE.leastRole())).isPresent());
        if (vote instanceof Freezes.NotFrozen) {
            return audit.refused(actor, origin, Optional.empty(),
                    new Refusal(List.of(new Reason(Rule.R13, "promotions are not frozen"))));
        }
        if (vote instanceof Freezes.AlreadyVoted) {
            return audit.refused(actor, origin, Optional.empty(), new Refusal(List.of(new Reason(Rule.R13,
                    "you already asked to lift the freeze; another approver or admin must send /unfreeze"))));
        }
        if (vote instanceof Freezes.MoreNeeded more) {
            audit.record(actor, origin, Optional.empty(), AuditOutcome.UNFREEZE_ASKED,
                    more.votes() + " of " + Freeze.VOTES_TO_LIFT);
            return new UnfreezeAsked(more.votes(), Freeze.VOTES_TO_LIFT);
        }
        Freezes.Lifted lifted = (Freezes.Lifted) vote;
        announcements.unfrozen(lifted.freeze().freeze(), lifted.by(), lifted.freeze().chatId(),
                lifted.freeze().outboxId(), origin);
        audit.record(actor, origin, Optional.empty(), AuditOutcome.UNFROZEN, "lifted by " + String.join(", ",
                lifted.by()));
        return new Unfrozen(lifted.freeze().freeze(), lifted.by());
    }
}
