package dev.promobot.summary;

import dev.promobot.promotion.AwsProblem;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;

/** Sends the daily summary on promobot.summary.cron, in promobot.time-zone. */
@ApplicationScoped
public class DailySummaryJob {

    private static final Logger LOG = Logger.getLogger(DailySummaryJob.class);

    private final DailySummary summary;
    private final Clock clock;

    DailySummaryJob(DailySummary summary, Clock clock) {
        this.summary = summary;
        this.clock = clock;
    }

    @Scheduled(identity = "daily-summary", cron = "{promobot.summary.cron}", timeZone = "{promobot.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            if (!summary.sendOnce(clock.instant())) {
                LOG.info("Today's summary went out already");
            }
        } catch (AwsProblem problem) {
            LOG.warnf("The daily summary could not be composed: %s", problem.sentence());
        }
    }
}
