package dev.promobot.chat;

import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Comparator;
import java.util.stream.Collectors;

/** /help: the commands the caller may use here, one line each. */
@ApplicationScoped
public class HelpCommand implements ChatCommand {

    private static final Spec SPEC = Spec.forAnyone("help", "the commands you may use");

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
                .filter(command -> mayUse(command, context))
                .sorted(Comparator.comparing(ChatCommand::name))
                .map(command -> command.usage() + " - " + command.description())
                .collect(Collectors.joining("\n"));
        String role = context.role().map(Role::label).orElse("no role");
        context.reply("<b>promobot</b> (you: " + role + ")\n" + lines);
    }

    private static boolean mayUse(ChatCommand command, CommandContext context) {
        boolean roleOk = command.requiredRole()
                .map(needed -> context.role().filter(role -> role.includes(needed)).isPresent())
                .orElse(true);
        return roleOk && (context.inTeamChat() || command.readOnly());
    }
}
