package dev.promobot.promotion;

/** The request is closed by a rejection. */
public record RequestRejected(StoredRequest request, String by, String reason) implements RejectResult {
}
