package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.promotion.Deployments.Deployment;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Service;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Settles deployments from what Lambda says of each function ({@link Settling}): those this replica took over
 * because their owner's lease ran out, found by a sweep on every replica (every
 * {@code promobot.deployments.sweep-interval} and at start-up), and the one an admin asks about with /settle. A
 * deployment whose functions are still updating stays in progress, owned by this replica, and is looked at again
 * at the next sweep. The outcome commits in one transaction with its audit row, its request and its message,
 * conditional on this replica's lease.
 */
@ApplicationScoped
public class SettleDeployments {

    private static final Logger LOG = Logger.getLogger(SettleDeployments.class);

    /** What /settle found. */
    public sealed interface Result {
        /** Settled now, as the sentence says. */
        record Settled(SettledDeployment settled) implements Result {
        }

        /** Lambda is still updating; promobot keeps waiting (and this replica now owns the deployment). */
        record StillUpdating(Deployment deployment, String sentence) implements Result {
        }

        /** Lambda could not be read; promobot tries again at the next sweep. */
        record Unreadable(Deployment deployment, String sentence) implements Result {
        }

        record NothingInFlight(String environment) implements Result {
        }

        record UnknownEnvironment(String environment, List<String> environments) implements Result {
        }
    }

    private final Deployments deployments;
    private final DeploymentOwnership ownership;
    private final DeploymentTarget target;
    private final ApprovalRequests requests;
    private final AuditTrail audit;
    private final Announcements announcements;
    private final Settings settings;
    private final ManagedExecutor executor;
    private final Clock clock;

    SettleDeployments(Deployments deployments, DeploymentOwnership ownership, DeploymentTarget target,
                      ApprovalRequests requests, AuditTrail audit, Announcements announcements, Settings settings,
                      ManagedExecutor executor, Clock clock) {
        this.deployments = deployments;
        this.ownership = ownership;
        this.target = target;
        this.requests = requests;
        this.audit = audit;
        this.announcements = announcements;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
    }

    void atStartup(@Observes StartupEvent event) {
        executor.runAsync(this::sweep);
    }

    // First run one interval after start-up, so an invalid configuration stops start-up before any run.
    @Scheduled(identity = "deployment-sweep", every = "{promobot.deployments.sweep-interval}",
            delayed = "{promobot.deployments.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweep() {
        sweep();
    }

    /** Settles what this replica adopted, then takes over and settles deployments whose lease ran out. */
    public synchronized List<SettledDeployment> sweep() {
        List<SettledDeployment> settled = new ArrayList<>();
        try {
            for (DeploymentLease lease : ownership.adopted()) {
                settleOwned(lease).ifPresent(settled::add);
            }
            for (Deployment deployment : deployments.withExpiredLease()) {
                deployments.takeOver(deployment, ownership.replica(), settings.deploymentLease())
                        .ifPresent(lease -> {
                            LOG.infof("Deployment %d to %s: its owner's lease ran out; taken over (epoch %d)",
                                    deployment.id(), deployment.environment(), lease.epoch());
                            ownership.adopt(lease);
                            settleOwned(lease).ifPresent(settled::add);
                        });
            }
            failApprovedRequestsThatNeverDeployed();
        } catch (RuntimeException e) {
            // The database may be away for a moment; the next sweep tries again.
            LOG.warnf("The deployment sweep stopped early: %s", e.getMessage());
        }
        return settled;
    }

    /**
     * /settle: settles the environment's deployment in flight from what Lambda reports, taking it over when its
     * owner's lease has run out. While the owner still renews its lease it is left to the owner (it may be between
     * two calls to Lambda), and the answer says what Lambda reports meanwhile.
     */
    public Result settleNow(Service service, String environment, Actor admin) {
        if (service.pipeline().environment(environment).isEmpty()) {
            return new Result.UnknownEnvironment(environment, service.pipeline().names());
        }
        Optional<Deployment> inFlight = deployments.inFlight(service.name(), environment);
        if (inFlight.isEmpty()) {
            return new Result.NothingInFlight(environment);
        }
        Deployment deployment = inFlight.get();
        Optional<DeploymentLease> lease = deployments.takeOver(deployment, ownership.replica(),
                settings.deploymentLease());
        try {
            if (lease.isEmpty()) {
                Optional<Deployment> now = deployments.find(deployment.id());
                if (now.isPresent() && now.get().status() != DeploymentStatus.IN_PROGRESS) {
                    return new Result.Settled(new SettledDeployment(now.get(), now.get().status(),
                            now.get().error().orElse("it " + now.get().status().dbValue())));
                }
                return new Result.StillUpdating(deployment, "its replica is still working on it and renews its "
                        + "lease; Lambda reports: " + judge(deployment).sentence());
            }
            LOG.infof("Deployment %d to %s: settled on demand by %s (epoch %d)", deployment.id(), environment,
                    admin.name(), lease.get().epoch());
            ownership.adopt(lease.get());
            Settling.Verdict verdict = judge(deployment);
            if (!verdict.settled()) {
                return new Result.StillUpdating(deployment, verdict.sentence());
            }
            return record(deployment, lease.get(), verdict).<Result>map(Result.Settled::new)
                    .orElse(new Result.StillUpdating(deployment, "another replica is settling it"));
        } catch (AwsProblem problem) {
            return new Result.Unreadable(deployment, problem.sentence());
        }
    }

    /**
     * A request whose last approval committed but whose replica stopped before recording the deployment would
     * stay approved for good; after a lease's time it is failed, and its message says so.
     */
    private void failApprovedRequestsThatNeverDeployed() {
        String reason = "promobot stopped before it could deploy it; open a new request";
        for (StoredRequest request : requests.approvedWithoutDeployment(
                clock.instant().minus(settings.deploymentLease()))) {
            QuarkusTransaction.joiningExisting().run(() -> {
                if (requests.failIfStillApproved(request.id(), reason)) {
                    audit.record(Optional.empty(), "promobot", request.chatId(), "settle", "request #" + request.id(),
                            Optional.of(request.service()), Optional.of(request.request().environment()),
                            AuditOutcome.FAILED, reason);
                    announcements.requestApproved(requests.find(request.id()).orElseThrow(), Optional.empty(),
                            List.of(reason));
                }
            });
        }
    }

    /** The verdict on a deployment by what Lambda reports of its functions now. */
    Settling.Verdict judge(Deployment deployment) {
        Optional<Environment> environment = environmentOf(deployment);
        if (environment.isEmpty()) {
            return new Settling.Verdict(DeploymentStatus.FAILED, "the deployment of "
                    + deployment.tag().orElse(deployment.digest().shortForm()) + " to " + deployment.environment()
                    + " was interrupted, and " + deployment.environment() + " of " + deployment.service()
                    + " is no longer configured", List.of());
        }
        return Settling.judge(deployment, target.inspect(environment.get()), waited(deployment),
                limit(environment.get()));
    }

    /** The deployment's environment as configured now, in its service. */
    private Optional<Environment> environmentOf(Deployment deployment) {
        return settings.services().named(deployment.service())
                .flatMap(service -> service.pipeline().environment(deployment.environment()));
    }

    private Duration waited(Deployment deployment) {
        return Duration.between(deployment.startedAt(), clock.instant());
    }

    /** How long a deployment may stay in progress: the owner waits on each function in turn, plus one lease. */
    private Duration limit(Environment environment) {
        return target.longestWait().multipliedBy(environment.functions().size()).plus(settings.deploymentLease());
    }

    private Optional<SettledDeployment> settleOwned(DeploymentLease lease) {
        MDC.put("deployment", String.valueOf(lease.deploymentId()));
        try {
            return settleOwnedNamed(lease);
        } finally {
            MDC.remove("deployment");
        }
    }

    private Optional<SettledDeployment> settleOwnedNamed(DeploymentLease lease) {
        Optional<Deployment> deployment = deployments.find(lease.deploymentId())
                .filter(d -> d.status() == DeploymentStatus.IN_PROGRESS && d.epoch() == lease.epoch()
                        && d.owner().equals(Optional.of(lease.owner())));
        if (deployment.isEmpty()) {
            ownership.release(lease);
            return Optional.empty();
        }
        try {
            Settling.Verdict verdict = judge(deployment.get());
            if (!verdict.settled()) {
                LOG.debugf("Deployment %d: %s; waiting", lease.deploymentId(), verdict.sentence());
                return Optional.empty();
            }
            Optional<SettledDeployment> settled = record(deployment.get(), lease, verdict);
            ownership.release(lease);
            return settled;
        } catch (AwsProblem problem) {
            Optional<Environment> environment = environmentOf(deployment.get());
            if (environment.isPresent() && waited(deployment.get()).compareTo(limit(environment.get())) > 0) {
                // No state without an exit: Lambda has been unreadable for longer than any deployment may take.
                Optional<SettledDeployment> settled = record(deployment.get(), lease, new Settling.Verdict(
                        DeploymentStatus.FAILED, "promobot could not read Lambda to settle the deployment of "
                        + deployment.get().tag().orElse(deployment.get().digest().shortForm()) + " to "
                        + deployment.get().environment() + " (" + problem.sentence() + "), so it stopped waiting; "
                        + "check " + deployment.get().environment() + " by hand", List.of()));
                ownership.release(lease);
                return settled;
            }
            LOG.warnf("Deployment %d to %s is still unsettled: %s", lease.deploymentId(),
                    deployment.get().environment(), problem.sentence());
            return Optional.empty();
        }
    }

    /** The outcome and everything that goes with it, in one transaction, if the lease still holds. */
    private Optional<SettledDeployment> record(Deployment deployment, DeploymentLease lease,
                                               Settling.Verdict verdict) {
        SettledDeployment settled = new SettledDeployment(deployment, verdict.status(), verdict.sentence());
        boolean recorded = QuarkusTransaction.joiningExisting().call(() -> {
            boolean succeeded = verdict.status() == DeploymentStatus.SUCCEEDED;
            if (!deployments.finish(lease, verdict.status(), succeeded ? Optional.empty()
                    : Optional.of(verdict.sentence()))) {
                return false;
            }
            recordOutsideImages(deployment, verdict.outside());
            deployment.requestId().ifPresent(id -> {
                requests.settle(id, succeeded ? RequestStatus.DEPLOYED : RequestStatus.FAILED,
                        Optional.of(verdict.sentence()));
                if (succeeded) {
                    requests.find(id).flatMap(request -> request.request().releaseTag())
                            .ifPresent(tag -> requests.bindReleaseTag(deployment.service(), tag,
                                    deployment.digest(), id));
                }
            });
            audit.record(Optional.empty(), "promobot", deployment.chatId().or(settings::channelOrFirstChat),
                    "settle", "deployment #" + deployment.id(), Optional.of(deployment.service()),
                    Optional.of(deployment.environment()),
                    AuditOutcome.valueOf(verdict.status().name()), verdict.sentence());
            announcements.deploymentSettled(settled);
            return true;
        });
        if (recorded) {
            LOG.infof("Deployment %d: %s", deployment.id(), verdict.sentence());
        }
        return recorded ? Optional.of(settled) : Optional.empty();
    }

    /** A third image found on functions is an outside deployment: recorded as such, so nothing overwrites it. */
    private void recordOutsideImages(Deployment deployment, List<FunctionStatus> outside) {
        Map<Digest, List<FunctionStatus>> byDigest = new LinkedHashMap<>();
        outside.forEach(function -> function.digest().ifPresent(digest ->
                byDigest.computeIfAbsent(digest, ignored -> new ArrayList<>()).add(function)));
        Optional<Digest> previous = deployment.previousDigest().flatMap(d -> Digest.parse(d).value());
        byDigest.forEach((digest, functions) -> deployments.observe(deployment.service(), deployment.environment(),
                functions.stream().map(FunctionStatus::function).toList(), digest,
                functions.get(0).image().imageUri().filter(uri -> !uri.contains("@"))
                        .map(uri -> uri.substring(uri.lastIndexOf(':') + 1)),
                previous, deployment.previousTag()));
    }
}
