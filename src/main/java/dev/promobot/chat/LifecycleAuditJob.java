package dev.promobot.chat;

import dev.promobot.audit.AuditReport;
import dev.promobot.audit.AuditRuns;
import dev.promobot.audit.LifecycleAudit;
import dev.promobot.summary.ChannelPoster;
import dev.promobot.promotion.AwsProblem;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;


/** The scheduled ECR lifecycle audit (promobot.audit.cron): stored, and summarised in the channel. */
@ApplicationScoped
public class LifecycleAuditJob {

    private static final Logger LOG = Logger.getLogger(LifecycleAuditJob.class);

    private final LifecycleAudit audit;
    private final AuditRuns runs;
    private final ChannelPoster channel;

    LifecycleAuditJob(LifecycleAudit audit, AuditRuns runs, ChannelPoster channel) {
        this.audit = audit;
        this.runs = runs;
        this.channel = channel;
    }

    @Scheduled(identity = "lifecycle-audit", cron = "{promobot.audit.cron}", timeZone = "{promobot.time-zone}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void scheduled() {
        try {
            AuditReport report = runAndStore("schedule");
            channel.post(AuditMessages.summary(report));
        } catch (AwsProblem problem) {
            LOG.warnf("The lifecycle audit could not run: %s", problem.sentence());
            channel.post("⚠️ The ECR lifecycle audit could not run: " + Html.escape(problem.sentence()));
        }
    }

    AuditReport runAndStore(String trigger) {
        AuditReport report = audit.run();
        runs.store(report, trigger, AuditMessages.details(report));
        return report;
    }
}
