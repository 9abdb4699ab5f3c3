package dev.promobot.chat;

import dev.promobot.rules.Role;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;


/** /whoami: the caller's Telegram id, name and role, and this chat's id (what an operator needs to configure). */
@ApplicationScoped
public class WhoamiCommand implements ChatCommand {

    /** The message: templates/WhoamiCommand/whoami.html. */
    record whoami(String name, long userId, String role, long chatId, boolean teamChat) implements TemplateInstance {
    }

    private static final Spec SPEC = Spec.forAnyone("whoami", "your Telegram id and role", Where.ANYWHERE);

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        String role = context.role().map(Role::label).orElse("none (an admin can add your id)");
        context.reply(Messages.render(new whoami(context.userName(), context.userId(), role, context.chatId(),
                context.inTeamChat())));
    }
}
