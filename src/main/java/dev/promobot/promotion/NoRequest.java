package dev.promobot.promotion;

/** No request matches what the person pointed at; {@code sentence} says what to do instead. */
public record NoRequest(String sentence) implements ApproveResult, RejectResult {
}
