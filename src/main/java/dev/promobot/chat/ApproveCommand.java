package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.ApproveRequest;
import dev.promobot.promotion.RequestPointer;
import dev.promobot.rules.Permission;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** /approve &lt;env&gt;: approves a request, as a reply to it (or the environment's only open one). */
@ApplicationScoped
public class ApproveCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("approve", "/approve <env> (as a reply to the request)",
            "approve a request", Permission.APPROVE).withService();

    private final ApproveRequest approve;

    private final Settings settings;

    ApproveCommand(ApproveRequest approve, Settings settings) {
        this.settings = settings;
        this.approve = approve;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext command) {
        // A service named first narrows the request meant; otherwise every service the chat can mean is searched.
        Optional<ServiceArgument.Chosen> named = ServiceArgument.named(command, settings.services());
        CommandContext context = named.map(ServiceArgument.Chosen::context).orElse(command);
        RequestPointer pointer = RequestPointer.byCommand(context.chatId(), context.replyToMessageId(),
                context.arg(0), named.map(ServiceArgument.Chosen::service),
                settings.services().meantIn(command.chatId()));
        context.replyText(RequestAnswers.of(approve.approve(context.actor(), pointer, context.origin())));
    }
}
