package dev.promobot.rules;

import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DigestTest {

    private static final String HEX = "1a2b3c4d5e6f" + "0".repeat(52);
    private static final String EXPECTED = "(expected sha256:<64 lowercase hex>)";

    @Test
    void acceptsSha256WithSixtyFourLowercaseHexDigits() {
        Digest digest = Digest.parse("sha256:" + HEX).value().orElseThrow();

        assertThat(digest.value()).isEqualTo("sha256:" + HEX);
        assertThat(digest.toString()).isEqualTo("sha256:" + HEX);
    }

    @Test
    void theShortFormIsTheFirstTwelveHexDigits() {
        assertThat(new Digest("sha256:" + HEX).shortForm()).isEqualTo("1a2b3c4d5e6f");
    }

    static Stream<Arguments> refusals() {
        String upper = "sha256:" + HEX.toUpperCase(Locale.ROOT);
        String tooShort = "sha256:" + HEX.substring(1);
        String tooLong = "sha256:" + HEX + "0";
        String sha512 = "sha512:" + HEX;
        return Stream.of(
                arguments(upper, cut(upper) + " has uppercase hex; the digest must be lowercase"),
                arguments(tooShort, cut(tooShort) + " is not an image digest " + EXPECTED),
                arguments(tooLong, cut(tooLong) + " is not an image digest " + EXPECTED),
                arguments(HEX, cut(HEX) + " is not an image digest " + EXPECTED),
                arguments(sha512, cut(sha512) + " is not an image digest " + EXPECTED),
                arguments("latest", "'latest' is not an image digest " + EXPECTED),
                arguments("", "no image digest was given " + EXPECTED),
                arguments(null, "no image digest was given " + EXPECTED));
    }

    /** Sentences quote at most 40 characters of what was given. */
    private static String cut(String text) {
        return "'" + text.substring(0, 40) + "…'";
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refusals")
    void refusesAnythingElseWithASentence(String text, String sentence) {
        assertThat(Digest.parse(text).reason()).contains(sentence);
    }

    @Test
    void theConstructorRejectsWhatParseRefuses() {
        assertThatThrownBy(() -> new Digest("sha256:abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'sha256:abc' is not an image digest " + EXPECTED);
    }
}
