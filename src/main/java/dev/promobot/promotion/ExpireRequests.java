package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.rules.Service;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
        closeStale();
    }

    /**
     * Closes what is stale now; returns the closed requests. The services with open requests are read at once; one
     * AWS will not show keeps its requests open until the next check, and the others are checked all the same.
     */
    public List<StoredRequest> closeStale() {
        List<StoredRequest> closed = new ArrayList<>();
        // A request of a service promobot no longer serves stays open, and approving it is refused.
        Map<String, List<StoredRequest>> openByService = requests.openStored().stream()
                .collect(Collectors.groupingBy(StoredRequest::service));
        List<Service> withOpen = settings.services().all().stream()
                .filter(service -> openByService.containsKey(service.name())).toList();
        for (LiveState.ServiceObserved read : live.observeEach(withOpen)) {
            String name = read.service().name();
            read.problem().ifPresent(problem -> LOG.warnf("Could not check the open requests of %s: %s", name,
                    problem.sentence()));
            read.observed().ifPresent(observed -> openByService.get(name).forEach(request ->
                    stale.closeIfStale(request, observed.snapshot()).ifPresent(closed::add)));
        }
        return closed;
    }
}
