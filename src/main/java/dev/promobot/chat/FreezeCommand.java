package dev.promobot.chat;

import dev.promobot.promotion.FreezePromotions;
import dev.promobot.promotion.Refusal;
import dev.promobot.rules.Permission;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * /freeze [reason]: stop the line. No promotion moves to any environment until two approvers or admins lift it;
 * rollbacks stay allowed. The announcement is the answer, pinned in the team chat and posted to the channel.
 */
@ApplicationScoped
public class FreezeCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("freeze", "/freeze [reason]",
            "stop every promotion to every environment", Permission.FREEZE);

    private final FreezePromotions freezes;

    FreezeCommand(FreezePromotions freezes) {
        this.freezes = freezes;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        if (freezes.freeze(context.actor(), context.rest(0), context.origin()) instanceof Refusal refusal) {
            context.replyRefusal(refusal);
        }
    }
}
