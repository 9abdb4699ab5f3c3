package dev.promobot.telegram;

import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * What the transport hands each stored update to, in order, once: the chat side implements it. The transport
 * knows no command.
 */
public interface UpdateHandler {

    /** Handles one update; returns a word for the inbox saying what came of it ("handled: /status"). */
    String handle(Update update);
}
