package dev.promobot.promotion;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.List;
import java.util.Objects;

/**
 * What a promotion changes: the commits between the git sha an environment runs and the git sha of the image that
 * would replace it, as the source repository's host compares them. A prod request shows it, and so does the
 * outcome of a promotion made without approval (staging). Stored with a request as JSON (the {@code kind} names
 * the case), so its message keeps showing what it showed when it opened.
 *
 * <p>Subjects and author names come from outside: whoever renders them escapes them.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Changelog.Listed.class, name = "listed"),
        @JsonSubTypes.Type(value = Changelog.Identical.class, name = "identical"),
        @JsonSubTypes.Type(value = Changelog.GoesBack.class, name = "goes-back"),
        @JsonSubTypes.Type(value = Changelog.CannotCompare.class, name = "cannot-compare"),
        @JsonSubTypes.Type(value = Changelog.Unavailable.class, name = "unavailable"),
        @JsonSubTypes.Type(value = Changelog.NotConfigured.class, name = "not-configured")})
public sealed interface Changelog {

    /** Commits listed at most: a Telegram message holds 4096 characters, and the link shows the rest. */
    int MAX_LISTED = 10;

    /**
     * One commit: its short sha, the first line of its message, and who wrote it.
     */
    record Commit(String sha, String subject, String author) {
        public Commit {
            Objects.requireNonNull(sha, "sha");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(author, "author");
        }
    }

    /**
     * The candidate is {@code total} commits ahead of what runs.
     *
     * @param from          the short git sha the environment runs
     * @param to            the candidate's short git sha
     * @param newest        the newest commits, newest first, at most {@link #MAX_LISTED}
     * @param comparisonUrl the full comparison on the host's web pages, or "" when it sent none
     */
    record Listed(String from, String to, int total, List<Commit> newest, String comparisonUrl)
            implements Changelog {
        public Listed {
            newest = List.copyOf(newest);
            if (newest.size() > MAX_LISTED || newest.size() > total) {
                throw new IllegalArgumentException("at most " + MAX_LISTED + " of " + total + " commits are listed");
            }
        }

        /** Commits beyond the listed ones. */
        public int more() {
            return total - newest.size();
        }
    }

    /** The candidate is the very commit the environment runs (a rebuild of it): no commit changes. */
    record Identical(String from, String to) implements Changelog {
    }

    /** The candidate is an ancestor of what runs: promoting it takes {@code commits} commits out again. */
    record GoesBack(String from, String to, int commits, String comparisonUrl) implements Changelog {
    }

    /** No list of commits can be made, for the reason given: an unknown sha, diverged histories, no git sha. */
    record CannotCompare(String why) implements Changelog {
    }

    /** The host did not answer usably (down, slow, refusing the token); {@code why} never carries the token. */
    record Unavailable(String why) implements Changelog {
    }

    /** No repository is configured to ask. */
    record NotConfigured() implements Changelog {
    }
}
