package dev.promobot.promotion;

import java.util.Locale;

/** What came of an entry in the audit trail; stored in lower case in audit_event.outcome. */
public enum AuditOutcome {
    REFUSED,
    /**
     * Ignored without an answer: a message from a chat that is not configured. Such messages are now counted by
     * the hour ({@link Outsiders}) instead; older trails still hold these rows.
     */
    IGNORED,
    REQUESTED,
    APPROVED,
    REJECTED,
    STARTED,
    SUCCEEDED,
    FAILED,
    /** A deployment a crash interrupted half-way, put back on the image it replaced. */
    RESTORED,
    /** A deployment a change outside promobot overtook: another image landed meanwhile. */
    OVERTAKEN,
    /** A deployment that left its environment's functions on different images. */
    SPLIT,
    EXPIRED,
    VOID,
    LOCKED,
    UNLOCKED,
    /** Every promotion stopped (/freeze). */
    FROZEN,
    /** One of the votes that lift the freeze, short of the last. */
    UNFREEZE_ASKED,
    /** The freeze lifted by the last vote needed. */
    UNFROZEN,
    /** An admin pushed one promotion through a freeze window in force; the detail is their reason. */
    OVERRIDDEN,
    /** An outside deployment, noticed by the outside-deployment watch. */
    OUTSIDE;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditOutcome ofDbValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
