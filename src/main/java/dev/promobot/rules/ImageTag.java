package dev.promobot.rules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An immutable image tag, {@code sha-<gitsha>-<yyyymmdd>} or {@code sha-<gitsha>-<yyyymmddHHMMSS>} (R1). Only
 * images carrying one can be deployed; images are ordered by its build time, never by name.
 *
 * @param text      the tag exactly as written, so parsing it again gives the same tag
 * @param gitSha    the lowercase git sha, 7 to 40 hex digits
 * @param buildTime the tag's date and time read as UTC; a date without a time means midnight UTC
 */
public record ImageTag(String text, String gitSha, Instant buildTime) {

    private static final Pattern VALID = Pattern.compile("sha-([0-9a-f]{7,40})-([0-9]{8})([0-9]{6})?");
    private static final Pattern ANY_CASE_HEX = Pattern.compile("sha-[0-9a-fA-F]{7,40}-[0-9]{8}([0-9]{6})?");
    private static final Pattern RELEASE_TAG_SHAPE = Pattern.compile("v[0-9]+\\.[0-9]+\\.[0-9]+");
    // Names that move from image to image; deploying one would deploy whatever it points at today.
    private static final Set<String> MUTABLE_NAMES = Set.of("latest", "dev", "staging", "prod", "main");
    // The longest valid tag is "sha-" + 40 + "-" + 14 = 59 characters; anything much longer is refused unread.
    private static final int MAX_LENGTH = 64;
    private static final String EXPECTED = "(expected sha-<7-40 hex>-<yyyymmdd> or sha-<hex>-<yyyymmddHHMMSS>)";

    public ImageTag {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(gitSha, "gitSha");
        Objects.requireNonNull(buildTime, "buildTime");
    }

    /** Reads a tag from untrusted text; never throws. */
    public static Parsed<ImageTag> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Parsed.refused("no image tag was given " + EXPECTED);
        }
        if (text.length() > MAX_LENGTH) {
            return Parsed.refused(Phrases.quoted(text) + " is not an immutable image tag " + EXPECTED);
        }
        Matcher m = VALID.matcher(text);
        if (m.matches()) {
            String stamp = m.group(2) + (m.group(3) == null ? "" : m.group(3));
            try {
                return Parsed.ok(new ImageTag(text, m.group(1), buildTime(stamp)));
            } catch (DateTimeException impossible) {
                return Parsed.refused(Phrases.quoted(text) + " has an impossible build date " + stamp);
            }
        }
        // Only a refusal quotes the text: images are ordered by their parsed tags, many times over per command.
        String quoted = Phrases.quoted(text);
        if (MUTABLE_NAMES.contains(text.toLowerCase(Locale.ROOT))) {
            return Parsed.refused(quoted
                    + " is a mutable name; only immutable sha-<gitsha>-<yyyymmdd> tags can be deployed");
        }
        if (RELEASE_TAG_SHAPE.matcher(text).matches()) {
            return Parsed.refused(quoted + " is a release tag, not an image tag; promote the sha- image it names");
        }
        if (ANY_CASE_HEX.matcher(text).matches()) {
            return Parsed.refused(quoted + " has uppercase hex; the git sha must be lowercase");
        }
        return Parsed.refused(quoted + " is not an immutable image tag " + EXPECTED);
    }

    /** yyyymmdd or yyyymmddHHMMSS as a UTC instant; throws DateTimeException for dates that do not exist. */
    private static Instant buildTime(String stamp) {
        int year = Integer.parseInt(stamp.substring(0, 4));
        int month = Integer.parseInt(stamp.substring(4, 6));
        int day = Integer.parseInt(stamp.substring(6, 8));
        boolean hasTime = stamp.length() == 14;
        int hour = hasTime ? Integer.parseInt(stamp.substring(8, 10)) : 0;
        int minute = hasTime ? Integer.parseInt(stamp.substring(10, 12)) : 0;
        int second = hasTime ? Integer.parseInt(stamp.substring(12, 14)) : 0;
        return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    }

    /** The first 7 characters of the git sha, as git prints it. */
    public String shortSha() {
        return gitSha.substring(0, Math.min(7, gitSha.length()));
    }

    @Override
    public String toString() {
        return text;
    }
}
