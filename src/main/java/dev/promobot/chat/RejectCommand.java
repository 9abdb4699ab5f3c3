package dev.promobot.chat;

import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** /reject &lt;env&gt; [reason]: closes a promotion request; approvers and the requester may. */
@ApplicationScoped
public class RejectCommand implements ChatCommand {

    private final RequestFlow flow;

    RejectCommand(RequestFlow flow) {
        this.flow = flow;
    }

    @Override
    public String name() {
        return "reject";
    }

    @Override
    public String usage() {
        return "/reject &lt;env&gt; [reason] (as a reply to the request)";
    }

    @Override
    public String description() {
        return "close a promotion request";
    }

    @Override
    public Optional<Role> requiredRole() {
        // The requester may withdraw their own request; the rules check who else may.
        return Optional.of(Role.DEPLOYER);
    }

    @Override
    public boolean readOnly() {
        return false;
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
