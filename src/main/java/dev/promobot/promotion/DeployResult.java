package dev.promobot.promotion;

/** What /promote or /rollback came to. */
public sealed interface DeployResult permits Refusal, DeploymentStarted, RequestOpened, RequestNotOpened {
}
