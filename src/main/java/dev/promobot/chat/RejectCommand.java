package dev.promobot.chat;

import dev.promobot.promotion.RejectRequest;
import dev.promobot.promotion.RequestPointer;
import dev.promobot.rules.Permission;
import jakarta.enterprise.context.ApplicationScoped;

/** /reject &lt;env&gt; [reason]: closes a request; approvers and the requester may. */
@ApplicationScoped
public class RejectCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("reject", "/reject <env> [reason] (as a reply to the request)",
            "close a request", Permission.REJECT);

    private final RejectRequest reject;

    RejectCommand(RejectRequest reject) {
        this.reject = reject;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        RequestPointer pointer = RequestPointer.byCommand(context.chatId(), context.replyToMessageId(),
                context.arg(0));
        context.replyText(RequestAnswers.of(reject.reject(context.actor(), pointer, context.rest(1),
                context.origin())));
    }
}
