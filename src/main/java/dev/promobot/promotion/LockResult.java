package dev.promobot.promotion;

/** What /lock or /unlock came to. */
public sealed interface LockResult
        permits Refusal, LockResult.EnvironmentLocked, LockResult.EnvironmentUnlocked {

    /** The environment takes no promotion or rollback until it is unlocked. */
    record EnvironmentLocked(String service, String environment, String reason) implements LockResult {
    }

    /** The environment's lock is lifted. */
    record EnvironmentUnlocked(String service, String environment) implements LockResult {
    }
}
