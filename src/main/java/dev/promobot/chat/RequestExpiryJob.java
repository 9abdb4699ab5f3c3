package dev.promobot.chat;

import dev.promobot.promotion.Approvals;
import dev.promobot.promotion.AwsProblem;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Every minute: closes approval requests whose time ran out or whose image is no longer what they were bound to,
 * and edits their messages, so nobody approves something stale.
 */
@ApplicationScoped
public class RequestExpiryJob {

    private static final Logger LOG = Logger.getLogger(RequestExpiryJob.class);

    private final Approvals approvals;
    private final RequestFlow flow;

    RequestExpiryJob(Approvals approvals, RequestFlow flow) {
        this.approvals = approvals;
        this.flow = flow;
    }

    @Scheduled(every = "60s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void closeStaleRequests() {
        try {
            approvals.closeStale().forEach(flow::showClosed);
        } catch (AwsProblem problem) {
            LOG.warnf("Could not check open requests: %s", problem.sentence());
        }
    }
}
