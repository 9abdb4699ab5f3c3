package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.rules.Service;
import dev.promobot.rules.Snapshot;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Every minute: closes approval requests whose time ran out or whose image is no longer what they were bound to,
 * and has their messages edited, so nobody approves something stale.
 */
@ApplicationScoped
public class ExpireRequests {

    private static final Logger LOG = Logger.getLogger(ExpireRequests.class);

    private final ApprovalRequests requests;
    private final LiveState live;
    private final StaleRequests stale;

    private final Settings settings;

    ExpireRequests(ApprovalRequests requests, LiveState live, StaleRequests stale, Settings settings) {
        this.settings = settings;
        this.requests = requests;
        this.live = live;
        this.stale = stale;
    }

    @Scheduled(every = "{promobot.approval.check-interval}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            closeStale();
        } catch (AwsProblem problem) {
            LOG.warnf("Could not check open requests: %s", problem.sentence());
        }
    }

    /** Closes what is stale now; returns the closed requests. */
    public List<StoredRequest> closeStale() {
        List<StoredRequest> closed = new ArrayList<>();
        // One snapshot per service with open requests; a request of a service promobot no longer serves stays
        // open, and approving it is refused.
        for (Service service : settings.services().all()) {
            List<StoredRequest> open = requests.openStored().stream()
                    .filter(request -> request.service().equals(service.name())).toList();
            if (!open.isEmpty()) {
                Snapshot snapshot = live.observe(service).snapshot();
                open.forEach(request -> stale.closeIfStale(request, snapshot).ifPresent(closed::add));
            }
        }
        return closed;
    }
}
