package dev.promobot.promotion;

/** The environment's lock is lifted. */
public record EnvironmentUnlocked(String environment) implements LockResult {
}
