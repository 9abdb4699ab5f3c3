package dev.promobot.promotion;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * When commits were made, asked of the host of a service's source repository, where lead time for changes starts
 * (docs/dora.md). Optional: without a configured host, or for a service without a repository, nothing is asked and
 * lead times start at the image's build time.
 */
public interface CommitTimes {

    /** Used when no host is configured: asks nothing. */
    CommitTimes NONE = new CommitTimes() {
        @Override
        public boolean asks() {
            return false;
        }

        @Override
        public Map<String, Instant> of(String repository, Set<String> gitShas) {
            return Map.of();
        }
    };

    /** Whether a host is configured to ask. */
    boolean asks();

    /**
     * The commit time of each git sha the host could answer for. Never throws: a sha it did not answer for is
     * left out, and its lead time starts at the image's build time instead.
     *
     * @param repository the service's source repository, "owner/name"
     * @param gitShas    git shas as image tags carry them, 7 to 40 lowercase hex digits
     */
    Map<String, Instant> of(String repository, Set<String> gitShas);
}
