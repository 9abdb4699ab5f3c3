package dev.promobot.chat;

import dev.promobot.config.Settings;
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

    /**
     * The message: templates/HelpCommand/help.html.
     *
     * @param services the services' names where there are several, else blank
     */
    record help(String role, List<Line> commands, String services) implements TemplateInstance {
    }

    record Line(String usage, String description) {
    }

    private static final Spec SPEC = Spec.forAnyone("help", "the commands you may use", Where.TEAM_OR_PRIVATE_CHAT);

    private final Instance<ChatCommand> commands;
    private final Settings settings;

    HelpCommand(Instance<ChatCommand> commands, Settings settings) {
        this.commands = commands;
        this.settings = settings;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        boolean several = settings.services().several();
        List<Line> usable = commands.stream().map(ChatCommand::spec).filter(spec -> mayUse(spec, context))
                .sorted(Comparator.comparing(Spec::name))
                .map(spec -> new Line(spec.usage(several), spec.description())).toList();
        context.reply(Messages.render(new help(context.role().map(Role::label).orElse("no role"), usable,
                several ? String.join(", ", settings.services().names()) : "")));
    }

    /** Listed where the command is taken, for roles that include its permission's least role. */
    private static boolean mayUse(Spec spec, CommandContext context) {
        boolean roleOk = spec.permission()
                .map(permission -> context.role().filter(role -> role.includes(permission.leastRole())).isPresent())
                .orElse(true);
        return roleOk && spec.where().takes(context.inTeamChat(), true);
    }
}
