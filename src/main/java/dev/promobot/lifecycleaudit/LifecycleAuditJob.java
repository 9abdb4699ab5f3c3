package dev.promobot.lifecycleaudit;

import dev.promobot.channel.ChannelPoster;
import dev.promobot.config.Settings;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.rules.Service;
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

    private final Settings settings;

    LifecycleAuditJob(LifecycleAudit audit, LifecycleAuditRuns runs, ChannelPoster channel, Replica replica,
                      Settings settings) {
        this.settings = settings;
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
        // Each service's repository in turn; one that cannot be read does not stop the others.
        for (Service service : settings.services().all()) {
            try {
                LifecycleAuditReport report = runAndStore(service, "schedule");
                channel.post(LifecycleAuditMessages.summary(report));
            } catch (AwsProblem problem) {
                LOG.warnf("The lifecycle audit of %s could not run: %s", service.name(), problem.sentence());
                channel.post(LifecycleAuditMessages.notRun(problem.sentence()));
            }
        }
    }

    public LifecycleAuditReport runAndStore(Service service, String trigger) {
        LifecycleAuditReport report = audit.run(service);
        runs.store(service.name(), report, trigger, LifecycleAuditMessages.details(report));
        return report;
    }
}
