package dev.promobot.promotion;

import dev.promobot.rules.Actor;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Image;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Rule;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The deploy-then-record sequence, the one way every deployment runs (promotion, rollback, approved request):
 * record the deployment as in progress (one per environment, across replicas), announce it, deploy in the
 * background through the {@link DeploymentTarget}, then record the outcome, settle the request it came from (and
 * bind its release tag), write the audit trail and announce the outcome.
 */
@ApplicationScoped
public class Deployer {

    private static final Logger LOG = Logger.getLogger(Deployer.class);

    private final Deployments deployments;
    private final ApprovalRequests requests;
    private final DeploymentTarget target;
    private final ImageRegistry registry;
    private final AuditTrail audit;
    private final Announcements announcements;
    private final ManagedExecutor executor;
    private final Clock clock;

    Deployer(Deployments deployments, ApprovalRequests requests, DeploymentTarget target, ImageRegistry registry,
             AuditTrail audit, Announcements announcements, ManagedExecutor executor, Clock clock) {
        this.deployments = deployments;
        this.requests = requests;
        this.target = target;
        this.registry = registry;
        this.audit = audit;
        this.announcements = announcements;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Records the start of a deployment the rules allowed; refused (R10) when another one to the same environment
     * started in the meantime (the database keeps it to one, across replicas).
     */
    Optional<DeploymentPlan> record(Environment env, Image image, Optional<Image> from, DeploymentKind kind,
                                    Actor actor, Optional<Long> requestId) {
        Instant started = clock.instant();
        return deployments.start(env.name(), env.functions(), image, from, kind, actor.userId(), actor.name(),
                requestId).map(id -> new DeploymentPlan(id, env, image, from, actor, started, kind, requestId));
    }

    /** The R10 refusal for a deployment that lost the race to another one. */
    Reason alreadyRunning(Environment env) {
        String who = Optional.ofNullable(deployments.inFlight().get(env.name()))
                .map(flight -> ", started by " + flight.startedByName()).orElse("");
        return new Reason(Rule.R10, "a deployment to " + env.name() + " is already running" + who
                + "; try again when it has finished");
    }

    /**
     * A deployment a command asked for, with no approval needed: recorded and launched, or refused (and audited)
     * when another deployment to the environment started meanwhile.
     */
    DeployResult start(Environment env, Image image, Optional<Image> from, DeploymentKind kind, Actor actor,
                       Origin origin) {
        Optional<DeploymentPlan> plan = record(env, image, from, kind, actor, Optional.empty());
        if (plan.isEmpty()) {
            return audit.refused(actor, origin, Optional.of(env.name()), new Refusal(List.of(alreadyRunning(env))));
        }
        launch(plan.get(), origin);
        return new DeployResult.DeploymentStarted(plan.get());
    }

    /** A deployment a command started: a progress message replying to it, then the outcome in its place. */
    private void launch(DeploymentPlan plan, Origin origin) {
        long progress = announcements.deploymentStarted(plan, origin);
        deployments.attachMessage(plan.deploymentId(), origin.chatId(), progress);
        Optional<String> env = Optional.of(plan.environment().name());
        audit.record(plan.actor(), origin, env, AuditOutcome.STARTED, plan.fromLabel() + " -> " + plan.image().label());
        executor.runAsync(() -> {
            DeploymentOutcome outcome = carryOut(plan);
            audit.record(plan.actor(), origin, env, outcome.succeeded() ? AuditOutcome.SUCCEEDED : AuditOutcome.FAILED,
                    detail(outcome));
            announcements.deploymentFinished(outcome, progress, origin);
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
        executor.runAsync(() -> {
            DeploymentOutcome outcome = carryOut(plan);
            long id = request.id();
            if (outcome.succeeded()) {
                requests.settle(id, RequestStatus.DEPLOYED, Optional.empty());
                request.request().releaseTag().ifPresent(tag -> requests.bindReleaseTag(tag,
                        plan.image().digest(), id));
            } else {
                requests.settle(id, RequestStatus.FAILED, outcome.failure());
            }
            audit.record(Optional.of(plan.actor().userId()), plan.actor().name(), request.chatId(), "deploy",
                    "request #" + id, Optional.of(plan.environment().name()),
                    outcome.succeeded() ? AuditOutcome.SUCCEEDED : AuditOutcome.FAILED,
                    plan.fromLabel() + " -> " + plan.image().label() + outcome.failure().map(f -> ": " + f).orElse(""));
            announcements.requestDeployed(requests.find(id).orElseThrow(), outcome);
        });
    }

    /** Deploys and finishes the record; never throws for an AWS failure. */
    private DeploymentOutcome carryOut(DeploymentPlan plan) {
        try {
            target.deploy(plan.environment(), plan.image(), registry.imageUri(plan.image()));
            deployments.finish(plan.deploymentId(), DeploymentStatus.SUCCEEDED, Optional.empty());
            return new DeploymentOutcome(plan, true, took(plan), Optional.empty());
        } catch (AwsProblem problem) {
            deployments.finish(plan.deploymentId(), DeploymentStatus.FAILED, Optional.of(problem.sentence()));
            return new DeploymentOutcome(plan, false, took(plan), Optional.of(problem.sentence()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Deployment %d to %s failed unexpectedly", plan.deploymentId(), plan.environment().name());
            deployments.finish(plan.deploymentId(), DeploymentStatus.FAILED, Optional.of("internal error"));
            return new DeploymentOutcome(plan, false, took(plan),
                    Optional.of("promobot hit an internal error; see its log"));
        }
    }

    private Duration took(DeploymentPlan plan) {
        return Duration.between(plan.startedAt(), clock.instant());
    }

    private static String detail(DeploymentOutcome outcome) {
        DeploymentPlan plan = outcome.plan();
        String move = plan.fromLabel() + " -> " + plan.image().label();
        return outcome.succeeded() ? move + " in " + outcome.tookInSeconds()
                : move + ": " + outcome.failure().orElse("unknown failure");
    }

}
