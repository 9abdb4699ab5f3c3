package dev.promobot.telegram;

import dev.promobot.config.Settings;
import dev.promobot.store.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Every Telegram update, stored before Telegram is told it arrived (long polling advances its offset, a webhook
 * answers 200), and processed from here. The update id is the primary key, so a redelivered update is stored once
 * and acted on once.
 *
 * <p>Replicas share the inbox through claims: a claim is a lease timed by the database's clock, renewed while the
 * update is processed, and only the oldest unprocessed update of each chat may be claimed, so one chat's commands
 * run one after the other, in order, whichever replica takes them. A dead replica's claims run out and are taken
 * over.
 */
@ApplicationScoped
public class Inbox {

    /** An update as it arrived, not yet stored. */
    public record Arrived(long updateId, Optional<Long> chatId, String payload) {
    }

    /** A stored update awaiting processing. */
    public record StoredUpdate(long updateId, String payload, int attempts) {
    }

    private final Db db;
    private final Clock clock;
    private final Settings settings;

    Inbox(Db db, Clock clock, Settings settings) {
        this.db = db;
        this.clock = clock;
        this.settings = settings;
    }

    /** Updates stored and not yet processed, by any replica, and when the oldest of them arrived. */
    public Backlog backlog() {
        return db.one("SELECT COUNT(*) AS waiting, MIN(received_at) AS oldest FROM inbox WHERE processed_at IS NULL",
                Backlog::read).orElse(Backlog.EMPTY);
    }

    /** Stores the update; false when it was stored before (a duplicate delivery). */
    public boolean store(long updateId, Optional<Long> chatId, String payload) {
        try {
            db.update("INSERT INTO inbox (update_id, chat_id, received_at, payload, priority) VALUES (?, ?, ?, ?, ?)",
                    updateId, chatId, clock.instant(), payload, ChatPriority.of(settings, chatId));
            return true;
        } catch (Db.StoreException e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Stores a getUpdates batch in one transaction, so a burst costs one commit per hundred updates rather than one
     * each; returns how many were new. An update stored before (a redelivery) is skipped.
     */
    public int storeAll(List<Arrived> batch) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int stored = 0;
            for (Arrived update : batch) {
                stored += db.update("INSERT INTO inbox (update_id, chat_id, received_at, payload, priority) "
                                + "SELECT ?, ?, ?, ?, ? FROM (VALUES (0)) one "
                                + "WHERE NOT EXISTS (SELECT 1 FROM inbox WHERE update_id = ?)", update.updateId(),
                        update.chatId(), clock.instant(), update.payload(), ChatPriority.of(settings, update.chatId()),
                        update.updateId());
            }
            return stored;
        });
    }

    /** The newest update stored: long polling confirms everything up to it. */
    public Optional<Long> lastUpdateId() {
        return db.one("SELECT MAX(update_id) AS last FROM inbox", rs -> Db.optionalLong(rs, "last")).flatMap(l -> l);
    }

    /**
     * Claims the oldest update that is the first unprocessed one of its chat and that nobody holds, for
     * {@code lease}, the team's chats before anyone else's ({@link ChatPriority}); empty when there is none. The
     * order follows the index on (processed_at, priority, update_id), so a claim reads a few rows however deep the
     * backlog. On PostgreSQL, {@code FOR UPDATE SKIP LOCKED} lets replicas claiming at the same moment pass each
     * other's candidates by instead of queueing on them.
     */
    public Optional<StoredUpdate> claimNext(String replica, Duration lease) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<StoredUpdate> next = db.one("SELECT update_id, payload, attempts FROM inbox i "
                            + "WHERE processed_at IS NULL "
                            + "AND (claimed_until IS NULL OR claimed_until < CURRENT_TIMESTAMP) "
                            + "AND NOT EXISTS (SELECT 1 FROM inbox e WHERE e.chat_id = i.chat_id "
                            + "AND e.processed_at IS NULL AND e.update_id < i.update_id) "
                            + "ORDER BY processed_at, priority, update_id LIMIT 1" + db.skipLocked(),
                    rs -> new StoredUpdate(rs.getLong("update_id"), rs.getString("payload"), rs.getInt("attempts")));
            // The conditions again: the claim is a compare-and-set, whatever the select saw.
            return next.filter(update -> db.update("UPDATE inbox SET claimed_by = ?, claimed_until = "
                    + Db.NOW_PLUS_MILLIS + " WHERE update_id = ? AND processed_at IS NULL "
                    + "AND (claimed_until IS NULL OR claimed_until < CURRENT_TIMESTAMP)", replica, lease.toMillis(),
                    update.updateId()) == 1);
        });
    }

    /** Extends a claim this replica still holds; false when it lost it (it ran out and was taken over). */
    public boolean renew(long updateId, String replica, Duration lease) {
        return db.update("UPDATE inbox SET claimed_until = " + Db.NOW_PLUS_MILLIS + " WHERE update_id = ? "
                + "AND claimed_by = ? AND processed_at IS NULL", lease.toMillis(), updateId, replica) == 1;
    }

    /**
     * Marks the update processed, in the transaction of its effects; false when it was processed already (another
     * replica took the claim over and finished first), and then the caller rolls its effects back.
     */
    public boolean markProcessed(long updateId, String outcome) {
        return db.update("UPDATE inbox SET processed_at = ?, outcome = ? WHERE update_id = ? AND processed_at IS NULL",
                clock.instant(), fitted(outcome), updateId) == 1;
    }

    /**
     * Gives the update up after failed attempts, marking it with its error; false when this replica no longer
     * holds its claim (another took it over and may yet succeed).
     */
    public boolean giveUp(long updateId, String replica, String outcome) {
        return db.update("UPDATE inbox SET processed_at = ?, outcome = ?, attempts = attempts + 1 "
                + "WHERE update_id = ? AND claimed_by = ? AND processed_at IS NULL", clock.instant(),
                fitted(outcome), updateId, replica) == 1;
    }

    /** The outcome as its column holds it (64 characters). */
    private static String fitted(String outcome) {
        return outcome.length() > 64 ? outcome.substring(0, 64) : outcome;
    }

    /** Processing failed and its effects were rolled back: count the attempt and let it be claimed after a pause. */
    public void attemptFailed(long updateId, String replica, Duration pause) {
        db.update("UPDATE inbox SET attempts = attempts + 1, claimed_until = " + Db.NOW_PLUS_MILLIS
                + " WHERE update_id = ? AND claimed_by = ? AND processed_at IS NULL", pause.toMillis(), updateId,
                replica);
    }
}
