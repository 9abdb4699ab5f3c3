package dev.promobot.promotion;

/** An approval request was opened and posted, with its Approve and Reject buttons. */
public record RequestOpened(StoredRequest request) implements DeployResult {
}
