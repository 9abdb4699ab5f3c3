package dev.promobot.promotion;

import dev.promobot.store.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * What promobot's deployments and approval requests add to /q/metrics. Each figure is recorded once its outcome
 * has committed, by the replica that wrote it, so the replicas' counters add up to what the database holds.
 */
@ApplicationScoped
public class PromotionMetrics {

    /** Buckets an operator can alert on: Lambda usually updates in seconds, a stuck one in minutes. */
    private static final Duration[] DEPLOYMENT_BUCKETS = {Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofMinutes(30)};
    private static final Duration[] APPROVAL_BUCKETS = {Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24)};

    private final MeterRegistry registry;
    private final Consumer<Runnable> afterCommit;

    @Inject
    PromotionMetrics(MeterRegistry registry, AfterCommit afterCommit) {
        this(registry, afterCommit::run);
    }

    /** Outside the container (benchmarks): records at once, into the given registry. */
    PromotionMetrics(MeterRegistry registry, Consumer<Runnable> afterCommit) {
        this.registry = registry;
        this.afterCommit = afterCommit;
    }

    /** A deployment reached its outcome (an outside deployment is one the moment it is noticed). */
    void deploymentEnded(String service, String environment, DeploymentKind kind, DeploymentStatus outcome,
                         Instant startedAt,
                         Instant endedAt) {
        afterCommit.accept(() -> {
            Counter.builder("promobot.deployments")
                    .description("Deployments that ended, by service, environment, kind and outcome")
                    .tag("service", service).tag("environment", environment).tag("kind", kind.dbValue())
                    .tag("outcome", outcome.dbValue())
                    .register(registry).increment();
            if (kind != DeploymentKind.OUTSIDE) {
                Timer.builder("promobot.deployment.duration")
                        .description("From a deployment's start to its outcome")
                        .tag("service", service).tag("environment", environment).tag("kind", kind.dbValue())
                        .tag("outcome", outcome.dbValue())
                        .serviceLevelObjectives(DEPLOYMENT_BUCKETS)
                        .register(registry).record(nonNegative(startedAt, endedAt));
            }
        });
    }

    /** An approval request closed: approved, rejected, expired or void. */
    void requestClosed(String service, String environment, RequestStatus outcome, Instant openedAt, Instant closedAt) {
        afterCommit.accept(() -> Timer.builder("promobot.approval.wait")
                .description("From an approval request's opening to its closing, by outcome")
                .tag("service", service).tag("environment", environment).tag("outcome", outcome.dbValue())
                .serviceLevelObjectives(APPROVAL_BUCKETS)
                .register(registry).record(nonNegative(openedAt, closedAt)));
    }

    private static Duration nonNegative(Instant from, Instant to) {
        Duration span = Duration.between(from, to);
        return span.isNegative() ? Duration.ZERO : span;
    }
}
