package dev.promobot.rules;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.promobot.rules.Fixture.digest;
import static org.assertj.core.api.Assertions.assertThat;

class ImageTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sha-abc1234-20251127,latest                      | sha-abc1234-20251127
            latest,sha-abc1234-20251127                      | sha-abc1234-20251127
            sha-abc1234-20251127,sha-def5678-20251128        | sha-def5678-20251128
            sha-fff9999-20251127,sha-abc1234-20251127120000  | sha-abc1234-20251127120000
            latest,nightly                                   | latest
            """)
    void isLabelledByItsNewestShaTagElseItsFirstTag(String tags, String label) {
        Image image = new Image(digest('a'), List.of(tags.split(",")), Optional.empty());

        assertThat(image.label()).isEqualTo(label);
    }

    @Test
    void anUntaggedImageIsLabelledByItsShortDigest() {
        Image image = new Image(digest('a'), List.of(), Optional.empty());

        assertThat(image.label()).isEqualTo("untagged aaaaaaaaaaaa");
        assertThat(image.imageTag()).isEmpty();
    }

    @Test
    void ordersByBuildTimeInTheTagThenPushTimeNeverByName() {
        Image builtLast = image('1', "sha-0000000-20251127", "2025-11-01T00:00:00Z");
        Image builtFirst = image('2', "sha-fffffff-20251101", "2025-11-30T00:00:00Z");
        Image sameDayPushedLater = image('3', "sha-0000001-20251127", "2025-11-28T00:00:00Z");
        Image mutableOnly = image('4', "latest", "2025-12-01T00:00:00Z");
        List<Image> images = List.of(mutableOnly, builtFirst, builtLast, sameDayPushedLater);

        assertThat(images.stream().sorted(Image.NEWEST_FIRST))
                .containsExactly(sameDayPushedLater, builtLast, builtFirst, mutableOnly);
        assertThat(images.stream().sorted(Image.OLDEST_FIRST))
                .containsExactly(mutableOnly, builtFirst, builtLast, sameDayPushedLater);
    }

    @Test
    void findsTagsByExactText() {
        Image image = image('1', "sha-abc1234-20251127", "2025-11-27T00:00:00Z");

        assertThat(image.hasTag("sha-abc1234-20251127")).isTrue();
        assertThat(image.hasTag("sha-abc1234")).isFalse();
    }

    private static Image image(char hex, String tag, String pushedAt) {
        return new Image(digest(hex), List.of(tag), Optional.of(Instant.parse(pushedAt)));
    }
}
