package dev.promobot.promotion;

import java.util.Objects;

/**
 * A failure talking to AWS, carrying one short sentence fit for the chat. The full detail (request ids, stack
 * traces) goes to the log where the problem is raised, never to the chat.
 */
public class AwsProblem extends RuntimeException {

    /** What kind of failure it was, for callers that react differently (e.g. retry later when throttled). */
    public enum Kind { ACCESS_DENIED, NOT_FOUND, THROTTLED, TIMED_OUT, FAILED }

    private final Kind kind;

    public AwsProblem(Kind kind, String sentence, Throwable cause) {
        super(sentence, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    /** The sentence for the chat, e.g. "image sha-1a2b3c4-20251127 was not found in repository team-api". */
    public String sentence() {
        return getMessage();
    }
}
