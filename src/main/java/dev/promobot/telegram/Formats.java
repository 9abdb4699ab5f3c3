package dev.promobot.telegram;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Optional;

/** How times read in messages: short, unambiguous, the zone always named. */
public final class Formats {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Formats() {
    }

    public static String time(Instant instant, ZoneId zone) {
        return MINUTE.format(instant.atZone(zone)) + " " + zone.getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }

    /** A time that may not be known (an image's build time, read from its tag). */
    public static String time(Optional<Instant> instant, ZoneId zone) {
        return instant.map(known -> time(known, zone)).orElse("unknown");
    }
}
