package dev.promobot.chat;

import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** /approve &lt;env&gt;: approves a promotion request, as a reply to it (or the env's only open one). */
@ApplicationScoped
public class ApproveCommand implements ChatCommand {

    private final RequestFlow flow;

    ApproveCommand(RequestFlow flow) {
        this.flow = flow;
    }

    @Override
    public String name() {
        return "approve";
    }

    @Override
    public String usage() {
        return "/approve &lt;env&gt; (as a reply to the request)";
    }

    @Override
    public String description() {
        return "approve a promotion request";
    }

    @Override
    public Optional<Role> requiredRole() {
        return Optional.of(Role.APPROVER);
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
        context.reply(Html.escape(flow.approve(context.actor(), found.request().get().id(), context.chatId(),
                context.text())));
    }
}
