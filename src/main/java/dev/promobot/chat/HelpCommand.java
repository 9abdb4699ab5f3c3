package dev.promobot.chat;

import dev.promobot.rules.Role;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Comparator;
import java.util.List;

/** /help: the commands the caller may use here, one line each. */
@ApplicationScoped
public class HelpCommand implements ChatCommand {

    /** The message: templates/HelpCommand/help.html. */
    record help(String role, List<Spec> commands) implements TemplateInstance {
    }

    private static final Spec SPEC = Spec.forAnyone("help", "the commands you may use", Where.TEAM_OR_PRIVATE_CHAT);

    private final Instance<ChatCommand> commands;

    HelpCommand(Instance<ChatCommand> commands) {
        this.commands = commands;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        List<Spec> usable = commands.stream().map(ChatCommand::spec).filter(spec -> mayUse(spec, context))
                .sorted(Comparator.comparing(Spec::name)).toList();
        context.reply(Messages.render(new help(context.role().map(Role::label).orElse("no role"), usable)));
    }

    /** Listed where the command is taken, for roles that include its permission's least role. */
    private static boolean mayUse(Spec spec, CommandContext context) {
        boolean roleOk = spec.permission()
                .map(permission -> context.role().filter(role -> role.includes(permission.leastRole())).isPresent())
                .orElse(true);
        return roleOk && spec.where().takes(context.inTeamChat(), true);
    }
}
