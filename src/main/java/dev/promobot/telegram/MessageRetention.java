package dev.promobot.telegram;

import dev.promobot.config.Settings;
import dev.promobot.store.Db;
import dev.promobot.store.Replica;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;

/**
 * Deletes handled Telegram traffic older than {@code promobot.retention.messages}: processed inbox rows, sent or
 * abandoned outbox messages, old job claims, and the hourly counts of what outsiders sent. Unprocessed updates and unsent messages are kept whatever their
 * age; the audit trail, deployments and requests are never deleted. Runs once a day, on one replica.
 */
@ApplicationScoped
public class MessageRetention {

    private static final Logger LOG = Logger.getLogger(MessageRetention.class);

    /** What one run deleted. */
    public record Deleted(int updates, int messages, int claims, int outsideCounts) {
    }

    private final Db db;
    private final Replica replica;
    private final Settings settings;
    private final Clock clock;

    MessageRetention(Db db, Replica replica, Settings settings, Clock clock) {
        this.db = db;
        this.replica = replica;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(identity = "message-retention", cron = "0 17 3 * * ?", timeZone = "{promobot.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled(ScheduledExecution execution) {
        runOnce(execution.getScheduledFireTime().atZone(settings.timeZone()).toLocalDate().toString());
    }

    /** Runs for the day unless another replica (or an earlier run) claimed it; false then. */
    public boolean runOnce(String day) {
        if (!replica.claimJob("message-retention", day)) {
            return false;
        }
        Deleted deleted = deleteOlderThan(clock.instant().minus(settings.messageRetention()));
        LOG.infof("Retention: deleted %d processed updates, %d sent messages, %d job claims and %d hourly counts of "
                + "outside messages older than %s", deleted.updates(), deleted.messages(), deleted.claims(),
                deleted.outsideCounts(), settings.messageRetention());
        return true;
    }

    public Deleted deleteOlderThan(Instant cutoff) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int updates = db.update("DELETE FROM inbox WHERE processed_at < ?", cutoff);
            // Edits first: they refer to the message they edit. A message a kept edit refers to stays.
            int edits = db.update("DELETE FROM outbox WHERE sent_at < ? AND edit_of_outbox_id IS NOT NULL", cutoff);
            // The announcement of a freeze in force stays too: it is unpinned when the freeze is lifted.
            int messages = db.update("DELETE FROM outbox o WHERE o.sent_at < ? AND NOT EXISTS "
                    + "(SELECT 1 FROM outbox e WHERE e.edit_of_outbox_id = o.id) AND NOT EXISTS "
                    + "(SELECT 1 FROM promotion_freeze f WHERE f.outbox_id = o.id AND f.in_force IS NOT NULL)", cutoff);
            int claims = db.update("DELETE FROM job_claim WHERE claimed_at < ?", cutoff);
            int outside = db.update("DELETE FROM outside_message WHERE last_at < ?", cutoff);
            db.update("DELETE FROM outside_answer WHERE answered_at < ?", cutoff);
            return new Deleted(updates, edits + messages, claims, outside);
        });
    }
}
