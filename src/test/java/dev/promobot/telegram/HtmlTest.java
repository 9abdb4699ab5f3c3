package dev.promobot.telegram;

import dev.promobot.sandbox.TelegramHtml;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class HtmlTest {

    @Test
    void escapesEverythingTelegramHtmlTreatsAsMarkup() {
        assertThat(Html.escape("<b>v1 & \"x\"</b>")).isEqualTo("&lt;b&gt;v1 &amp; &quot;x&quot;&lt;/b&gt;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void aLongMessageIsSplitAtLineBreaksIntoPartsTelegramAccepts() {
        String line = "x".repeat(99) + "\n";
        String html = line.repeat(100);

        List<String> parts = Html.split(html, 4096);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(4096));
        assertThat(String.join("\n", parts).replace("\n", "")).isEqualTo(html.replace("\n", ""));
    }

    @Test
    void aSplitPreBlockIsClosedAndReopened() {
        String html = "<pre>" + ("row of a table\n".repeat(400)) + "</pre>";

        List<String> parts = Html.split(html, 4096);

        assertThat(parts).allSatisfy(part -> {
            assertThat(part).startsWith("<pre>").endsWith("</pre>");
            assertThat(part.length()).isLessThanOrEqualTo(4096);
        });
    }

    @Test
    void aSplitInsideNestedElementsClosesThemAndReopensThemWithTheirAttributes() {
        String html = "<b>History</b>\n<a href=\"https://example.com/?a=1&amp;b=2\"><b><code>"
                + "planted text &amp; more ".repeat(400) + "</code></b></a>\nend";

        List<String> parts = Html.split(html, 4096);

        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(4096);
            assertThatCode(() -> TelegramHtml.toPlainText(part)).as(part).doesNotThrowAnyException();
        });
        assertThat(parts.get(1)).startsWith("<a href=\"https://example.com/?a=1&amp;b=2\"><b><code>");
        assertThat(parts.stream().map(TelegramHtml::toPlainText).collect(Collectors.joining()).replace("\n", ""))
                .as("nothing lost but line breaks at the cuts")
                .isEqualTo(TelegramHtml.toPlainText(html).replace("\n", ""));
    }

    @Test
    void aSplitNeverSeparatesTheHalvesOfAnEmoji() {
        String html = "🚀".repeat(3000);

        List<String> parts = Html.split(html, 4096);

        assertThat(parts).allSatisfy(part -> assertThat(part).matches("(🚀)+"));
    }

    @Test
    void anOverlongEditInsideAnElementIsCutAndTheElementClosed() {
        String cut = Html.cut("<i><code>" + "z".repeat(5000) + "</code></i>", 4096);

        assertThat(cut).hasSizeLessThanOrEqualTo(4096).endsWith("…</code></i>");
        assertThatCode(() -> TelegramHtml.toPlainText(cut)).doesNotThrowAnyException();
    }

    @Test
    void aSplitNeverCutsAnEntityInHalf() {
        String html = "&amp;".repeat(2000);

        List<String> parts = Html.split(html, 4096);

        assertThat(parts).allSatisfy(part -> assertThat(part).matches("(&amp;)+"));
    }

    @Test
    void anOverlongEditIsCutWithAnEllipsis() {
        String cut = Html.cut("y".repeat(5000), 4096);

        assertThat(cut).hasSizeLessThanOrEqualTo(4096).endsWith("…");
    }
}
