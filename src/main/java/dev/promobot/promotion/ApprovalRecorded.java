package dev.promobot.promotion;

/** The approval counts; the request needs more before it deploys. */
public record ApprovalRecorded(StoredRequest request, int approvals, int needed) implements ApproveResult {
}
