package dev.promobot.promotion;

import java.util.Locale;

/** Where an approval request stands; stored in lower case in approval_request.status. */
public enum RequestStatus {
    /** Waiting for approvals. */
    OPEN,
    /** The last approval came in; its deployment is about to run or running. */
    APPROVED,
    REJECTED,
    /** Nobody approved it in time (promobot.approval.ttl). */
    EXPIRED,
    /** What it was bound to changed (R7). */
    VOID,
    /** Approved, and its deployment succeeded. */
    DEPLOYED,
    /** Approved, but its deployment failed or could not start. */
    FAILED;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RequestStatus ofDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
