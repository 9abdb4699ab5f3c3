package dev.promobot.lifecycle;

import java.util.Objects;

/**
 * A tagPatternList entry: matches a whole tag, case-sensitively, where {@code *} matches any run of
 * characters, including none. Every other character is literal.
 */
final class TagPattern {

    private final String pattern;
    private final String[] segments;

    private TagPattern(String pattern) {
        this.pattern = pattern;
        this.segments = pattern.split("\\*", -1);
    }

    static TagPattern compile(String pattern) {
        return new TagPattern(Objects.requireNonNull(pattern, "pattern"));
    }

    int wildcardCount() {
        return segments.length - 1;
    }

    boolean endsWithWildcard() {
        return pattern.endsWith("*");
    }

    boolean matches(String tag) {
        if (segments.length == 1) {
            return tag.equals(pattern);
        }
        String first = segments[0];
        String last = segments[segments.length - 1];
        if (tag.length() < first.length() + last.length() || !tag.startsWith(first) || !tag.endsWith(last)) {
            return false;
        }
        // Leftmost placement of each middle segment leaves the most room for the rest, so greedy is exact.
        int position = first.length();
        int end = tag.length() - last.length();
        for (int i = 1; i < segments.length - 1; i++) {
            String segment = segments[i];
            int found = tag.indexOf(segment, position);
            if (found < 0 || found + segment.length() > end) {
                return false;
            }
            position = found + segment.length();
        }
        return true;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
