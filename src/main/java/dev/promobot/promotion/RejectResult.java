package dev.promobot.promotion;

/** What a rejection, by command or button, came to. */
public sealed interface RejectResult
        permits Refusal, NoRequest, RejectResult.RequestRejected {

    /** The request is closed by a rejection. */
    record RequestRejected(StoredRequest request, String by, String reason) implements RejectResult {
    }
}
