package dev.promobot.chat;

import dev.promobot.Cast.Person;
import dev.promobot.Conversation;
import dev.promobot.StandIns;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.sandbox.TelegramHtml;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.promobot.Cast.ADMIN;
import static dev.promobot.Lambda.dev;
import static dev.promobot.Lambda.prod;
import static dev.promobot.Lambda.staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * Every command with hostile arguments, from the admin (who may run them all), after strangers planted the same
 * texts in the audit trail from their private chats: every answer is valid Telegram HTML within Telegram's limits (the
 * Bot API stand-in refuses anything else with 400, as Telegram does), nothing an argument holds becomes markup, and
 * no function moves.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class HostileInputTest {

    private static final String INJECTED = "<b>INJECTED</b>";

    /** What people paste: markup, entities, a wall of text, line breaks, right-to-left and zero-width marks. */
    private static final Map<String, String> HOSTILE = Map.of(
            "markup", INJECTED + "<a href=\"https://evil.example\">x</a><code>",
            "entities", "&amp; & &lt; &#x3C; &bogus;",
            "wall", "w".repeat(4000),
            "lines", "first\nsecond\n\n<i>third",
            "rtl", "\u202Egnp.exe\u202C \u200F\u061C",
            "zero-width", "ze\u200Bro\u200Dwi\uFEFFdth\u2060");

    private static final List<String> COMMANDS = List.of(
            "/status %s", "/images %s", "/history %s", "/history staging %s", "/promote %s", "/promote staging %s",
            "/promote prod %s", "/approve %s", "/reject prod %s", "/reject %s", "/rollback %s",
            "/rollback staging %s", "/lock %s", "/lock dev %s", "/unlock dev", "/unlock %s", "/audit %s",
            "/settle %s", "/whoami %s", "/help %s", "/dora %s", "/dora prod %s", "/nosuchcommand %s", "/w%s",
            "/why %s", "/why prod %s", "/freeze %s", "/unfreeze %s");

    @Inject
    Db db;

    @AfterEach
    void unlock() {
        db.update("DELETE FROM environment_lock");
        db.update("UPDATE promotion_freeze SET in_force = NULL, lifted_at = CURRENT_TIMESTAMP WHERE in_force IS NOT NULL");
    }

    @Test
    void everyCommandWithHostileArgumentsIsAnsweredInValidTelegramHtmlAndMovesNothing() {
        String dev = dev();
        String staging = staging();
        String prod = prod();
        // Each from a stranger of its own, so each is answered (and audited) rather than rationed.
        int planted = 0;
        for (String text : HOSTILE.values()) {
            Person stranger = new Person(7_100_000L + planted++, "Planter", "planter", Optional.empty());
            Conversation.privateWith(stranger).says(stranger, "/promote staging " + text);
        }
        // The team's chats go first, so the plants must be in before the team asks for /history.
        int plants = planted;
        await().atMost(Duration.ofSeconds(30)).until(() -> db.one("SELECT COUNT(*) FROM audit_event "
                + "WHERE user_id >= 7100000 AND user_id < 7100100", rs -> rs.getInt(1)).orElse(0) >= plants);

        List<Conversation> chats = new ArrayList<>();
        List<SentMessage> commands = new ArrayList<>();
        for (String argument : HOSTILE.values()) {
            Conversation chat = Conversation.team(); // a chat each, so Telegram's 20 a minute per group is no wait
            chats.add(chat);
            for (String command : COMMANDS) {
                commands.add(chat.says(ADMIN, command.formatted(argument)));
            }
            commands.add(chat.says(ADMIN, "/history 50"));
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(unanswered(chats, commands)).as("commands without an answer").isEmpty());

        for (Conversation chat : chats) {
            assertThat(chat.botMessages()).allSatisfy(message -> {
                assertThat(message.text().length()).as(message.text()).isLessThanOrEqualTo(4096);
                assertThatCode(() -> TelegramHtml.toPlainText(message.text())).as(message.text())
                        .doesNotThrowAnyException();
                assertThat(message.text()).as("an argument became markup").doesNotContain(INJECTED)
                        .doesNotContain("<a href=\"https://evil.example\"").doesNotContain("<i>third");
            });
            // A refusal is stored as Telegram's code and answer; an edit superseded by a later one is no refusal.
            assertThat(db.list("SELECT error FROM outbox WHERE chat_id = ? AND error LIKE '4%' "
                    + "AND error NOT LIKE '429%'",
                    rs -> rs.getString(1), chat.chatId())).as("refused by Telegram").isEmpty();
        }
        assertThat(List.of(dev(), staging(), prod())).as("no function moved").containsExactly(dev, staging, prod);
    }

    private static List<String> unanswered(List<Conversation> chats, List<SentMessage> commands) {
        List<String> unanswered = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            if (chats.get(i / (COMMANDS.size() + 1)).reply(commands.get(i)).isEmpty()) {
                String text = commands.get(i).text();
                unanswered.add(text.length() > 60 ? text.substring(0, 60) + "…" : text);
            }
        }
        return unanswered;
    }
}
