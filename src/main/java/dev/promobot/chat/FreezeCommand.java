package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.FreezePromotions;
import dev.promobot.promotion.Refusal;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * /freeze [service] [reason]: stop the line, for one service or every one. No promotion moves until two approvers
 * or admins lift it; rollbacks stay allowed. The announcement is the answer, pinned in the team chat and posted to
 * the channel.
 */
@ApplicationScoped
public class FreezeCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("freeze", "/freeze [reason]",
            "stop every promotion to every environment", Permission.FREEZE).withService();

    private final FreezePromotions freezes;

    private final Settings settings;

    FreezeCommand(FreezePromotions freezes, Settings settings) {
        this.settings = settings;
        this.freezes = freezes;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext command) {
        // "/freeze report-worker deploy window" freezes that service; anything else freezes every service.
        Optional<ServiceArgument.Chosen> named = ServiceArgument.named(command, settings.services());
        CommandContext context = named.map(ServiceArgument.Chosen::context).orElse(command);
        Optional<Service> service = named.map(ServiceArgument.Chosen::service);
        if (freezes.freeze(context.actor(), service, context.rest(0), context.origin()) instanceof Refusal refusal) {
            context.replyRefusal(refusal);
        }
    }
}
