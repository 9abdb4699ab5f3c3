package dev.promobot.config;

import com.cronutils.model.Cron;
import com.cronutils.model.time.ExecutionTime;
import dev.promobot.rules.FreezeWindow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured freeze window: a Quartz cron of its starts, read in promobot.time-zone, and how long each lasts.
 * Pure: every answer is computed from the instant and zone it is given, so tests move time by hand.
 *
 * <p>The occurrence in force is the latest start at or before now whose start + duration is after now. Starts
 * follow the wall clock of the zone (16:00 on Friday stays 16:00 across a daylight-saving change); the duration
 * is elapsed time, so a 64-hour window that spans the change ends 64 real hours later.
 *
 * @param name the key's name part: promobot.freeze-windows.&lt;name&gt;.*
 */
public record FreezeWindowSchedule(String name, String schedule, Cron cron, Duration duration,
                                   List<String> environments, String reason) {

    public FreezeWindowSchedule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(cron, "cron");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a freeze window lasts a positive duration, not " + duration);
        }
        environments = List.copyOf(environments);
        reason = reason == null ? "" : reason;
    }

    /** The occurrence in force at {@code now}, if any. */
    public Optional<FreezeWindow> inForce(Instant now, ZoneId zone) {
        ZonedDateTime at = now.atZone(zone);
        ExecutionTime times = ExecutionTime.forCron(cron);
        Optional<ZonedDateTime> latest = times.isMatch(at) ? Optional.of(at) : times.lastExecution(at);
        return latest.map(ZonedDateTime::toInstant).map(this::occurrence)
                .filter(window -> window.inForceAt(now));
    }

    /** The next occurrence that starts after {@code now}, if the schedule has one. */
    public Optional<FreezeWindow> next(Instant now, ZoneId zone) {
        return ExecutionTime.forCron(cron).nextExecution(now.atZone(zone))
                .map(ZonedDateTime::toInstant).map(this::occurrence);
    }

    private FreezeWindow occurrence(Instant start) {
        return new FreezeWindow(name, environments, start, start.plus(duration), reason);
    }

    @Override
    public String toString() {
        return "FreezeWindow[" + name + ": " + schedule + " for " + duration + " on " + environments + "]";
    }
}
