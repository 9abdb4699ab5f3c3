package dev.promobot.promotion;

import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * People and chats promobot does not serve: a person with no role, and anyone in a chat that is not configured.
 * They can find the bot but cannot stall the team with it: each gets at most one answer a minute (a chat that is
 * not configured gets one a minute, whoever writes in it), and what goes unanswered is counted per chat, person and
 * hour instead of being written to the audit trail one row each.
 *
 * <p>Every row here is keyed by its chat, and one chat's updates are processed one at a time across replicas (see
 * the inbox), so these checks and counts never race with each other.
 */
@ApplicationScoped
public class Outsiders {

    /** The user id under which a chat that is not configured is answered, whoever writes in it. */
    public static final long ANYONE = 0;

    /** Messages left unanswered, from how many people, in how many chats. */
    public record Tally(long messages, long people, long chats) {
    }

    private final Db db;
    private final Clock clock;

    Outsiders(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Takes this minute's answer for the person in that chat: true when promobot may answer, at most once a
     * minute by the database's clock; false means stay silent (and count the message as {@link #ignored}).
     */
    public boolean mayAnswer(long chatId, long userId) {
        int renewed = db.update("UPDATE outside_answer SET answered_at = CURRENT_TIMESTAMP WHERE chat_id = ? "
                + "AND user_id = ? AND answered_at <= CURRENT_TIMESTAMP - INTERVAL '60' SECOND", chatId, userId);
        return renewed == 1 || db.update("INSERT INTO outside_answer (chat_id, user_id, answered_at) "
                + "SELECT ?, ?, CURRENT_TIMESTAMP FROM (VALUES (0)) one WHERE NOT EXISTS "
                + "(SELECT 1 FROM outside_answer WHERE chat_id = ? AND user_id = ?)", chatId, userId, chatId,
                userId) == 1;
    }

    /** Counts a message promobot left unanswered, in the hour it came. */
    public void ignored(long chatId, long userId, String userName, String text) {
        Instant now = clock.instant();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        String name = cut(userName, 256);
        String last = cut(text, 4096);
        int counted = db.update("UPDATE outside_message SET messages = messages + 1, user_name = ?, last_text = ?, "
                + "last_at = ? WHERE chat_id = ? AND user_id = ? AND hour_start = ?", name, last, now, chatId, userId,
                hour);
        if (counted == 0) {
            db.update("INSERT INTO outside_message (chat_id, user_id, hour_start, user_name, messages, last_text, "
                    + "last_at) VALUES (?, ?, ?, ?, 1, ?, ?)", chatId, userId, hour, name, last, now);
        }
    }

    /** What went unanswered in the hours from the one {@code since} falls in. */
    public Tally since(Instant since) {
        return db.one("SELECT COALESCE(SUM(messages), 0) AS messages, COUNT(DISTINCT user_id) AS people, "
                        + "COUNT(DISTINCT chat_id) AS chats FROM outside_message WHERE hour_start >= ?",
                rs -> new Tally(rs.getLong("messages"), rs.getLong("people"), rs.getLong("chats")),
                since.truncatedTo(ChronoUnit.HOURS)).orElse(new Tally(0, 0, 0));
    }

    /** At most {@code max} characters, never half of an emoji. */
    private static String cut(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max);
    }
}
