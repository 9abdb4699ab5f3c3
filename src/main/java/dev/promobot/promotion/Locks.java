package dev.promobot.promotion;

import dev.promobot.rules.Lock;
import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/** Deploy freezes per environment. */
@ApplicationScoped
public class Locks {

    private final Db db;

    Locks(Db db) {
        this.db = db;
    }

    public Map<String, Lock> all() {
        Map<String, Lock> locks = new LinkedHashMap<>();
        db.list("SELECT * FROM env_lock", rs -> new Lock(rs.getString("environment"), rs.getLong("locked_by"),
                        rs.getString("locked_by_name"), Db.instant(rs, "locked_at"),
                        rs.getString("reason") == null ? "" : rs.getString("reason")))
                .forEach(lock -> locks.put(lock.environment(), lock));
        return locks;
    }
}
