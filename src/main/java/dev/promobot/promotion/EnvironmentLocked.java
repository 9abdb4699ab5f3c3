package dev.promobot.promotion;

/** The environment takes no promotion or rollback until it is unlocked. */
public record EnvironmentLocked(String environment, String reason) implements LockResult {
}
