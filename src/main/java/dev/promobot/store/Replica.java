package dev.promobot.store;

import dev.promobot.store.Db.StoreException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * This replica among several sharing one database: its id, and claims that make sure each inbox row, outbox
 * message and scheduled job slot is handled by one replica. Claims on rows are leases: when a replica dies, its
 * claims run out and another replica takes the work over.
 */
@ApplicationScoped
public class Replica {

    /** Long enough for any one command or send; short enough that a dead replica's work resumes soon. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    private final String id = UUID.randomUUID().toString();
    private final Db db;
    private final Clock clock;

    Replica(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public String id() {
        return id;
    }

    /** Claims a row of {@code table} (inbox or outbox) by its key; false when another replica holds it. */
    public boolean claim(String table, String keyColumn, long key) {
        if (!table.equals("inbox") && !table.equals("outbox")) {
            throw new IllegalArgumentException("no claims on " + table);
        }
        Instant now = clock.instant();
        return db.update("UPDATE " + table + " SET claimed_by = ?, claimed_until = ? WHERE " + keyColumn + " = ? "
                + "AND (claimed_by IS NULL OR claimed_by = ? OR claimed_until < ?)", id, now.plus(LEASE), key, id,
                now) == 1;
    }

    /** Claims one run of a scheduled job for its slot (e.g. its fire time); false when another replica ran it. */
    public boolean claimJob(String job, String slot) {
        try {
            db.update("INSERT INTO job_claim (job, slot, claimed_by, claimed_at) VALUES (?, ?, ?, ?)", job, slot, id,
                    clock.instant());
            return true;
        } catch (StoreException e) {
            if (e.isUniqueViolation()) {
                return false;
            }
            throw e;
        }
    }
}
