package dev.promobot.rules;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release name, vMAJOR.MINOR.PATCH. Prod is promoted under one; once a release tag has named a digest it
 * names that digest forever (R6). Ordered semantically, so v1.10.0 comes after v1.9.0.
 */
public record ReleaseTag(int major, int minor, int patch) implements Comparable<ReleaseTag> {

    private static final Comparator<ReleaseTag> ORDER = Comparator.comparingInt(ReleaseTag::major)
            .thenComparingInt(ReleaseTag::minor)
            .thenComparingInt(ReleaseTag::patch);

    // Digits only, leading zeros allowed here so they can be refused with a specific sentence.
    private static final Pattern SHAPE = Pattern.compile("v([0-9]+)\\.([0-9]+)\\.([0-9]+)");
    private static final Pattern IMAGE_TAG = Pattern.compile("sha-[0-9a-fA-F]+-[0-9]+");
    // Far above any int triple, far below anything that could slow the regex down.
    private static final int MAX_LENGTH = 100;
    private static final String EXPECTED = "(expected vMAJOR.MINOR.PATCH, e.g. v1.2.3)";

    public ReleaseTag {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("release tag numbers cannot be negative: " + major + "." + minor
                    + "." + patch);
        }
    }

    public static Parsed<ReleaseTag> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Parsed.refused("no release tag was given " + EXPECTED);
        }
        String quoted = Phrases.quoted(text);
        if (text.length() > MAX_LENGTH) {
            return Parsed.refused(quoted + " is not a release tag " + EXPECTED);
        }
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            if (IMAGE_TAG.matcher(text).matches()) {
                return Parsed.refused(quoted + " is an image tag, not a release tag " + EXPECTED);
            }
            return Parsed.refused(quoted + " is not a release tag " + EXPECTED);
        }
        for (int group = 1; group <= 3; group++) {
            String number = m.group(group);
            if (number.length() > 1 && number.charAt(0) == '0') {
                return Parsed.refused(quoted + " has a leading zero in " + number
                        + "; release tag numbers are written without them");
            }
        }
        try {
            return Parsed.ok(new ReleaseTag(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3))));
        } catch (NumberFormatException tooLarge) {
            return Parsed.refused(quoted + " has a number larger than " + Integer.MAX_VALUE);
        }
    }

    @Override
    public int compareTo(ReleaseTag other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch;
    }
}
