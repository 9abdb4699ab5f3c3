package dev.promobot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.config.Settings;
import dev.promobot.store.AfterCommit;
import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

import java.time.Clock;
import java.time.Duration;
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
    /** Bot API FAQ: "your bot will not be able to send more than 20 messages per minute to the same group". */
    static final int GROUP_PER_MINUTE = 20;

    /**
     * A message to send, an edit to make, or a message to pin or unpin.
     *
     * @param editOfOutboxId the message an edit, pin or unpin is about
     * @param editMessageId  that message's Telegram id, once it was sent
     * @param pin            "pin" or "unpin"; empty for messages and edits
     */
    public record Pending(long id, long chatId, String text, Optional<Long> replyToMessageId,
                          Optional<Long> editOfOutboxId, Optional<Long> editMessageId, Optional<String> replyMarkup,
                          int attempts, Optional<String> pin) {
        public boolean isEdit() {
            return editOfOutboxId.isPresent() && pin.isEmpty();
        }

        public boolean isPin() {
            return pin.isPresent();
        }
    }

    private final Db db;
    private final Clock clock;
    private final ObjectMapper json;
    private final AfterCommit afterCommit;
    private final Settings settings;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    Outbox(Db db, Clock clock, ObjectMapper json, AfterCommit afterCommit, Settings settings) {
        this.db = db;
        this.settings = settings;
        this.afterCommit = afterCommit;
        this.clock = clock;
        this.json = json;
    }

    /**
     * Called whenever something new is queued, once it is committed (the sender could not see it before), so the
     * sender does not wait for its next round.
     */
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
                            + "next_attempt_at, priority) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, ?)", chatId,
                    parts.get(i), i == 0 ? replyTo : Optional.empty(), last ? replyMarkup : Optional.empty(),
                    clock.instant(), priority(chatId));
            first = first < 0 ? id : first;
        }
        afterCommit.run(() -> listeners.forEach(Runnable::run));
        return first;
    }

    /** Queues an edit of an earlier message; an edit cannot become two messages, so an over-long text is cut. */
    public void edit(long outboxId, long chatId, String html, Optional<InlineKeyboardMarkup> buttons) {
        Optional<String> replyMarkup = buttons.map(this::json);
        db.insert("INSERT INTO outbox (chat_id, text, edit_of_outbox_id, reply_markup, created_at, next_attempt_at, "
                        + "priority) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, ?)", chatId, Html.cut(html, MAX_TEXT),
                outboxId, replyMarkup, clock.instant(), priority(chatId));
        afterCommit.run(() -> listeners.forEach(Runnable::run));
    }

    /**
     * Queues pinning an earlier message of the chat. It goes out in the chat's order, so after the message itself,
     * whose Telegram id is known by then; a chat where the bot may not pin refuses it, and that is logged.
     */
    public void pin(long outboxId, long chatId) {
        queuePin(outboxId, chatId, "pin");
    }

    /** Queues unpinning an earlier message of the chat that was pinned. */
    public void unpin(long outboxId, long chatId) {
        queuePin(outboxId, chatId, "unpin");
    }

    private void queuePin(long outboxId, long chatId, String pin) {
        db.insert("INSERT INTO outbox (chat_id, text, edit_of_outbox_id, pin, created_at, next_attempt_at, priority) "
                + "VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, ?)", chatId, "[" + pin + "]", outboxId, pin,
                clock.instant(), priority(chatId));
        afterCommit.run(() -> listeners.forEach(Runnable::run));
    }

    /**
     * The first unsent message of each chat, when it is due and nobody is sending it: a message or edit goes out
     * only after every earlier one of its chat was sent or abandoned, so a message waiting for a retry holds its
     * chat's later ones back. Pacing is read from what was sent, on the database's clock, so every replica keeps
     * Telegram's limits together: one message a second per chat, and {@value #GROUP_PER_MINUTE} new messages a
     * minute per group. The team's chats come first ({@link ChatPriority}), and a chat offers one message at a
     * time, so no chat's backlog holds another's back. At most {@code perSecond} messages, fewer by those every
     * replica sent in the last second: Telegram's overall limit.
     */
    public List<Pending> due(int perSecond) {
        // Each chat's first unsent message, found in one pass over the unsent ones: a deep backlog in one chat
        // costs a grouping, not a lookup per message. The overall count comes along in the same statement.
        record Row(Pending pending, int sentInTheLastSecond) {
        }
        List<Row> rows = db.list("SELECT o.*, e.message_id AS edit_message_id, (SELECT COUNT(*) FROM outbox t "
                        + "WHERE t.error IS NULL AND t.sent_at > CURRENT_TIMESTAMP - INTERVAL '1' SECOND) AS overall "
                        + "FROM (SELECT MIN(id) AS head FROM outbox WHERE sent_at IS NULL GROUP BY chat_id) h "
                        + "JOIN outbox o ON o.id = h.head LEFT JOIN outbox e ON e.id = o.edit_of_outbox_id "
                        + "WHERE o.next_attempt_at <= CURRENT_TIMESTAMP "
                        + "AND (o.claimed_until IS NULL OR o.claimed_until < CURRENT_TIMESTAMP) "
                        + "AND NOT EXISTS (SELECT 1 FROM outbox s WHERE s.chat_id = o.chat_id AND s.error IS NULL "
                        + "AND s.sent_at > CURRENT_TIMESTAMP - INTERVAL '1' SECOND) "
                        + "AND (o.chat_id > 0 OR o.edit_of_outbox_id IS NOT NULL OR (SELECT COUNT(*) FROM outbox g "
                        + "WHERE g.chat_id = o.chat_id AND g.edit_of_outbox_id IS NULL AND g.error IS NULL "
                        + "AND g.sent_at > CURRENT_TIMESTAMP - INTERVAL '60' SECOND) < " + GROUP_PER_MINUTE + ") "
                        + "ORDER BY o.priority, o.id LIMIT ?",
                rs -> new Row(new Pending(rs.getLong("id"), rs.getLong("chat_id"), rs.getString("text"),
                        Db.optionalLong(rs, "reply_to_message_id"), Db.optionalLong(rs, "edit_of_outbox_id"),
                        Db.optionalLong(rs, "edit_message_id"), Optional.ofNullable(rs.getString("reply_markup")),
                        rs.getInt("attempts"), Optional.ofNullable(rs.getString("pin"))), rs.getInt("overall")),
                perSecond);
        int budget = rows.isEmpty() ? 0 : Math.max(0, perSecond - rows.get(0).sentInTheLastSecond());
        return rows.stream().limit(budget).map(Row::pending).toList();
    }

    /** Messages not yet sent (nor given up), from every replica, and when the oldest of them was queued. */
    public Backlog backlog() {
        return db.one("SELECT COUNT(*) AS waiting, MIN(created_at) AS oldest FROM outbox WHERE sent_at IS NULL",
                Backlog::read).orElse(Backlog.EMPTY);
    }

    /**
     * Claims a due message for sending; false when another replica got it first, or has meanwhile been told by
     * Telegram to wait.
     */
    public boolean claim(long id, String replica, Duration lease) {
        return db.update("UPDATE outbox SET claimed_by = ?, claimed_until = " + Db.NOW_PLUS_MILLIS
                + " WHERE id = ? AND sent_at IS NULL AND next_attempt_at <= CURRENT_TIMESTAMP "
                + "AND (claimed_until IS NULL OR claimed_until < CURRENT_TIMESTAMP)", replica, lease.toMillis(),
                id) == 1;
    }

    /** Whether a later edit of the same message waits: then this one need not be sent at all. */
    public boolean supersededByLaterEdit(Pending edit) {
        return edit.editOfOutboxId().flatMap(original -> db.one("SELECT 1 FROM outbox WHERE edit_of_outbox_id = ? "
                + "AND pin IS NULL AND sent_at IS NULL AND id > ?", rs -> true, original, edit.id())).isPresent();
    }

    private int priority(long chatId) {
        return ChatPriority.of(settings, Optional.of(chatId));
    }

    private String json(InlineKeyboardMarkup buttons) {
        try {
            return json.writeValueAsString(buttons);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("inline keyboard cannot be written as JSON", e);
        }
    }

    public void markSent(long id, Optional<Long> messageId) {
        db.update("UPDATE outbox SET sent_at = CURRENT_TIMESTAMP, message_id = ?, error = NULL, "
                + "attempts = attempts + 1 WHERE id = ?", messageId, id);
    }

    /**
     * Telegram refused the message for good (e.g. 400 Bad Request), or a later edit made it pointless: keep it,
     * with why, but stop trying. Abandoned messages do not count towards pacing.
     */
    public void markAbandoned(long id, String error) {
        db.update("UPDATE outbox SET sent_at = CURRENT_TIMESTAMP, error = ?, attempts = attempts + 1 WHERE id = ?",
                Html.cut(error, 1000), id);
    }

    /** Tries the message again after {@code pause}; its chat's later messages wait for it. */
    public void retryAfter(long id, Duration pause, String error) {
        db.update("UPDATE outbox SET next_attempt_at = " + Db.NOW_PLUS_MILLIS + ", error = ?, claimed_until = NULL, "
                + "attempts = attempts + 1 WHERE id = ?", pause.toMillis(), Html.cut(error, 1000), id);
    }
}
