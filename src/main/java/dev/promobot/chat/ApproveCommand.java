package dev.promobot.chat;

import dev.promobot.promotion.ApproveRequest;
import dev.promobot.promotion.RequestPointer;
import dev.promobot.rules.Permission;
import jakarta.enterprise.context.ApplicationScoped;

/** /approve &lt;env&gt;: approves a request, as a reply to it (or the environment's only open one). */
@ApplicationScoped
public class ApproveCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("approve", "/approve <env> (as a reply to the request)",
            "approve a request", Permission.APPROVE);

    private final ApproveRequest approve;

    ApproveCommand(ApproveRequest approve) {
        this.approve = approve;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        RequestPointer pointer = RequestPointer.byCommand(context.chatId(), context.replyToMessageId(),
                context.arg(0));
        context.replyText(RequestAnswers.of(approve.approve(context.actor(), pointer, context.origin())));
    }
}
