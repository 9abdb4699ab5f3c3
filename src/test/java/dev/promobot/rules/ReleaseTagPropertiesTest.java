package dev.promobot.rules;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.WithNull;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseTagPropertiesTest {

    @Property(tries = 2000)
    void neverThrowsForAnyString(@ForAll @WithNull(0.05) @StringLength(max = 300) String text) {
        Parsed<ReleaseTag> parsed = ReleaseTag.parse(text);

        assertThat(parsed.value().isPresent()).as("exactly one of value and reason")
                .isNotEqualTo(parsed.reason().isPresent());
    }

    @Example
    void neverThrowsForNullOrAMegabyte() {
        assertThat(ReleaseTag.parse(null).reason()).isPresent();
        assertThat(ReleaseTag.parse("v" + "9".repeat(1_000_000) + ".0.0").reason()).isPresent();
    }

    @Property
    void parsingWhatToStringPrintsGivesTheSameTag(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int major,
                                                   @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int minor,
                                                   @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int patch) {
        ReleaseTag tag = new ReleaseTag(major, minor, patch);

        assertThat(ReleaseTag.parse(tag.toString()).value()).contains(tag);
        assertThat(tag.toString()).isEqualTo("v" + major + "." + minor + "." + patch);
    }

    @Property
    void numbersBeyondIntAreRefused(@ForAll @LongRange(min = Integer.MAX_VALUE + 1L) long tooLarge,
                                    @ForAll @IntRange(min = 0, max = 2) int position) {
        String[] parts = {"1", "2", "3"};
        parts[position] = Long.toString(tooLarge);

        assertThat(ReleaseTag.parse("v" + String.join(".", parts)).isOk()).isFalse();
    }

    @Property
    void comparesLikeItsNumbersInOrder(@ForAll @IntRange(min = 0, max = 3) int major1,
                                       @ForAll @IntRange(min = 0, max = 3) int minor1,
                                       @ForAll @IntRange(min = 0, max = 3) int patch1,
                                       @ForAll @IntRange(min = 0, max = 3) int major2,
                                       @ForAll @IntRange(min = 0, max = 3) int minor2,
                                       @ForAll @IntRange(min = 0, max = 3) int patch2) {
        ReleaseTag a = new ReleaseTag(major1, minor1, patch1);
        ReleaseTag b = new ReleaseTag(major2, minor2, patch2);
        int expected = major1 != major2 ? Integer.compare(major1, major2)
                : minor1 != minor2 ? Integer.compare(minor1, minor2)
                : Integer.compare(patch1, patch2);

        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(Integer.signum(expected));
        assertThat(Integer.signum(b.compareTo(a))).isEqualTo(-Integer.signum(expected));
        assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
    }
}
