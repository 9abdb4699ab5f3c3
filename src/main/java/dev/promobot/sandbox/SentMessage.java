package dev.promobot.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message as it currently stands in a chat, whoever sent it. {@code text} is what the sender
 * passed (markup included), so tests can assert on the bot's HTML as written.
 */
public record SentMessage(
        long chatId,
        long messageId,
        User from,
        Instant date,
        String text,
        Optional<String> parseMode,
        List<List<Button>> buttons,
        Optional<Long> replyToMessageId,
        List<Edit> edits) {

    public boolean fromBot() {
        return from.isBot();
    }

    public boolean edited() {
        return !edits.isEmpty();
    }

    public int editCount() {
        return edits.size();
    }

    public String originalText() {
        return edits.isEmpty() ? text : edits.get(0).previousText();
    }

    /** Callback data of every button, row by row, for assertions that do not care about layout. */
    public List<String> callbackData() {
        return buttons.stream().flatMap(List::stream).map(Button::callbackData).toList();
    }
}
