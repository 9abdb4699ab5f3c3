package dev.promobot.rules;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;

import static org.assertj.core.api.Assertions.assertThat;

class ImageTagPropertiesTest {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    /** A tag built from its parts, so a test can check that parsing gives the parts back. */
    record Generated(String gitSha, LocalDateTime built, boolean withTime) {
        String text() {
            return "sha-" + gitSha + "-" + built.format(withTime ? DATE_TIME : DATE);
        }

        Instant buildTime() {
            return (withTime ? built : built.toLocalDate().atStartOfDay()).toInstant(ZoneOffset.UTC);
        }
    }

    @Property(tries = 2000)
    void neverThrowsForAnyString(@ForAll @WithNull(0.05) @StringLength(max = 300) String text) {
        Parsed<ImageTag> parsed = ImageTag.parse(text);

        assertThat(parsed.value().isPresent()).as("exactly one of value and reason")
                .isNotEqualTo(parsed.reason().isPresent());
    }

    @Property(tries = 2000)
    void neverThrowsForStringsThatAlmostLookLikeTags(@ForAll("nearMisses") String text) {
        Parsed<ImageTag> parsed = ImageTag.parse(text);

        assertThat(parsed.value().isPresent()).as("exactly one of value and reason")
                .isNotEqualTo(parsed.reason().isPresent());
    }

    @Example
    void neverThrowsForNullOrAMegabyte() {
        assertThat(ImageTag.parse(null).reason()).isPresent();
        assertThat(ImageTag.parse("sha-".repeat(250_000)).reason()).isPresent();
    }

    @Property
    void everyRefusalIsOneLine(@ForAll @StringLength(min = 1, max = 200) String text) {
        ImageTag.parse(text).reason().ifPresent(reason -> assertThat(reason).doesNotContain("\n", "\r"));
    }

    @Property
    void aRefusalQuotesAShortInputWhole(@ForAll @StringLength(min = 1, max = 40) @CharRange(from = ' ', to = '~')
                                        String text) {
        ImageTag.parse(text).reason().ifPresent(reason -> assertThat(reason).contains("'" + text + "'"));
    }

    @Property(tries = 1000)
    void validTagsRoundTrip(@ForAll("validTags") Generated generated) {
        ImageTag tag = ImageTag.parse(generated.text()).value().orElseThrow();

        assertThat(tag.text()).isEqualTo(generated.text());
        assertThat(tag.toString()).isEqualTo(generated.text());
        assertThat(tag.gitSha()).isEqualTo(generated.gitSha());
        assertThat(tag.buildTime()).isEqualTo(generated.buildTime());
        assertThat(ImageTag.parse(tag.toString()).value()).contains(tag);
    }

    @Provide
    Arbitrary<Generated> validTags() {
        Arbitrary<String> sha = Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(7).ofMaxLength(40);
        Arbitrary<LocalDateTime> built = Arbitraries.longs()
                .between(LocalDateTime.of(1970, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
                        LocalDateTime.of(2099, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC))
                .map(seconds -> LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC));
        return Combinators.combine(sha, built, Arbitraries.of(true, false)).as(Generated::new);
    }

    @Provide
    Arbitrary<String> nearMisses() {
        Arbitrary<String> prefix = Arbitraries.of("sha-", "SHA-", "sha", "sha--", "");
        Arbitrary<String> hex = Arbitraries.strings().withChars("0123456789abcdefABCDEFg-").ofMaxLength(45);
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789٠١２").ofMaxLength(16);
        Arbitrary<String> separator = Arbitraries.of("-", "", "--", "_");
        return Combinators.combine(prefix, hex, separator, digits).as((p, h, s, d) -> p + h + s + d);
    }
}
