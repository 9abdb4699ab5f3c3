package dev.promobot.rules;

import java.time.Instant;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ImageTagTest {

    private static final String EXPECTED =
            "(expected sha-<7-40 hex>-<yyyymmdd> or sha-<hex>-<yyyymmddHHMMSS>)";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sha-abc1234-20251127                                      | abc1234                                  | 2025-11-27T00:00:00Z
            sha-abc1234-20251127143005                                | abc1234                                  | 2025-11-27T14:30:05Z
            sha-0123456789abcdef0123456789abcdef01234567-20251127     | 0123456789abcdef0123456789abcdef01234567 | 2025-11-27T00:00:00Z
            sha-1a2b3c4d-20240229                                     | 1a2b3c4d                                 | 2024-02-29T00:00:00Z
            sha-abc1234-20251231235959                                | abc1234                                  | 2025-12-31T23:59:59Z
            sha-abc1234-20250101000000                                | abc1234                                  | 2025-01-01T00:00:00Z
            """)
    void readsTheGitShaAndTheBuildTimeAsUtc(String text, String gitSha, Instant buildTime) {
        ImageTag tag = ImageTag.parse(text).value().orElseThrow();

        assertThat(tag.text()).isEqualTo(text);
        assertThat(tag.toString()).isEqualTo(text);
        assertThat(tag.gitSha()).isEqualTo(gitSha);
        assertThat(tag.buildTime()).isEqualTo(buildTime);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            latest                       | 'latest' is a mutable name; only immutable sha-<gitsha>-<yyyymmdd> tags can be deployed
            dev                          | 'dev' is a mutable name; only immutable sha-<gitsha>-<yyyymmdd> tags can be deployed
            staging                      | 'staging' is a mutable name; only immutable sha-<gitsha>-<yyyymmdd> tags can be deployed
            prod                         | 'prod' is a mutable name; only immutable sha-<gitsha>-<yyyymmdd> tags can be deployed
            main                         | 'main' is a mutable name; only immutable sha-<gitsha>-<yyyymmdd> tags can be deployed
            v1.2.3                       | 'v1.2.3' is a release tag, not an image tag; promote the sha- image it names
            sha-ABC1234-20251127         | 'sha-ABC1234-20251127' has uppercase hex; the git sha must be lowercase
            sha-abc1234-20251340         | 'sha-abc1234-20251340' has an impossible build date 20251340
            sha-abc1234-20250230         | 'sha-abc1234-20250230' has an impossible build date 20250230
            sha-abc1234-20230229         | 'sha-abc1234-20230229' has an impossible build date 20230229
            sha-abc1234-20251100         | 'sha-abc1234-20251100' has an impossible build date 20251100
            sha-abc1234-20251127240000   | 'sha-abc1234-20251127240000' has an impossible build date 20251127240000
            sha-abc1234-20251127236000   | 'sha-abc1234-20251127236000' has an impossible build date 20251127236000
            sha-abc1234-20251127235960   | 'sha-abc1234-20251127235960' has an impossible build date 20251127235960
            sha-abc123-20251127          | 'sha-abc123-20251127' is not an immutable image tag (expected sha-<7-40 hex>-<yyyymmdd> or sha-<hex>-<yyyymmddHHMMSS>)
            sha-abcdefg-20251127         | 'sha-abcdefg-20251127' is not an immutable image tag (expected sha-<7-40 hex>-<yyyymmdd> or sha-<hex>-<yyyymmddHHMMSS>)
            sha-abc1234-2025112          | 'sha-abc1234-2025112' is not an immutable image tag (expected sha-<7-40 hex>-<yyyymmdd> or sha-<hex>-<yyyymmddHHMMSS>)
            sha-abc1234-202511271430     | 'sha-abc1234-202511271430' is not an immutable image tag (expected sha-<7-40 hex>-<yyyymmdd> or sha-<hex>-<yyyymmddHHMMSS>)
            SHA-abc1234-20251127         | 'SHA-abc1234-20251127' is not an immutable image tag (expected sha-<7-40 hex>-<yyyymmdd> or sha-<hex>-<yyyymmddHHMMSS>)
            abc1234-20251127             | 'abc1234-20251127' is not an immutable image tag (expected sha-<7-40 hex>-<yyyymmdd> or sha-<hex>-<yyyymmddHHMMSS>)
            """)
    void refusesWithASentenceNamingTheInput(String text, String sentence) {
        assertThat(ImageTag.parse(text).reason()).contains(sentence);
        assertThat(ImageTag.parse(text).isOk()).isFalse();
    }

    static Stream<Arguments> oddInputs() {
        return Stream.of(
                arguments(null, "no image tag was given " + EXPECTED),
                arguments("", "no image tag was given " + EXPECTED),
                arguments(" sha-abc1234-20251127", "' sha-abc1234-20251127' is not an immutable image tag " + EXPECTED),
                arguments("sha-abc1234-20251127\n", "'sha-abc1234-20251127?' is not an immutable image tag " + EXPECTED),
                arguments("sha-" + "a".repeat(41) + "-20251127",
                        "'sha-" + "a".repeat(36) + "…' is not an immutable image tag " + EXPECTED),
                arguments("sha-abc1234-２０２５１１２７", "'sha-abc1234-２０２５１１２７' is not an immutable image tag " + EXPECTED),
                arguments("sha-abc1234-٢٠٢٥١١٢٧", "'sha-abc1234-٢٠٢٥١١٢٧' is not an immutable image tag " + EXPECTED));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("oddInputs")
    void refusesOddInputWithoutThrowing(String text, String sentence) {
        assertThat(ImageTag.parse(text).reason()).contains(sentence);
    }

    @Test
    void cutsAHugeInputShortInTheSentence() {
        String huge = "x".repeat(1_000_000);

        String reason = ImageTag.parse(huge).reason().orElseThrow();

        assertThat(reason).isEqualTo("'" + "x".repeat(40) + "…' is not an immutable image tag " + EXPECTED);
    }

    @Test
    void doesNotSplitAnEmojiWhenCuttingTheInput() {
        String emoji = "\uD83D\uDE80";

        String reason = ImageTag.parse(emoji.repeat(50)).reason().orElseThrow();

        assertThat(reason).startsWith("'" + emoji.repeat(40) + "…'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha-abc1234-20251127", "sha-abc1234ffff-20251127143005"})
    void theShortShaIsTheFirstSevenCharacters(String text) {
        assertThat(ImageTag.parse(text).value().orElseThrow().shortSha()).isEqualTo("abc1234");
    }
}
