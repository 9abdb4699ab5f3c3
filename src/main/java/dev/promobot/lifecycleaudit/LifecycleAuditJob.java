package dev.promobot.lifecycleaudit;

import dev.promobot.channel.ChannelPoster;
import dev.promobot.config.Settings;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.LogContext;
import dev.promobot.rules.Service;
import dev.promobot.store.Replica;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.context.api.ManagedExecutorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;


/** The scheduled ECR lifecycle audit (promobot.audit.cron): stored, and summarised in the channel. */
@ApplicationScoped
public class LifecycleAuditJob {

    private static final Logger LOG = Logger.getLogger(LifecycleAuditJob.class);

    /** Repositories read at once: each read also asks Lambda what runs, which the Lambda adapter bounds too. */
    static final int SIDE_BY_SIDE = 4;

    private final LifecycleAudit audit;
    private final LifecycleAuditRuns runs;
    private final ChannelPoster channel;
    private final Replica replica;

    private final Settings settings;
    private final ManagedExecutor executor;

    /**
     * @param executor reads several repositories side by side, outside the caller's transaction: the reads need
     *                 none, and the reports are stored afterwards in the caller's
     */
    LifecycleAuditJob(LifecycleAudit audit, LifecycleAuditRuns runs, ChannelPoster channel, Replica replica,
                      Settings settings,
                      @ManagedExecutorConfig(cleared = ThreadContext.TRANSACTION) ManagedExecutor executor) {
        this.settings = settings;
        this.executor = executor;
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
     * Audits each service's repository, {@value #SIDE_BY_SIDE} at a time, one that cannot be read not stopping the
     * others; stores each report, and returns one message for the run, a section per repository (split only where
     * Telegram's limit makes it).
     */
    public String runAndStoreEach(List<Service> services, String trigger) {
        Semaphore turns = new Semaphore(SIDE_BY_SIDE);
        List<CompletableFuture<LifecycleAuditReport>> reports = services.stream()
                .map(service -> executor.supplyAsync(LogContext.carried(() -> {
                    turns.acquireUninterruptibly();
                    try {
                        return audit.run(service);
                    } finally {
                        turns.release();
                    }
                }))).toList();
        List<String> sections = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            Service service = services.get(i);
            try {
                LifecycleAuditReport report = reports.get(i).join();
                runs.store(service.name(), report, trigger, LifecycleAuditMessages.details(report));
                sections.add(LifecycleAuditMessages.summary(report));
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof AwsProblem problem)) {
                    throw e;
                }
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
