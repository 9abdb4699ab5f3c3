package dev.promobot.chat;

import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

/** /help: the commands the caller may use here, one line each. */
@ApplicationScoped
public class HelpCommand implements ChatCommand {

    private final Instance<ChatCommand> commands;

    HelpCommand(Instance<ChatCommand> commands) {
        this.commands = commands;
    }

    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "/help";
    }

    @Override
    public String description() {
        return "the commands you may use";
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
