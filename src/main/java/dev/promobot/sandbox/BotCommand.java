package dev.promobot.sandbox;

/** One entry of the command menu registered with setMyCommands. */
public record BotCommand(String command, String description) {
}
