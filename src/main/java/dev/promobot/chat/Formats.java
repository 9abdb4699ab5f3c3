package dev.promobot.chat;

import dev.promobot.rules.Image;
import dev.promobot.rules.ImageTag;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/** How times, durations and images read in chat: short, unambiguous, the zone always named. */
final class Formats {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Formats() {
    }

    static String time(Instant instant, ZoneId zone) {
        return MINUTE.format(instant.atZone(zone)) + " " + zone.getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static String built(Image image, ZoneId zone) {
        return image.imageTag().map(ImageTag::buildTime).map(time -> time(time, zone)).orElse("unknown");
    }
}
