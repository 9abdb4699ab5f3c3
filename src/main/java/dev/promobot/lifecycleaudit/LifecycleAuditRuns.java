package dev.promobot.lifecycleaudit;

import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/** Stored audit runs: each report as it was posted, and the latest headline for the daily summary. */
@ApplicationScoped
public class LifecycleAuditRuns {

    /** A stored run. */
    public record Run(long id, Instant ranAt, String trigger, String headline, String report) {
    }

    private final Db db;

    LifecycleAuditRuns(Db db) {
        this.db = db;
    }

    public long store(LifecycleAuditReport report, String trigger, String rendered) {
        return db.insert("INSERT INTO lifecycle_audit_run (ran_at, triggered_by, headline, report, dangers, expiring) "
                        + "VALUES (?, ?, ?, ?, ?, ?)", report.ranAt(), trigger, report.headline(), rendered,
                report.dangers().size(), report.expiring());
    }

    public Optional<Run> latest() {
        return db.one("SELECT * FROM lifecycle_audit_run ORDER BY ran_at DESC, id DESC LIMIT 1",
                rs -> new Run(rs.getLong("id"), Db.instant(rs, "ran_at"), rs.getString("triggered_by"),
                        rs.getString("headline"), rs.getString("report")));
    }
}
