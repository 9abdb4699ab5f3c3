package dev.promobot.promotion;

/**
 * Where an action came from, for its answer and its audit-trail row: the chat and message of the command (or the
 * request message a button sits on), the command's name and the text as typed.
 */
public record Origin(long chatId, long messageId, String command, String text) {
}
