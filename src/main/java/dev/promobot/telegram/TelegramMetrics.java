package dev.promobot.telegram;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Messages in and out in /q/metrics: the inbox's and the outbox's backlog (read from the database at each scrape,
 * so every replica reports the same figure: alert on the maximum), and the errors Telegram answered, counted by the
 * replica that got them (alert on the sum).
 */
@ApplicationScoped
public class TelegramMetrics {

    /** A scrape reads each table once, however many of its gauges it asks for. */
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final MeterRegistry registry;
    private final Clock clock;
    private final Supplier<Backlog> outbox;
    private final Supplier<Backlog> inbox;

    TelegramMetrics(MeterRegistry registry, Clock clock, Outbox outbox, Inbox inbox) {
        this.registry = registry;
        this.clock = clock;
        this.outbox = new Recent<>(outbox::backlog, clock);
        this.inbox = new Recent<>(inbox::backlog, clock);
    }

    void register(@Observes StartupEvent event) {
        gauge("promobot.outbox.pending", "Messages and edits not yet sent to Telegram", outbox,
                backlog -> backlog.waiting(), null);
        gauge("promobot.outbox.oldest.age", "How long the oldest message not yet sent has waited", outbox,
                backlog -> backlog.age(clock.instant()).toMillis() / 1000.0, "seconds");
        gauge("promobot.inbox.pending", "Updates stored and not yet processed", inbox,
                backlog -> backlog.waiting(), null);
        gauge("promobot.inbox.lag", "How long the oldest update not yet processed has waited", inbox,
                backlog -> backlog.age(clock.instant()).toMillis() / 1000.0, "seconds");
    }

    private void gauge(String name, String description, Supplier<Backlog> backlog,
                       ToDoubleFunction<Backlog> figure, String unit) {
        Gauge.builder(name, () -> figure.applyAsDouble(backlog.get())).description(description).baseUnit(unit)
                .register(registry);
    }

    /**
     * Telegram refused or failed a call: {@code kind} is 429 (asked to wait), 4xx (refused), 5xx (failed on its
     * side) or network (no answer).
     */
    void telegramError(String method, String kind) {
        Counter.builder("promobot.telegram.errors")
                .description("Telegram calls answered with an error or not at all, by method and kind")
                .tag("method", method).tag("kind", kind)
                .register(registry).increment();
    }

    /** The kind of an error Telegram answered with its HTTP status, or network when there was no answer. */
    static String kindOf(Integer errorCode) {
        if (errorCode == null) {
            return "network";
        }
        if (errorCode == 429) {
            return "429";
        }
        return errorCode >= 500 ? "5xx" : "4xx";
    }

    /** The last value read, while it is fresh. */
    private static final class Recent<T> implements Supplier<T> {

        private final Supplier<T> source;
        private final Clock clock;
        private T value;
        private Instant readAt = Instant.MIN;

        Recent(Supplier<T> source, Clock clock) {
            this.source = source;
            this.clock = clock;
        }

        @Override
        public synchronized T get() {
            Instant now = clock.instant();
            if (value == null || !now.isBefore(readAt.plus(FRESH))) {
                value = source.get();
                readAt = now;
            }
            return value;
        }
    }
}
