package dev.promobot.promotion;

import dev.promobot.config.FreezeWindowSchedule;
import dev.promobot.config.Settings;
import dev.promobot.rules.FreezeWindow;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The configured freeze windows at a given moment, read in promobot.time-zone. */
@ApplicationScoped
public class FreezeWindows {

    private final Settings settings;

    FreezeWindows(Settings settings) {
        this.settings = settings;
    }

    /** The occurrence of each window in force at {@code now}. */
    public List<FreezeWindow> inForce(Instant now) {
        return settings.freezeWindows().stream()
                .flatMap(window -> window.inForce(now, settings.timeZone()).stream()).toList();
    }

    /** The next occurrence of any window that starts after {@code now}, soonest first. */
    public Optional<FreezeWindow> next(Instant now) {
        return upcoming(now).stream().findFirst();
    }

    /** The next occurrence of each window, soonest first. */
    public List<FreezeWindow> upcoming(Instant now) {
        return settings.freezeWindows().stream()
                .map((FreezeWindowSchedule window) -> window.next(now, settings.timeZone()))
                .flatMap(Optional::stream).sorted(Comparator.comparing(FreezeWindow::start)).toList();
    }
}
