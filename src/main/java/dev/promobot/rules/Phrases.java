package dev.promobot.rules;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Small pieces of wording shared by every sentence the rules produce, so they read the same everywhere. */
public final class Phrases {

    /** Long enough to recognise any real tag or digest prefix, short enough to keep a sentence readable. */
    static final int QUOTE_LIMIT = 40;

    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private Phrases() {
    }

    /**
     * The input in single quotes, cut to {@link #QUOTE_LIMIT} code points and with control characters replaced,
     * so a pasted megabyte or a newline cannot turn one sentence into many.
     */
    public static String quoted(String input) {
        StringBuilder out = new StringBuilder("'");
        int[] codePoints = input.codePoints().limit(QUOTE_LIMIT + 1L).toArray();
        for (int i = 0; i < Math.min(codePoints.length, QUOTE_LIMIT); i++) {
            int cp = codePoints[i];
            out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp);
        }
        if (codePoints.length > QUOTE_LIMIT) {
            out.append('…');
        }
        return out.append('\'').toString();
    }

    /** "2025-11-27 14:05", always UTC; callers append " UTC". */
    static String minute(Instant instant) {
        return MINUTE.format(instant);
    }

    /** "14:05", always UTC; callers append " UTC". */
    static String clock(Instant instant) {
        return CLOCK.format(instant);
    }

    /** "a viewer", "an approver". */
    static String withArticle(Role role) {
        String label = role.label();
        return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }
}
