package dev.promobot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every message promobot sends or edits, stored first and sent by {@link OutboxSender}: nothing is lost when
 * Telegram is slow or down, and a sent message is marked so it is never sent again.
 */
@ApplicationScoped
public class Outbox {

    /** Telegram's limit for one message's text. */
    public static final int MAX_TEXT = 4096;

    /** A message to send or an edit to make. */
    public record Pending(long id, long chatId, String text, Optional<Long> replyToMessageId,
                          Optional<Long> editOfOutboxId, Optional<Long> editMessageId, Optional<String> replyMarkup,
                          int attempts) {
        public boolean isEdit() {
            return editOfOutboxId.isPresent();
        }
    }

    private final Db db;
    private final Clock clock;
    private final ObjectMapper json;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    Outbox(Db db, Clock clock, ObjectMapper json) {
        this.db = db;
        this.clock = clock;
        this.json = json;
    }

    /** Called whenever something new is queued, so the sender does not wait for its next round. */
    public void onQueued(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Queues an HTML message; longer than Telegram allows, it is split at line breaks into several messages, the
     * buttons on the last. Returns the id of the first part, the one a later edit refers to.
     */
    public long send(long chatId, String html, Optional<Long> replyTo, Optional<InlineKeyboardMarkup> buttons) {
        Optional<String> replyMarkup = buttons.map(this::json);
        List<String> parts = Html.split(html, MAX_TEXT);
        long first = -1;
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            long id = db.insert("INSERT INTO outbox (chat_id, text, reply_to_message_id, reply_markup, created_at, "
                            + "next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)", chatId, parts.get(i),
                    i == 0 ? replyTo : Optional.empty(), last ? replyMarkup : Optional.empty(), clock.instant(),
                    clock.instant());
            first = first < 0 ? id : first;
        }
        listeners.forEach(Runnable::run);
        return first;
    }

    /** Queues an edit of an earlier message; an edit cannot become two messages, so an over-long text is cut. */
    public void edit(long outboxId, long chatId, String html, Optional<InlineKeyboardMarkup> buttons) {
        Optional<String> replyMarkup = buttons.map(this::json);
        db.insert("INSERT INTO outbox (chat_id, text, edit_of_outbox_id, reply_markup, created_at, next_attempt_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", chatId, Html.cut(html, MAX_TEXT), outboxId, replyMarkup,
                clock.instant(), clock.instant());
        listeners.forEach(Runnable::run);
    }

    /**
     * Messages due now, oldest first, leaving out those another replica is sending; an edit waits until the message
     * it edits has been sent.
     */
    public List<Pending> due(int limit, String replica) {
        return db.list("SELECT o.*, e.message_id AS edit_message_id FROM outbox o "
                        + "LEFT JOIN outbox e ON e.id = o.edit_of_outbox_id "
                        + "WHERE o.sent_at IS NULL AND o.next_attempt_at <= ? "
                        + "AND (o.claimed_by IS NULL OR o.claimed_by = ? OR o.claimed_until < ?) "
                        + "AND (o.edit_of_outbox_id IS NULL OR e.message_id IS NOT NULL OR e.sent_at IS NOT NULL) "
                        + "ORDER BY o.id LIMIT ?",
                rs -> new Pending(rs.getLong("id"), rs.getLong("chat_id"), rs.getString("text"),
                        Db.optionalLong(rs, "reply_to_message_id"), Db.optionalLong(rs, "edit_of_outbox_id"),
                        Db.optionalLong(rs, "edit_message_id"), Optional.ofNullable(rs.getString("reply_markup")),
                        rs.getInt("attempts")),
                clock.instant(), replica, clock.instant(), limit);
    }

    private String json(InlineKeyboardMarkup buttons) {
        try {
            return json.writeValueAsString(buttons);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("inline keyboard cannot be written as JSON", e);
        }
    }

    public void markSent(long id, Optional<Long> messageId) {
        db.update("UPDATE outbox SET sent_at = ?, message_id = ?, attempts = attempts + 1 WHERE id = ?",
                clock.instant(), messageId, id);
    }

    /** Telegram refused the message for good (e.g. 400 Bad Request): keep it, with why, but stop trying. */
    public void markAbandoned(long id, String error) {
        db.update("UPDATE outbox SET sent_at = ?, error = ?, attempts = attempts + 1 WHERE id = ?", clock.instant(),
                Html.cut(error, 1000), id);
    }

    public void retryAt(long id, Instant next, String error) {
        db.update("UPDATE outbox SET next_attempt_at = ?, error = ?, attempts = attempts + 1 WHERE id = ?", next,
                Html.cut(error, 1000), id);
    }
}
