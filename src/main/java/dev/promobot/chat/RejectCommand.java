package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.RejectRequest;
import dev.promobot.promotion.RequestPointer;
import dev.promobot.rules.Permission;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** /reject &lt;env&gt; [reason]: closes a request; approvers and the requester may. */
@ApplicationScoped
public class RejectCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("reject", "/reject <env> [reason] (as a reply to the request)",
            "close a request", Permission.REJECT).withService();

    private final RejectRequest reject;

    private final Settings settings;

    RejectCommand(RejectRequest reject, Settings settings) {
        this.settings = settings;
        this.reject = reject;
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
        context.replyText(RequestAnswers.of(reject.reject(context.actor(), pointer, context.rest(1),
                context.origin())));
    }
}
