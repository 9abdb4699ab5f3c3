package dev.promobot.telegram;

import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Every Telegram update, stored before Telegram is told it arrived (long polling advances its offset, a webhook
 * answers 200), and processed from here. The update id is the primary key, so a redelivered update is stored once
 * and acted on once; rows left unprocessed by a crash are picked up at the next start.
 */
@ApplicationScoped
public class Inbox {

    /** A stored update awaiting processing. */
    public record StoredUpdate(long updateId, String payload) {
    }

    private final Db db;
    private final Clock clock;

    Inbox(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores the update; false when it was stored before (a duplicate delivery). */
    public boolean store(long updateId, String payload) {
        try {
            db.update("INSERT INTO inbox (update_id, received_at, payload) VALUES (?, ?, ?)", updateId,
                    clock.instant(), payload);
            return true;
        } catch (Db.StoreException e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }

    /** The newest update stored: long polling confirms everything up to it. */
    public Optional<Long> lastUpdateId() {
        return db.one("SELECT MAX(update_id) AS last FROM inbox", rs -> Db.optionalLong(rs, "last")).flatMap(l -> l);
    }

    /**
     * The oldest unprocessed updates, in the order Telegram numbered them, leaving out those another replica is
     * working on (its claim has not run out).
     */
    public List<StoredUpdate> unprocessed(int limit, String replica) {
        return db.list("SELECT update_id, payload FROM inbox WHERE processed_at IS NULL "
                        + "AND (claimed_by IS NULL OR claimed_by = ? OR claimed_until < ?) ORDER BY update_id LIMIT ?",
                rs -> new StoredUpdate(rs.getLong("update_id"), rs.getString("payload")), replica, clock.instant(),
                limit);
    }

    public void markProcessed(long updateId, String outcome) {
        db.update("UPDATE inbox SET processed_at = ?, outcome = ? WHERE update_id = ?", clock.instant(), outcome,
                updateId);
    }
}
