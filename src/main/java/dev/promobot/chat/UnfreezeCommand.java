package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.FreezePromotions;
import dev.promobot.promotion.FreezeResult.UnfreezeAsked;
import dev.promobot.promotion.FreezeResult;
import dev.promobot.promotion.Freezes;
import dev.promobot.promotion.Refusal;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/**
 * /unfreeze: one of the two approvers or admins it takes to lift the freeze. The first is recorded as "1 of 2";
 * the second lifts it, which is announced, unpinned and posted to the channel.
 */
@ApplicationScoped
public class UnfreezeCommand implements ChatCommand {

    /** The message: templates/UnfreezeCommand/asked.html. */
    record asked(String by, int votes, int needed) implements TemplateInstance {
    }

    private static final Spec SPEC = Spec.changing("unfreeze", "/unfreeze",
            "lift the freeze (takes two approvers or admins)", Permission.UNFREEZE).withService();

    private final FreezePromotions freezes;
    private final Freezes inForce;
    private final Settings settings;

    UnfreezeCommand(FreezePromotions freezes, Freezes inForce, Settings settings) {
        this.settings = settings;
        this.freezes = freezes;
        this.inForce = inForce;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext command) {
        Optional<ServiceArgument.Chosen> named = ServiceArgument.named(command, settings.services());
        CommandContext context = named.map(ServiceArgument.Chosen::context).orElse(command);
        FreezeResult result = freezes.unfreeze(context.actor(), named.map(ServiceArgument.Chosen::service)
                .or(() -> theOnlyServiceFrozen(command)), context.origin());
        if (result instanceof Refusal refusal) {
            context.replyRefusal(refusal);
        } else if (result instanceof UnfreezeAsked vote) {
            context.reply(Messages.render(new asked(context.userName(), vote.votes(), vote.needed())));
        }
    }

    /**
     * Without a service named, /unfreeze lifts the freeze of every service; when there is none but exactly one
     * service the chat can mean is frozen on its own, it lifts that one.
     */
    private Optional<Service> theOnlyServiceFrozen(CommandContext command) {
        if (inForce.current(Optional.empty()).isPresent()) {
            return Optional.empty();
        }
        List<Service> frozen = settings.services().meantIn(command.chatId()).stream()
                .filter(service -> inForce.current(Optional.of(service.name())).isPresent()).toList();
        return frozen.size() == 1 ? Optional.of(frozen.get(0)) : Optional.empty();
    }
}
