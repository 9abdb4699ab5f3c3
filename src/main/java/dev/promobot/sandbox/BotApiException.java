package dev.promobot.sandbox;

import java.util.OptionalInt;

/** A Bot API error answer: the HTTP status doubles as {@code error_code}, as on api.telegram.org. */
final class BotApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final OptionalInt retryAfter;

    BotApiException(int status, String description) {
        this(status, description, OptionalInt.empty());
    }

    private BotApiException(int status, String description, OptionalInt retryAfter) {
        super(description, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    static BotApiException badRequest(String detail) {
        return new BotApiException(400, "Bad Request: " + detail);
    }

    static BotApiException tooManyRequests(int retryAfterSeconds) {
        return new BotApiException(429, "Too Many Requests: retry after " + retryAfterSeconds,
                OptionalInt.of(retryAfterSeconds));
    }

    int status() {
        return status;
    }

    String description() {
        return getMessage();
    }

    OptionalInt retryAfter() {
        return retryAfter;
    }
}
