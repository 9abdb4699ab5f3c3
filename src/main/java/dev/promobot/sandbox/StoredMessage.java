package dev.promobot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A message as the stand-in keeps it; mutable because the bot may edit it. Guarded by the stand-in's lock. */
final class StoredMessage {

    final long chatId;
    final long messageId;
    final User from;
    final Instant date;
    final Optional<Long> replyToMessageId;
    String text;
    String plainText;
    Optional<String> parseMode;
    /** The inline_keyboard as sent, so URL and other buttons round-trip unchanged. */
    Optional<JsonNode> inlineKeyboard;
    List<List<Button>> buttons;
    Optional<Instant> editDate = Optional.empty();
    final List<Edit> edits = new ArrayList<>();

    StoredMessage(long chatId, long messageId, User from, Instant date, Optional<Long> replyToMessageId, Content content) {
        this.chatId = chatId;
        this.messageId = messageId;
        this.from = from;
        this.date = date;
        this.replyToMessageId = replyToMessageId;
        apply(content);
    }

    void apply(Content content) {
        this.text = content.text();
        this.plainText = content.plainText();
        this.parseMode = content.parseMode();
        this.inlineKeyboard = content.inlineKeyboard();
        this.buttons = content.buttons();
    }

    Content content() {
        return new Content(text, plainText, parseMode, inlineKeyboard, buttons);
    }

    SentMessage snapshot() {
        return new SentMessage(chatId, messageId, from, date, text, parseMode, buttons, replyToMessageId, List.copyOf(edits));
    }

    /** What a message says and offers; two equal contents make an edit "not modified". */
    record Content(String text, String plainText, Optional<String> parseMode, Optional<JsonNode> inlineKeyboard,
            List<List<Button>> buttons) {

        static Content plain(String text) {
            return new Content(text, text, Optional.empty(), Optional.empty(), List.of());
        }

        boolean sameAs(Content other) {
            return text.equals(other.text) && parseMode.equals(other.parseMode)
                    && inlineKeyboard.equals(other.inlineKeyboard);
        }
    }
}
