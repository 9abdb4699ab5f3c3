package dev.promobot.chat;

import dev.promobot.telegram.CommandMenu;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

import java.util.Comparator;
import java.util.List;

/** Telegram's command menu: every command, by name, with its one-line description. */
@ApplicationScoped
public class ChatMenu implements CommandMenu {

    private final Instance<ChatCommand> commands;

    ChatMenu(Instance<ChatCommand> commands) {
        this.commands = commands;
    }

    @Override
    public List<BotCommand> commands() {
        return commands.stream().sorted(Comparator.comparing(ChatCommand::name))
                .map(command -> new BotCommand(command.name(), command.spec().description())).toList();
    }
}
