package dev.promobot.summary;

import dev.promobot.promotion.AwsProblem;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * Sends the daily summary on promobot.summary.cron, in promobot.time-zone. A run marks the day as due before it
 * composes the summary; a replica that starts and finds today due but not sent (its predecessor died in between)
 * sends it then.
 */
@ApplicationScoped
public class DailySummaryJob {

    private static final Logger LOG = Logger.getLogger(DailySummaryJob.class);

    private final DailySummary summary;
    private final Clock clock;
    private final ManagedExecutor executor;

    DailySummaryJob(DailySummary summary, Clock clock, ManagedExecutor executor) {
        this.summary = summary;
        this.clock = clock;
        this.executor = executor;
    }

    @Scheduled(identity = "daily-summary", cron = "{promobot.summary.cron}", timeZone = "{promobot.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        summary.markDue(clock.instant());
        send("");
    }

    void catchUp(@Observes StartupEvent event) {
        executor.runAsync(() -> {
            try {
                if (summary.dueButNotSent(clock.instant())) {
                    send(" (it was due before promobot restarted)");
                }
            } catch (RuntimeException e) {
                LOG.warnf("Could not check whether today's summary is still due: %s", e.getMessage());
            }
        });
    }

    private void send(String note) {
        try {
            if (summary.sendOnce(clock.instant())) {
                LOG.infof("Today's summary is queued%s", note);
            } else {
                LOG.info("Today's summary went out already");
            }
        } catch (AwsProblem problem) {
            LOG.warnf("The daily summary could not be composed: %s", problem.sentence());
        }
    }
}
