package dev.promobot.rules;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ReleaseTagTest {

    private static final String EXPECTED = "(expected vMAJOR.MINOR.PATCH, e.g. v1.2.3)";
    private static final String NO_LEADING_ZEROS = "release tag numbers are written without them";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            v0.1.0              | 0          | 1  | 0
            v1.2.3              | 1          | 2  | 3
            v10.20.30           | 10         | 20 | 30
            v0.0.0              | 0          | 0  | 0
            v2147483647.0.0     | 2147483647 | 0  | 0
            """)
    void readsMajorMinorPatch(String text, int major, int minor, int patch) {
        ReleaseTag tag = ReleaseTag.parse(text).value().orElseThrow();

        assertThat(tag).isEqualTo(new ReleaseTag(major, minor, patch));
        assertThat(tag.toString()).isEqualTo(text);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                arguments("v1.02.3", "'v1.02.3' has a leading zero in 02; " + NO_LEADING_ZEROS),
                arguments("v01.2.3", "'v01.2.3' has a leading zero in 01; " + NO_LEADING_ZEROS),
                arguments("v1.2.00", "'v1.2.00' has a leading zero in 00; " + NO_LEADING_ZEROS),
                arguments("v2147483648.0.0", "'v2147483648.0.0' has a number larger than 2147483647"),
                arguments("v1.99999999999999999999.0",
                        "'v1.99999999999999999999.0' has a number larger than 2147483647"),
                arguments("1.2.3", "'1.2.3' is not a release tag " + EXPECTED),
                arguments("V1.2.3", "'V1.2.3' is not a release tag " + EXPECTED),
                arguments("v1.2", "'v1.2' is not a release tag " + EXPECTED),
                arguments("v1.2.3.4", "'v1.2.3.4' is not a release tag " + EXPECTED),
                arguments("v1.2.3-rc1", "'v1.2.3-rc1' is not a release tag " + EXPECTED),
                arguments("v-1.2.3", "'v-1.2.3' is not a release tag " + EXPECTED),
                arguments("v1.2.3 ", "'v1.2.3 ' is not a release tag " + EXPECTED),
                arguments("v١.2.3", "'v١.2.3' is not a release tag " + EXPECTED),
                arguments("sha-abc1234-20251127", "'sha-abc1234-20251127' is an image tag, not a release tag "
                        + EXPECTED),
                arguments("", "no release tag was given " + EXPECTED),
                arguments(null, "no release tag was given " + EXPECTED));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("refusals")
    void refusesWithASentenceNamingTheInput(String text, String sentence) {
        assertThat(ReleaseTag.parse(text).reason()).contains(sentence);
    }

    @ParameterizedTest(name = "{0} < {1}")
    @CsvSource({
            "v1.2.3, v1.2.4",
            "v1.9.0, v1.10.0",
            "v1.99.99, v2.0.0",
            "v0.0.9, v0.1.0",
            "v9.0.0, v10.0.0",
    })
    void ordersSemanticallyNotByName(String lower, String higher) {
        ReleaseTag a = ReleaseTag.parse(lower).value().orElseThrow();
        ReleaseTag b = ReleaseTag.parse(higher).value().orElseThrow();

        assertThat(a).isLessThan(b);
        assertThat(b).isGreaterThan(a);
    }

    @Test
    void equalTagsCompareEqual() {
        assertThat(new ReleaseTag(1, 2, 3)).isEqualByComparingTo(ReleaseTag.parse("v1.2.3").value().orElseThrow());
    }
}
