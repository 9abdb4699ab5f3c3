package dev.promobot.chat;

import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;


/** /reject &lt;env&gt; [reason]: closes a promotion request; approvers and the requester may. */
@ApplicationScoped
public class RejectCommand implements ChatCommand {

    // Deployers, so a requester may withdraw their own request; the rules decide who else may reject.
    private static final Spec SPEC = Spec.changing("reject", "/reject &lt;env&gt; [reason] (as a reply to the request)",
            "close a promotion request", Role.DEPLOYER);

    private final RequestFlow flow;

    RejectCommand(RequestFlow flow) {
        this.flow = flow;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        RequestTarget.Found found = RequestTarget.find(context, flow, name());
        if (found.request().isEmpty()) {
            context.reply(found.problem());
            return;
        }
        String reason = String.join(" ", context.args().subList(Math.min(1, context.args().size()),
                context.args().size()));
        context.reply(Html.escape(flow.reject(context.actor(), found.request().get().id(), reason, context.chatId(),
                context.text())));
    }
}
