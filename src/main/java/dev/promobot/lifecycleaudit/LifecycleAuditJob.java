package dev.promobot.lifecycleaudit;

import dev.promobot.channel.ChannelPoster;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.store.Replica;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;


/** The scheduled ECR lifecycle audit (promobot.audit.cron): stored, and summarised in the channel. */
@ApplicationScoped
public class LifecycleAuditJob {

    private static final Logger LOG = Logger.getLogger(LifecycleAuditJob.class);

    private final LifecycleAudit audit;
    private final LifecycleAuditRuns runs;
    private final ChannelPoster channel;
    private final Replica replica;

    LifecycleAuditJob(LifecycleAudit audit, LifecycleAuditRuns runs, ChannelPoster channel, Replica replica) {
        this.audit = audit;
        this.runs = runs;
        this.channel = channel;
        this.replica = replica;
    }

    @Scheduled(identity = "lifecycle-audit", cron = "{promobot.audit.cron}", timeZone = "{promobot.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void scheduled(ScheduledExecution execution) {
        // With several replicas, the first to claim this fire time runs the audit.
        if (!replica.claimJob("lifecycle-audit", execution.getScheduledFireTime().truncatedTo(ChronoUnit.SECONDS)
                .toString())) {
            return;
        }
        try {
            LifecycleAuditReport report = runAndStore("schedule");
            channel.post(LifecycleAuditMessages.summary(report));
        } catch (AwsProblem problem) {
            LOG.warnf("The lifecycle audit could not run: %s", problem.sentence());
            channel.post(LifecycleAuditMessages.notRun(problem.sentence()));
        }
    }

    public LifecycleAuditReport runAndStore(String trigger) {
        LifecycleAuditReport report = audit.run();
        runs.store(report, trigger, LifecycleAuditMessages.details(report));
        return report;
    }
}
