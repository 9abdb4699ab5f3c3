package dev.promobot.chat;

import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;


/** /approve &lt;env&gt;: approves a promotion request, as a reply to it (or the env's only open one). */
@ApplicationScoped
public class ApproveCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("approve", "/approve &lt;env&gt; (as a reply to the request)",
            "approve a promotion request", Role.APPROVER);

    private final RequestFlow flow;

    ApproveCommand(RequestFlow flow) {
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
        context.reply(Html.escape(flow.approve(context.actor(), found.request().get().id(), context.chatId(),
                context.text())));
    }
}
