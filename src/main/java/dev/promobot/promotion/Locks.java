package dev.promobot.promotion;

import dev.promobot.rules.Lock;
import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Deploy freezes per service and environment. */
@ApplicationScoped
public class Locks {

    private final Db db;
    private final Clock clock;

    Locks(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Locks the environment; false when it was locked already. */
    public boolean lock(String service, String environment, long userId, String userName, String reason) {
        // Guarded rather than left to the primary key: a failed statement would end the caller's transaction.
        return db.update("INSERT INTO environment_lock (service, environment, locked_by_user_id, locked_by_name, "
                + "locked_at, reason) SELECT ?, ?, ?, ?, ?, ? FROM (VALUES (0)) one WHERE NOT EXISTS "
                + "(SELECT 1 FROM environment_lock WHERE service = ? AND environment = ?)", service, environment,
                userId, userName, clock.instant(), reason, service, environment) == 1;
    }

    /** Unlocks the environment; false when it was not locked. */
    public boolean unlock(String service, String environment) {
        return db.update("DELETE FROM environment_lock WHERE service = ? AND environment = ?", service,
                environment) == 1;
    }

    /** The service's locks, by environment. */
    public Map<String, Lock> all(String service) {
        Map<String, Lock> locks = new LinkedHashMap<>();
        db.list("SELECT * FROM environment_lock WHERE service = ?", rs -> new Lock(rs.getString("environment"),
                        rs.getLong("locked_by_user_id"), rs.getString("locked_by_name"), Db.instant(rs, "locked_at"),
                        rs.getString("reason") == null ? "" : rs.getString("reason")), service)
                .forEach(lock -> locks.put(lock.environment(), lock));
        return locks;
    }
}
