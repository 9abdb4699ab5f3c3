package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.store.Replica;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The deployments this replica owns, and their leases: those it is carrying out now, and those it took over (or
 * handed to itself) to settle from what Lambda says. Every lease is renewed at each sweep interval, in the database
 * and on its clock; a lease that no longer renews was taken over, and is dropped here.
 */
@ApplicationScoped
public class DeploymentOwnership {

    private static final Logger LOG = Logger.getLogger(DeploymentOwnership.class);

    private final Deployments deployments;
    private final Replica replica;
    private final Settings settings;
    private final Set<DeploymentLease> running = ConcurrentHashMap.newKeySet();
    private final Set<DeploymentLease> adopted = ConcurrentHashMap.newKeySet();

    DeploymentOwnership(Deployments deployments, Replica replica, Settings settings) {
        this.deployments = deployments;
        this.replica = replica;
        this.settings = settings;
    }

    /** The owner name this replica writes on its deployments. */
    String replica() {
        return replica.id();
    }

    void running(DeploymentLease lease) {
        running.add(lease);
    }

    void stopped(DeploymentLease lease) {
        running.remove(lease);
    }

    /** Keeps the lease of a deployment the sweeper is to settle, checking Lambda again at every sweep. */
    void adopt(DeploymentLease lease) {
        adopted.add(lease);
    }

    void release(DeploymentLease lease) {
        adopted.remove(lease);
    }

    List<DeploymentLease> adopted() {
        return List.copyOf(adopted);
    }

    /** The {@link OwnerCheck} of a deployment: renews its lease, or throws when another replica took it over. */
    void confirm(DeploymentLease lease) {
        if (!deployments.renew(lease, settings.deploymentLease())) {
            throw new OwnerCheck.LeaseLost(lease.deploymentId());
        }
    }

    // First run one interval after start-up, so an invalid configuration stops start-up before any run.
    @Scheduled(identity = "deployment-leases", every = "{promobot.deployments.sweep-interval}",
            delayed = "{promobot.deployments.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void renewAll() {
        try {
            for (Set<DeploymentLease> leases : List.of(running, adopted)) {
                for (DeploymentLease lease : List.copyOf(leases)) {
                    if (!deployments.renew(lease, settings.deploymentLease())) {
                        LOG.warnf("Deployment %d was taken over by another replica; no longer renewing its lease",
                                lease.deploymentId());
                        leases.remove(lease);
                    }
                }
            }
        } catch (RuntimeException e) {
            // The database is away for a moment; the next round renews, unless the leases have run out by then.
            LOG.warnf("Could not renew deployment leases: %s", e.getMessage());
        }
    }
}
