package dev.promobot.promotion;

/** What /lock or /unlock came to. */
public sealed interface LockResult permits Refusal, EnvironmentLocked, EnvironmentUnlocked {
}
