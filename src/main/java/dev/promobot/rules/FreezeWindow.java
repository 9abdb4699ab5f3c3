package dev.promobot.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One occurrence of a scheduled freeze window (R14): from {@code start} until {@code end}, promotions to its
 * environments are refused unless an admin overrides the window for one promotion. The schedule itself is read
 * outside the rules; the rules see the occurrences in force at the snapshot's moment.
 *
 * @param name   the window's name in the configuration ({@code promobot.freeze-windows.<name>.*})
 * @param reason may be blank
 */
public record FreezeWindow(String name, List<String> environments, Instant start, Instant end, String reason) {

    public FreezeWindow {
        Objects.requireNonNull(name, "name");
        environments = List.copyOf(environments);
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        reason = reason == null ? "" : reason;
    }

    public boolean covers(String environment) {
        return environments.contains(environment);
    }

    /** In force at {@code now}: started at or before it, and not yet ended. */
    public boolean inForceAt(Instant now) {
        return !start.isAfter(now) && end.isAfter(now);
    }
}
