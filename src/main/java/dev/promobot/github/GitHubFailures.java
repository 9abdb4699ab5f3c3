package dev.promobot.github;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A GitHub request that went wrong, in one sentence a person understands: shared by everything that reads GitHub,
 * so each failure is worded once. No sentence carries the token or the request; neither does any log line.
 */
final class GitHubFailures {

    private static final Logger LOG = Logger.getLogger(GitHubFailures.class);

    private GitHubFailures() {
    }

    /** What a request that got no answer comes to: a timeout, an interruption, or no connection. */
    static String unanswered(RuntimeException failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException
                    || cause instanceof io.netty.channel.ConnectTimeoutException
                    || cause instanceof io.netty.handler.timeout.TimeoutException) {
                return "GitHub did not answer in time";
            }
            if (cause instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return "the request to GitHub was interrupted";
            }
        }
        if (failed instanceof ProcessingException) {
            LOG.debugf("GitHub request failed: %s", causes(failed));
        } else {
            LOG.warnf("GitHub request failed in the REST client: %s", causes(failed));
        }
        return "GitHub could not be reached";
    }

    /** A status other than the ones the caller reads, named for what it usually means. */
    static String refusal(Response response, String repository) {
        int status = response.getStatus();
        boolean rateLimited = status == 429 || "0".equals(response.getHeaderString("x-ratelimit-remaining"));
        if (status == 401) {
            return "GitHub refused the token (401)";
        }
        if (rateLimited && (status == 403 || status == 429)) {
            return "GitHub's rate limit for the token is used up (" + status + ")";
        }
        if (status == 403) {
            return "GitHub refused the token access to " + repository + " (403)";
        }
        if (status >= 300 && status < 400) {
            return "GitHub answered " + status + " (a redirect), so " + repository + " may have moved";
        }
        if (status >= 500) {
            return "GitHub failed with " + status;
        }
        return "GitHub answered " + status + " unexpectedly";
    }

    /** The exception classes down a cause chain, without their messages, which may quote the request. */
    private static String causes(Throwable failed) {
        List<String> classes = new ArrayList<>();
        for (Throwable cause = failed; cause != null && classes.size() < 5; cause = cause.getCause()) {
            classes.add(cause.getClass().getName());
        }
        return String.join(" <- ", classes);
    }
}
