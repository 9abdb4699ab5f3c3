package dev.promobot.chat;

import dev.promobot.chat.CommandParser.Command;
import dev.promobot.chat.CommandParser.ForAnotherBot;
import dev.promobot.chat.CommandParser.NotACommand;
import dev.promobot.chat.CommandParser.Reading;
import dev.promobot.chat.CommandParser.Unreadable;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CommandParserTest {

    private final CommandParser parser = new CommandParser("promobot_bot");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/status|status|",
            "/STATUS|status|",
            "/promote staging|promote|staging",
            "  /promote   staging    sha-1a2b3c4-20251127  |promote|staging sha-1a2b3c4-20251127",
            "/promote@promobot_bot staging|promote|staging",
            "/promote@PromoBot_Bot staging|promote|staging",
    })
    void readsCommandsForThisBot(String text, String name, String args) {
        Reading parsed = parser.parse(text);

        assertThat(parsed).isEqualTo(new Command(name, args == null ? List.of() : List.of(args.split(" "))));
    }

    @Test
    void tabsAndLineBreaksSeparateArgumentsToo() {
        assertThat(parser.parse("/history\tprod\n5")).isEqualTo(new Command("history", List.of("prod", "5")));
    }

    @Test
    void aCommandForAnotherBotIsNotOurs() {
        assertThat(parser.parse("/status@OtherBot")).isEqualTo(new ForAnotherBot("OtherBot"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"hello team", "status", "/", "// comment", "'  '"})
    void plainChatIsNotACommand(String text) {
        assertThat(parser.parse(text)).isInstanceOf(NotACommand.class);
    }

    @Test
    void anOverlongCommandIsRefusedShortly() {
        Reading parsed = parser.parse("/promote " + "x".repeat(5000));

        assertThat(parsed).isInstanceOfSatisfying(Unreadable.class,
                unreadable -> assertThat(unreadable.sentence()).contains("too long"));
    }

    @Test
    void binaryInputIsRefusedShortly() {
        assertThat(parser.parse("/status \u0000\u0007")).isInstanceOfSatisfying(Unreadable.class,
                unreadable -> assertThat(unreadable.sentence()).contains("control characters"));
    }

    @Test
    void aCommandNameWithOddCharactersIsUnreadable() {
        assertThat(parser.parse("/stätus")).isInstanceOf(Unreadable.class);
    }

    @Property
    void noTextMakesTheParserThrow(@ForAll @StringLength(max = 3000) String text) {
        assertThat(parser.parse(text)).isNotNull();
        assertThat(parser.parse("/" + text)).isNotNull();
        assertThat(parser.parse("/status@" + text)).isNotNull();
    }

    @Property
    void aParsedCommandHasALowerCaseNameAndNoBlankArguments(@ForAll @StringLength(max = 200) String text) {
        if (parser.parse("/" + text) instanceof Command command) {
            assertThat(command.name()).matches("[a-z][a-z0-9_]*");
            assertThat(command.args()).allSatisfy(arg -> assertThat(arg).isNotBlank());
        }
    }
}
