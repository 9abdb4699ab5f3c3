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
import java.util.ArrayList;
import java.util.List;


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
        channel.post(runAndStoreEach(settings.services().all(), "schedule"));
    }

    /**
     * Audits each service's repository in turn, one that cannot be read not stopping the others, and returns one
     * message for the run, a section per repository (split only where Telegram's limit makes it).
     */
    public String runAndStoreEach(List<Service> services, String trigger) {
        List<String> sections = new ArrayList<>();
        for (Service service : services) {
            try {
                sections.add(LifecycleAuditMessages.summary(runAndStore(service, trigger)));
            } catch (AwsProblem problem) {
                LOG.warnf("The lifecycle audit of %s could not run: %s", service.name(), problem.sentence());
                sections.add(LifecycleAuditMessages.notRun(service.repository(), problem.sentence()));
            }
        }
        return String.join("\n\n", sections);
    }

    public LifecycleAuditReport runAndStore(Service service, String trigger) {
        LifecycleAuditReport report = audit.run(service);
        runs.store(service.name(), report, trigger, LifecycleAuditMessages.details(report));
        return report;
    }
}
