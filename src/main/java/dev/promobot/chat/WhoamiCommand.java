package dev.promobot.chat;

import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** /whoami: the caller's Telegram id, name and role, and this chat's id (what an operator needs to configure). */
@ApplicationScoped
public class WhoamiCommand implements ChatCommand {

    @Override
    public String name() {
        return "whoami";
    }

    @Override
    public String usage() {
        return "/whoami";
    }

    @Override
    public String description() {
        return "your Telegram id and role";
    }

    @Override
    public Optional<Role> requiredRole() {
        return Optional.empty();
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public void run(CommandContext context) {
        String role = context.role().map(Role::label).orElse("none (an admin can add your id)");
        context.reply(Html.escape(context.userName()) + "\nuser id: <code>" + context.userId() + "</code>"
                + "\nrole: " + role
                + "\nchat id: <code>" + context.chatId() + "</code>"
                + (context.inTeamChat() ? "" : " (not a team chat)"));
    }
}
