package dev.promobot.store;

import dev.promobot.store.Db.StoreException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.UUID;

/**
 * This replica among several sharing one database: its id, and claims that make sure each scheduled job slot is
 * run by one replica. Inbox and outbox rows are claimed by leases of their own ({@code Inbox}, {@code Outbox}).
 */
@ApplicationScoped
public class Replica {

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
