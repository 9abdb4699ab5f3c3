package dev.promobot.promotion;

import dev.promobot.rules.Action;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Image;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Rule;
import dev.promobot.rules.Rules;
import dev.promobot.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Promotion of an image into an environment that needs no approval: decide on a fresh snapshot, record the
 * deployment, deploy through the {@link DeploymentTarget}, and finish the record with the outcome.
 */
@ApplicationScoped
public class Promotions {

    private static final Logger LOG = Logger.getLogger(Promotions.class);

    /** What the rules said, and the deployment to carry out when they allowed it. */
    public sealed interface Plan {
    }

    /** Nothing moves; {@code reasons} say why. */
    public record Refused(List<Reason> reasons) implements Plan {
    }

    /** The target needs approvals; the request flow decides. */
    public record NeedsApproval(Environment target, Image image, Optional<Image> from, int approvals)
            implements Plan {
    }

    /** Recorded and ready to deploy. */
    public record Ready(long deploymentId, Environment target, Image image, Optional<Image> from, Actor actor,
                        Instant startedAt, Deployments.Kind kind, Optional<Long> requestId) implements Plan {
    }

    /** How a deployment ended. */
    public record Finished(Ready plan, boolean succeeded, Duration took, Optional<String> failure) {
    }

    private final LiveState live;
    private final Deployments deployments;
    private final DeploymentTarget target;
    private final ImageRegistry registry;
    private final Settings settings;
    private final Clock clock;

    Promotions(LiveState live, Deployments deployments, DeploymentTarget target, ImageRegistry registry,
               Settings settings, Clock clock) {
        this.live = live;
        this.deployments = deployments;
        this.target = target;
        this.registry = registry;
        this.settings = settings;
        this.clock = clock;
    }

    /** Decides a promotion and, when it may go ahead at once, records its start. */
    public Plan plan(Actor actor, Action.Promote promote) {
        Decision decision = Rules.decide(live.observe().snapshot(), actor, promote);
        if (!decision.allowed()) {
            return new Refused(decision.reasons());
        }
        Environment env = settings.pipeline().environment(promote.target()).orElseThrow();
        Image image = decision.image().orElseThrow();
        if (decision.approvalsNeeded() > 0) {
            return new NeedsApproval(env, image, decision.from(), decision.approvalsNeeded());
        }
        return begin(env, image, decision.from(), Deployments.Kind.PROMOTE, actor, Optional.empty());
    }

    /**
     * Records the start of a deployment the rules allowed, or refuses it when another one to the same environment
     * started in the meantime (the database keeps it to one, across replicas).
     */
    public Plan begin(Environment env, Image image, Optional<Image> from, Deployments.Kind kind, Actor actor,
                      Optional<Long> requestId) {
        Instant started = clock.instant();
        Optional<Long> id = deployments.start(env.name(), env.functions(), image, from, kind, actor.userId(),
                actor.name(), requestId);
        if (id.isEmpty()) {
            String who = Optional.ofNullable(deployments.inFlight().get(env.name()))
                    .map(flight -> ", started by " + flight.startedByName()).orElse("");
            return new Refused(List.of(new Reason(Rule.R10, "a deployment to " + env.name()
                    + " is already running" + who + "; try again when it has finished")));
        }
        return new Ready(id.get(), env, image, from, actor, started, kind, requestId);
    }

    /** Deploys a recorded plan and finishes its record; never throws for an AWS failure. */
    public Finished carryOut(Ready plan) {
        try {
            target.deploy(plan.target(), plan.image(), registry.imageUri(plan.image()));
            deployments.finish(plan.deploymentId(), Deployments.Status.SUCCEEDED, Optional.empty());
            return new Finished(plan, true, Duration.between(plan.startedAt(), clock.instant()), Optional.empty());
        } catch (AwsProblem problem) {
            deployments.finish(plan.deploymentId(), Deployments.Status.FAILED, Optional.of(problem.sentence()));
            return new Finished(plan, false, Duration.between(plan.startedAt(), clock.instant()),
                    Optional.of(problem.sentence()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Deployment %d to %s failed unexpectedly", plan.deploymentId(), plan.target().name());
            deployments.finish(plan.deploymentId(), Deployments.Status.FAILED, Optional.of("internal error"));
            return new Finished(plan, false, Duration.between(plan.startedAt(), clock.instant()),
                    Optional.of("promobot hit an internal error; see its log"));
        }
    }
}
