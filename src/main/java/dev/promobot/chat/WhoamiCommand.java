package dev.promobot.chat;

import dev.promobot.rules.Role;
import dev.promobot.telegram.Html;
import jakarta.enterprise.context.ApplicationScoped;


/** /whoami: the caller's Telegram id, name and role, and this chat's id (what an operator needs to configure). */
@ApplicationScoped
public class WhoamiCommand implements ChatCommand {

    private static final Spec SPEC = Spec.forAnyone("whoami", "your Telegram id and role", Where.ANYWHERE);

    @Override
    public Spec spec() {
        return SPEC;
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
