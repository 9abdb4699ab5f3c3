package dev.promobot.rules;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image's content address in ECR, "sha256:" followed by 64 lowercase hex digits. The digest, not the tag,
 * is what identifies an image everywhere in the rules.
 */
public record Digest(String value) {

    private static final String PREFIX = "sha256:";
    private static final int LENGTH = PREFIX.length() + 64;
    private static final Pattern ANY_CASE = Pattern.compile("sha256:[0-9a-fA-F]{64}");
    private static final String EXPECTED = "(expected sha256:<64 lowercase hex>)";

    /** Throws for anything {@link #parse} refuses; use parse for text that came from outside. */
    public Digest {
        Optional<String> refusal = refusal(value);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }
    }

    public static Parsed<Digest> parse(String text) {
        return refusal(text).<Parsed<Digest>>map(Parsed::refused).orElseGet(() -> Parsed.ok(new Digest(text)));
    }

    /** Why the text is not a digest, if it is not; shared by the constructor and parse. */
    private static Optional<String> refusal(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("no image digest was given " + EXPECTED);
        }
        if (valid(text)) {
            return Optional.empty();
        }
        if (text.length() == LENGTH && ANY_CASE.matcher(text).matches()) {
            return Optional.of(Phrases.quoted(text) + " has uppercase hex; the digest must be lowercase");
        }
        return Optional.of(Phrases.quoted(text) + " is not an image digest " + EXPECTED);
    }

    /**
     * sha256: and 64 lowercase hex digits, checked by hand rather than by a pattern: every image ECR lists is read
     * through here, for every command.
     */
    private static boolean valid(String text) {
        if (text.length() != LENGTH || !text.startsWith(PREFIX)) {
            return false;
        }
        for (int i = PREFIX.length(); i < LENGTH; i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The 12 hex digits people recognise a digest by, e.g. "1a2b3c4d5e6f". */
    public String shortForm() {
        return value.substring(PREFIX.length(), PREFIX.length() + 12);
    }

    @Override
    public String toString() {
        return value;
    }
}
