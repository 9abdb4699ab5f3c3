package dev.promobot.rules;

/** What an approval request would do: a promotion from the source, or a rollback. */
public enum RequestKind {
    PROMOTION, ROLLBACK
}
