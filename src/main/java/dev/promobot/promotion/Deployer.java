package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Image;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Rule;
import dev.promobot.rules.Service;
import dev.promobot.store.AfterCommit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deploy-then-record sequence, the one way every deployment runs (promotion, rollback, approved request):
 * record the deployment as in progress under this replica's lease (one per environment, across replicas), announce
 * it, deploy in the background through the {@link DeploymentTarget}, then record the outcome. The outcome, its
 * audit row, the request's status, the release-tag binding and the messages announcing it commit in one
 * transaction, and only while this replica still holds the lease; no AWS call runs inside a transaction.
 */
@ApplicationScoped
public class Deployer {

    private static final Logger LOG = Logger.getLogger(Deployer.class);

    private final Deployments deployments;
    private final DeploymentOwnership ownership;
    private final SettleDeployments settling;
    private final ApprovalRequests requests;
    private final DeploymentTarget target;
    private final ImageRegistries registries;
    private final Changelogs changelogs;
    private final AuditTrail audit;
    private final Announcements announcements;
    private final Settings settings;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final AfterCommit afterCommit;

    Deployer(Deployments deployments, DeploymentOwnership ownership, SettleDeployments settling,
             ApprovalRequests requests, DeploymentTarget target, ImageRegistries registries, Changelogs changelogs,
             AuditTrail audit, Announcements announcements, Settings settings, ManagedExecutor executor, Clock clock,
             AfterCommit afterCommit) {
        this.deployments = deployments;
        this.ownership = ownership;
        this.settling = settling;
        this.requests = requests;
        this.target = target;
        this.registries = registries;
        this.changelogs = changelogs;
        this.audit = audit;
        this.announcements = announcements;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
        this.afterCommit = afterCommit;
    }

    /**
     * Records the start of a deployment the rules allowed, owned by this replica; refused (R10) when another one to
     * the same environment started in the meantime (the database keeps it to one, across replicas).
     */
    Optional<DeploymentPlan> record(Service service, Environment env, Image image, Optional<Image> from,
                                    DeploymentKind kind, Actor actor, Optional<Long> requestId) {
        Instant started = clock.instant();
        return deployments.start(service.name(), env.name(), env.functions(), image, from, kind, actor.userId(),
                        actor.name(),
                        requestId, ownership.replica(), settings.deploymentLease())
                .map(lease -> new DeploymentPlan(lease, service, env, image, from, actor, started, kind, requestId));
    }

    /** The R10 refusal for a deployment that lost the race to another one. */
    Reason alreadyRunning(Service service, Environment env) {
        String who = Optional.ofNullable(deployments.inFlight(service.name()).get(env.name()))
                .map(flight -> ", started by " + flight.startedByName()).orElse("");
        return new Reason(Rule.R10, "a deployment to " + env.name() + " is already running" + who
                + "; try again when it has finished");
    }

    /**
     * A deployment a command asked for, with no approval needed: recorded and launched, or refused (and audited)
     * when another deployment to the environment started meanwhile.
     */
    DeployResult start(Service service, Environment env, Image image, Optional<Image> from, DeploymentKind kind,
                       Actor actor, Origin origin) {
        Optional<DeploymentPlan> plan = record(service, env, image, from, kind, actor, Optional.empty());
        if (plan.isEmpty()) {
            return audit.refused(actor, origin, service, env.name(),
                    new Refusal(List.of(alreadyRunning(service, env))));
        }
        launch(plan.get(), origin);
        return new DeployResult.DeploymentStarted(plan.get());
    }

    /** A deployment a command started: a progress message replying to it, then the outcome in its place. */
    private void launch(DeploymentPlan plan, Origin origin) {
        String env = plan.environment().name();
        long progress = QuarkusTransaction.joiningExisting().call(() -> {
            long message = announcements.deploymentStarted(plan, origin);
            deployments.attachMessage(plan.deploymentId(), origin.chatId(), message);
            audit.record(plan.actor(), origin, plan.service(), env, AuditOutcome.STARTED,
                    plan.fromLabel() + " -> " + plan.image().label());
            return message;
        });
        run(plan, (outcome, changelog) -> {
            audit.record(plan.actor(), origin, plan.service(), env, auditOutcome(outcome), detail(outcome));
            announcements.deploymentFinished(outcome, changelog, progress, origin);
        });
    }

    /**
     * A deployment an approval started: the request message shows it (so a crash is reported there), and the
     * request is settled after.
     *
     * @param approvedIn the chat the last approval came from, where the request's own chat is not known
     */
    void attach(DeploymentPlan plan, StoredRequest request, long approvedIn) {
        request.outboxId().ifPresent(id -> deployments.attachMessage(plan.deploymentId(),
                request.chatId().orElse(approvedIn), id));
    }

    /** Runs a deployment an approval started, once its request message says it is deploying. */
    void launch(DeploymentPlan plan, StoredRequest request) {
        run(plan, (outcome, changelog) -> {
            long id = request.id();
            if (outcome.succeeded()) {
                requests.settle(id, RequestStatus.DEPLOYED, Optional.empty());
                request.request().releaseTag().ifPresent(tag -> requests.bindReleaseTag(plan.service().name(), tag,
                        plan.image().digest(), id));
            } else {
                requests.settle(id, RequestStatus.FAILED, outcome.failure());
            }
            audit.record(Optional.of(plan.actor().userId()), plan.actor().name(), request.chatId(), "deploy",
                    "request #" + id, Optional.of(plan.service().name()), Optional.of(plan.environment().name()),
                    auditOutcome(outcome),
                    plan.fromLabel() + " -> " + plan.image().label() + outcome.failure().map(f -> ": " + f).orElse(""));
            announcements.requestDeployed(requests.find(id).orElseThrow(), outcome);
        });
    }

    /**
     * What else commits with a deployment's outcome: its audit row, its request, its messages. {@code changelog} is
     * what a promotion started by a command changed, once it succeeded; a request's message already shows its own.
     */
    private interface Recording {
        void record(DeploymentOutcome outcome, Optional<Changelog> changelog);
    }

    /**
     * Deploys in the background under the plan's lease, then records the outcome with {@code recording} in one
     * transaction, if the lease still holds it. An outcome Lambda left open is handed to the sweeper.
     */
    private void run(DeploymentPlan plan, Recording recording) {
        // Launched only once the deployment's record has committed, and never if it rolls back. A crash in between
        // leaves it in progress under a lease nobody renews: the sweeper takes it over and, finding Lambda
        // unchanged, fails it.
        afterCommit.run(() -> carryOutInBackground(plan, recording));
    }

    private void carryOutInBackground(DeploymentPlan plan, Recording recording) {
        ownership.running(plan.lease());
        executor.runAsync(LogContext.carried(() -> {
            // Every line logged while it runs (AWS calls included) names the deployment and its request, as well as
            // the update that started it.
            MDC.put("deployment", String.valueOf(plan.deploymentId()));
            plan.requestId().ifPresent(request -> MDC.put("request", String.valueOf(request)));
            try {
                carryOut(plan).ifPresent(outcome -> {
                    // Asked before the outcome's transaction, which no call to GitHub may hold open.
                    Optional<Changelog> changelog = outcome.succeeded() && plan.kind() == DeploymentKind.PROMOTION
                            && plan.requestId().isEmpty()
                            ? Optional.of(plan.service().gitHubRepository().map(repo -> changelogs.of(repo,
                                    plan.environment().name(), plan.from(), plan.image()))
                                    .orElseGet(Changelog.NotConfigured::new))
                            : Optional.empty();
                    boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
                        if (!deployments.finish(plan.lease(), outcome.status(), outcome.failure())) {
                            return false;
                        }
                        recording.record(outcome, changelog);
                        return true;
                    });
                    if (!recorded) {
                        LOG.warnf("Deployment %d to %s was taken over by another replica; its outcome is theirs",
                                plan.deploymentId(), plan.environment().name());
                    }
                });
            } catch (RuntimeException e) {
                // The outcome could not be recorded (the database was away): the sweeper settles it from Lambda.
                LOG.errorf(e, "Deployment %d to %s: recording its outcome failed; it is settled from what Lambda "
                        + "reports instead", plan.deploymentId(), plan.environment().name());
                ownership.adopt(plan.lease());
            } finally {
                ownership.stopped(plan.lease());
            }
        }));
    }

    /**
     * Deploys; never throws. Empty when the outcome is not this replica's to record: the lease was lost, or Lambda
     * is still updating and the sweeper will settle it (this replica keeps the lease until then).
     */
    private Optional<DeploymentOutcome> carryOut(DeploymentPlan plan) {
        try {
            // The lease was timed from the start of the command's transaction, which may have run a while.
            ownership.confirm(plan.lease());
            target.deploy(plan.environment(), plan.image(), registries.of(plan.service()).imageUri(plan.image()),
                    () -> ownership.confirm(plan.lease()));
            return Optional.of(outcome(plan, DeploymentStatus.SUCCEEDED, Optional.empty()));
        } catch (OwnerCheck.LeaseLost lost) {
            LOG.warnf("Deployment %d to %s: %s", plan.deploymentId(), plan.environment().name(), lost.getMessage());
            return Optional.empty();
        } catch (DeploymentFailed failed) {
            DeploymentStatus status = failed.notRestored().isEmpty() ? DeploymentStatus.FAILED : DeploymentStatus.SPLIT;
            return Optional.of(outcome(plan, status, Optional.of(failed.sentence())));
        } catch (AwsProblem problem) {
            // No clear answer from Lambda (still updating, or not reachable to check): judge by what it reports.
            return judgeByReading(plan, problem.sentence());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Deployment %d to %s failed unexpectedly", plan.deploymentId(), plan.environment().name());
            return judgeByReading(plan, "promobot hit an internal error; see its log");
        }
    }

    private Optional<DeploymentOutcome> judgeByReading(DeploymentPlan plan, String problem) {
        try {
            Settling.Verdict judged = settling.judge(deployments.find(plan.deploymentId()).orElseThrow());
            if (judged.settled() && judged.outside().isEmpty()) {
                return Optional.of(outcome(plan, judged.status(), judged.status() == DeploymentStatus.SUCCEEDED
                        ? Optional.empty() : Optional.of(problem + "; " + judged.sentence())));
            }
        } catch (AwsProblem unreadable) {
            LOG.warnf("Deployment %d to %s: cannot read Lambda to settle it now (%s)", plan.deploymentId(),
                    plan.environment().name(), unreadable.sentence());
        }
        // Still updating, overtaken, or unreadable: the sweeper settles it, with everything it found.
        ownership.adopt(plan.lease());
        return Optional.empty();
    }

    private DeploymentOutcome outcome(DeploymentPlan plan, DeploymentStatus status, Optional<String> failure) {
        return new DeploymentOutcome(plan, status, Duration.between(plan.startedAt(), clock.instant()), failure);
    }

    private static AuditOutcome auditOutcome(DeploymentOutcome outcome) {
        return AuditOutcome.valueOf(outcome.status().name());
    }

    private static String detail(DeploymentOutcome outcome) {
        DeploymentPlan plan = outcome.plan();
        String move = plan.fromLabel() + " -> " + plan.image().label();
        return outcome.succeeded() ? move + " in " + outcome.tookInSeconds()
                : move + ": " + outcome.failure().orElse("unknown failure");
    }
}
