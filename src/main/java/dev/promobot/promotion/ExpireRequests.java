package dev.promobot.promotion;

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

    ExpireRequests(ApprovalRequests requests, LiveState live, StaleRequests stale) {
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
        List<StoredRequest> open = requests.openStored();
        if (open.isEmpty()) {
            return List.of();
        }
        Snapshot snapshot = live.observe().snapshot();
        List<StoredRequest> closed = new ArrayList<>();
        for (StoredRequest request : open) {
            stale.closeIfStale(request, snapshot).ifPresent(closed::add);
        }
        return closed;
    }
}
