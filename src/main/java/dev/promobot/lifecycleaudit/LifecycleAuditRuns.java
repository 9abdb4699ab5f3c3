package dev.promobot.lifecycleaudit;

import dev.promobot.config.Settings;
import dev.promobot.store.Db;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Instant;
import java.util.Optional;

/** Stored audit runs: each report as it was posted, and the latest headline for the daily summary. */
@ApplicationScoped
public class LifecycleAuditRuns {

    /** A stored run. */
    public record Run(long id, Instant ranAt, String trigger, String headline, String report) {
    }

    private final Db db;
    private final MeterRegistry registry;
    private final Settings settings;

    LifecycleAuditRuns(Db db, MeterRegistry registry, Settings settings) {
        this.db = db;
        this.registry = registry;
        this.settings = settings;
    }

    /**
     * Each service's latest run's findings in /q/metrics, labelled with the service and read from the database at
     * each scrape, so every replica reports the latest run of any of them (none yet: 0).
     */
    void registerMetrics(@Observes StartupEvent event) {
        for (String service : settings.services().names()) {
            Gauge.builder("promobot.lifecycle.images.at.risk", () -> latestCount(service, "dangers"))
                    .description("Images the team still needs that the lifecycle policy would expire, per the "
                            + "service's latest lifecycle audit")
                    .tag("service", service).register(registry);
            Gauge.builder("promobot.lifecycle.images.expiring", () -> latestCount(service, "expiring"))
                    .description("Images the lifecycle policy would expire, per the service's latest lifecycle audit")
                    .tag("service", service).register(registry);
        }
    }

    private double latestCount(String service, String column) {
        return db.one("SELECT " + column + " FROM lifecycle_audit_run WHERE service = ? "
                + "ORDER BY ran_at DESC, id DESC LIMIT 1", rs -> rs.getInt(1), service).orElse(0);
    }

    public long store(String service, LifecycleAuditReport report, String trigger, String rendered) {
        return db.insert("INSERT INTO lifecycle_audit_run (service, ran_at, triggered_by, headline, report, dangers, "
                        + "expiring) VALUES (?, ?, ?, ?, ?, ?, ?)", service, report.ranAt(), trigger,
                report.headline(), rendered,
                report.dangers().size(), report.expiring());
    }

    /** The service's latest run. */
    public Optional<Run> latest(String service) {
        return db.one("SELECT * FROM lifecycle_audit_run WHERE service = ? ORDER BY ran_at DESC, id DESC LIMIT 1",
                rs -> new Run(rs.getLong("id"), Db.instant(rs, "ran_at"), rs.getString("triggered_by"),
                        rs.getString("headline"), rs.getString("report")), service);
    }
}
