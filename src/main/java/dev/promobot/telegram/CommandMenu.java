package dev.promobot.telegram;

import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

import java.util.List;

/** The command menu registered with setMyCommands at start-up; the chat side provides it. */
public interface CommandMenu {

    List<BotCommand> commands();
}
