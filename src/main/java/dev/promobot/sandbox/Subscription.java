package dev.promobot.sandbox;

/** Handle returned by {@link TelegramStandIn#onChange(Runnable)}; closing it stops the notifications. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
