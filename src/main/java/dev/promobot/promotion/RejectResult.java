package dev.promobot.promotion;

/** What a rejection, by command or button, came to. */
public sealed interface RejectResult permits Refusal, NoRequest, RequestRejected {
}
