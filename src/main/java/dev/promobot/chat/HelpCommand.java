package dev.promobot.chat;

import dev.promobot.rules.Role;
import dev.promobot.telegram.Html;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Comparator;
import java.util.stream.Collectors;

/** /help: the commands the caller may use here, one line each. */
@ApplicationScoped
public class HelpCommand implements ChatCommand {

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
        String lines = commands.stream()
                .filter(command -> mayUse(command.spec(), context))
                .sorted(Comparator.comparing(ChatCommand::name))
                .map(command -> Html.escape(command.spec().usage() + " - " + command.spec().description()))
                .collect(Collectors.joining("\n"));
        String role = context.role().map(Role::label).orElse("no role");
        context.reply("<b>promobot</b> (you: " + role + ")\n" + lines);
    }

    /** Listed where the command is taken, for roles that include its permission's least role. */
    private static boolean mayUse(Spec spec, CommandContext context) {
        boolean roleOk = spec.permission()
                .map(permission -> context.role().filter(role -> role.includes(permission.leastRole())).isPresent())
                .orElse(true);
        return roleOk && spec.where().takes(context.inTeamChat(), true);
    }
}
