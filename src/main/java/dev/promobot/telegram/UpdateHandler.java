package dev.promobot.telegram;

import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * What the transport hands each stored update to, in order, once: the chat side implements it. The transport
 * knows no command.
 */
public interface UpdateHandler {

    /**
     * Handles one update; returns a word for the inbox saying what came of it ("handled: /status"). It runs in the
     * update's transaction: an exception rolls back everything it did, and the update is tried again.
     */
    String handle(Update update);

    /**
     * The update failed every attempt and is given up: say so to whoever sent it. Runs in its own transaction.
     *
     * @param reference names the log line with the detail, which never goes to the chat or the audit trail
     */
    void gaveUp(Update update, String reference);
}
