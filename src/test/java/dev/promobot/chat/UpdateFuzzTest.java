package dev.promobot.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promobot.Cast;
import dev.promobot.Cast.Person;
import dev.promobot.StandIns;
import dev.promobot.rules.Role;
import dev.promobot.sandbox.TelegramHtml;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static dev.promobot.Lambda.dev;
import static dev.promobot.Lambda.prod;
import static dev.promobot.Lambda.staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * Ten thousand updates generated from what Telegram can deliver, through the real path (the Bot API stand-in,
 * long polling, the inbox, the router, the outbox): strangers, foreign groups, private chats, bots, anonymous
 * admins and linked channels (sender_chat), entities, replies, edited messages and buttons with any callback_data.
 * None of them may be a command someone with the deployer role typed in a team chat, so none may change anything:
 * no update fails, no function moves, no request, lock or deployment appears, and every answer is valid Telegram
 * HTML within Telegram's limit.
 *
 * <p>The updates come from jqwik generators with a fixed seed, so a failure is reproduced by running the test
 * again; its message names the offending update.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class UpdateFuzzTest {

    private static final long SEED = 20261202L;
    private static final int UPDATES = 10_000;
    /** The anonymous-admin account Telegram shows for a group admin who posts as the group. */
    private static final long GROUP_ANONYMOUS_BOT = 1087968824L;
    /** The account Telegram shows for posts of a linked channel. */
    private static final long TELEGRAM_SERVICE = 777000L;
    private static final List<Long> FOREIGN_GROUPS = List.of(-100_888_001L, -100_888_002L, -100_888_003L);

    private static final List<String> COMMANDS = List.of("/status", "/images", "/history", "/promote", "/approve",
            "/reject", "/rollback", "/lock", "/unlock", "/audit", "/settle", "/whoami", "/help", "/start",
            "/nosuchcommand", "/", "//promote", "/PROMOTE", "/promote_staging");
    private static final List<String> WORDS = List.of("staging", "prod", "dev", "qa", "sha-1a2b3c4-20251127",
            "sha-0000000-20250101", "v1.2.3", "v1.2", "latest", "#1", "#999999999999", "1", "-1", "50", "9999",
            "<b>", "</b>", "<a href=\"https://evil.example\">x</a>", "<code>", "</pre>", "&", "&amp;", "&lt;",
            "&#x3C;", "\"", "'", "\n", "\n\n", "\t", "\u202E", "\u200F", "\u200B", "\u2060", "\uFEFF", "🚀",
            "👨‍👩‍👧", "привет", "日本語", "ا", "@promobot_sandbox_bot", "@OtherBot", "--override", "w".repeat(300),
            " ", "  ");

    @Inject
    Db db;

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong messageIds = new AtomicLong(5_000_000);

    @Test
    void tenThousandGeneratedUpdatesChangeNothingAndEveryAnswerIsValidTelegramHtml() {
        db.update("UPDATE approval_request SET status = 'void' WHERE status = 'open'");
        db.update("DELETE FROM environment_lock");
        List<String> functions = List.of(dev(), staging(), prod());
        long deployments = count("SELECT COUNT(*) FROM deployment");
        long requests = count("SELECT COUNT(*) FROM approval_request");
        long outboxBefore = count("SELECT COALESCE(MAX(id), 0) FROM outbox");
        FOREIGN_GROUPS.forEach(group -> StandIns.telegram().openChat(group, "group", "Elsewhere"));

        // A jqwik session with a fixed seed outside a property: the same updates on every run.
        List<ObjectNode> updates;
        JqwikSession.start(Long.toString(SEED));
        try {
            updates = update().sampleStream().limit(UPDATES).toList();
        } finally {
            JqwikSession.finish();
        }
        long first = -1;
        long last = -1;
        for (ObjectNode update : updates) {
            if (update.has("message")) {
                ObjectNode message = (ObjectNode) update.get("message");
                StandIns.telegram().openChat(message.path("chat").path("id").asLong(),
                        message.path("chat").path("type").asText(), "Fuzz");
            }
            last = StandIns.telegram().enqueueRawUpdate(update.toString());
            first = first < 0 ? last : first;
        }
        long from = first;
        long to = last;

        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> count("SELECT COUNT(*) FROM inbox WHERE update_id BETWEEN ? AND ? "
                        + "AND processed_at IS NOT NULL", from, to) == UPDATES);

        assertThat(db.list("SELECT outcome, payload FROM inbox WHERE update_id BETWEEN ? AND ? "
                + "AND outcome LIKE 'error%'", rs -> rs.getString(1) + ": " + rs.getString(2), from, to))
                .as("updates that failed").isEmpty();
        assertThat(List.of(dev(), staging(), prod())).as("no function moved").isEqualTo(functions);
        assertThat(count("SELECT COUNT(*) FROM deployment")).as("deployments").isEqualTo(deployments);
        assertThat(count("SELECT COUNT(*) FROM approval_request")).as("requests").isEqualTo(requests);
        assertThat(count("SELECT COUNT(*) FROM environment_lock")).as("locks").isZero();
        List<String> answers = db.list("SELECT text FROM outbox WHERE id > ?", rs -> rs.getString(1), outboxBefore);
        assertThat(answers).as("promobot answered some of them").isNotEmpty().allSatisfy(text -> {
            assertThat(text.length()).as(text).isLessThanOrEqualTo(4096);
            assertThatCode(() -> TelegramHtml.toPlainText(text)).as(text).doesNotThrowAnyException();
        });
        assertThat(db.list("SELECT error FROM outbox WHERE id > ? AND error LIKE '400%'", rs -> rs.getString(1),
                outboxBefore)).as("messages Telegram refused").isEmpty();
        // What is still queued for the fuzz's chats would only hold later tests up.
        db.update("DELETE FROM outbox WHERE id > ? AND sent_at IS NULL AND edit_of_outbox_id IS NOT NULL",
                outboxBefore);
        db.update("DELETE FROM outbox o WHERE o.id > ? AND o.sent_at IS NULL AND NOT EXISTS "
                + "(SELECT 1 FROM outbox e WHERE e.edit_of_outbox_id = o.id)", outboxBefore);
    }

    // ---- what Telegram can deliver ------------------------------------------------------------------------------

    /** Someone who may write: the cast, strangers with any name, bots, and Telegram's own accounts. */
    private record Sender(long id, boolean isBot, String firstName, Optional<String> lastName,
                          Optional<String> username, Optional<Role> role) {

        boolean deployerOrAbove() {
            return !isBot && role.filter(held -> held.includes(Role.DEPLOYER)).isPresent();
        }
    }

    private record Chat(long id, String type) {
    }

    private Arbitrary<ObjectNode> update() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, newMessage()),
                Tuple.of(2, editedMessage()),
                Tuple.of(2, buttonPress()));
    }

    /** A message as drawn: who, where, what, and which extra (entities, a reply, a forward) it carries. */
    private record Draft(Sender sender, Chat chat, String text, int extra) {
    }

    private Arbitrary<Draft> draft() {
        return Combinators.combine(sender(), chatFor(), text(), Arbitraries.integers().between(0, 9))
                .as((sender, chat, text, extra) -> new Draft(sender, chat.apply(sender), text, extra));
    }

    private Arbitrary<ObjectNode> newMessage() {
        // A deployer's command in a team chat may rightly move something: the one thing not generated.
        return draft().filter(draft -> !(draft.sender().deployerOrAbove() && isTeam(draft.chat())))
                .map(draft -> wrap("message", message(draft)));
    }

    private Arbitrary<ObjectNode> editedMessage() {
        return draft().map(draft -> {
            ObjectNode message = message(draft);
            message.put("edit_date", 1764200100);
            return wrap("edited_message", message);
        });
    }

    private Arbitrary<ObjectNode> buttonPress() {
        Arbitrary<String> data = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 9_999_999_999L).map(id -> "approve:" + id),
                Arbitraries.longs().between(0, 9_999_999_999L).map(id -> "reject:" + id),
                Arbitraries.of("approve:", "reject:", "approve:-1", "approve:1e3", "approve: 1", "", "x"),
                Arbitraries.strings().withCharRange('!', '~').ofMaxLength(64));
        return Combinators.combine(sender(), chatFor(), data, Arbitraries.integers().between(0, 3))
                .as((sender, chat, callbackData, shape) -> {
                    ObjectNode query = json.createObjectNode();
                    query.put("id", Long.toString(messageIds.incrementAndGet() * 7919));
                    query.set("from", user(sender));
                    query.put("chat_instance", "-42");
                    if (shape != 0) { // a button of an inline-mode message has no message
                        ObjectNode message = json.createObjectNode();
                        message.put("message_id", messageIds.incrementAndGet());
                        message.put("date", 1764200000);
                        message.set("chat", chat(chat.apply(sender)));
                        message.set("from", user(new Sender(424242, true, "promobot", Optional.empty(),
                                Optional.of("promobot_sandbox_bot"), Optional.empty())));
                        message.put("text", "Promotion request #1");
                        query.set("message", message);
                    }
                    if (shape != 3) { // a game button carries no data
                        query.put("data", callbackData);
                    }
                    return wrap("callback_query", query);
                });
    }

    private Arbitrary<Sender> sender() {
        Arbitrary<Sender> cast = Arbitraries.of(Cast.VIEWER, Cast.DEPLOYER, Cast.APPROVER, Cast.SECOND_APPROVER,
                Cast.ADMIN, Cast.STRANGER).map(UpdateFuzzTest::sender);
        Arbitrary<Sender> strangers = Combinators.combine(Arbitraries.longs().between(1, 9_999_999_999L), name(),
                name().optional(), Arbitraries.strings().alpha().numeric().ofMinLength(5).ofMaxLength(32).optional())
                .as((id, first, last, username) -> new Sender(id, false, first, last, username, Optional.empty()));
        Arbitrary<Sender> bots = Arbitraries.of(
                new Sender(GROUP_ANONYMOUS_BOT, true, "Group", Optional.empty(), Optional.of("GroupAnonymousBot"),
                        Optional.empty()),
                new Sender(TELEGRAM_SERVICE, false, "Telegram", Optional.empty(), Optional.empty(), Optional.empty()),
                new Sender(Cast.DEPLOYER.id(), true, "Dana's bot", Optional.empty(), Optional.of("dana_bot"),
                        Optional.of(Role.DEPLOYER)));
        return Arbitraries.frequencyOf(Tuple.of(4, cast), Tuple.of(5, strangers),
                Tuple.of(1, bots));
    }

    private static Sender sender(Person person) {
        return new Sender(person.id(), false, person.firstName(), Optional.empty(), Optional.of(person.username()),
                person.role());
    }

    /** Where the sender writes: the fuzz's team chat, a foreign group, or the sender's private chat. */
    private Arbitrary<Function<Sender, Chat>> chatFor() {
        return Arbitraries.of(
                sender -> new Chat(Cast.FUZZ_TEAM_CHAT, "supergroup"),
                sender -> new Chat(Cast.FUZZ_TEAM_CHAT, "supergroup"),
                sender -> new Chat(FOREIGN_GROUPS.get((int) Math.floorMod(sender.id(), 3L)), "group"),
                sender -> new Chat(sender.id(), "private"));
    }

    private static boolean isTeam(Chat chat) {
        return chat.id() == Cast.FUZZ_TEAM_CHAT;
    }

    private static Arbitrary<String> name() {
        return Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(12).map(parts -> String.join("", parts))
                .map(name -> name.isBlank() ? "x" : name);
    }

    /** A command (often with this bot's or another's name) and arguments, or any text at all. */
    private static Arbitrary<String> text() {
        Arbitrary<String> command = Combinators.combine(Arbitraries.of(COMMANDS),
                Arbitraries.of("", "", "", "@promobot_sandbox_bot", "@OtherBot", "@"),
                Arbitraries.of(WORDS).list().ofMaxSize(6))
                .as((name, bot, args) -> name + bot + (args.isEmpty() ? "" : " " + String.join(" ", args)));
        Arbitrary<String> anything = Arbitraries.of(WORDS).list().ofMinSize(1).ofMaxSize(40)
                .map(parts -> String.join("", parts));
        Arbitrary<String> wall = Arbitraries.of("/history ", "/promote staging ", "", "<b>")
                .map(start -> (start + "&<b>".repeat(1100)).substring(0, 4096));
        return Arbitraries.frequencyOf(Tuple.of(7, command), Tuple.of(3, anything),
                Tuple.of(1, wall)).map(text -> text.isEmpty() ? " " : text);
    }

    private ObjectNode message(Draft draft) {
        Sender sender = draft.sender();
        Chat chat = draft.chat();
        String text = draft.text();
        int extra = draft.extra();
        ObjectNode message = json.createObjectNode();
        message.put("message_id", messageIds.incrementAndGet());
        message.put("date", 1764200000);
        message.set("chat", chat(chat));
        message.set("from", user(sender));
        message.put("text", text);
        if (sender.id() == GROUP_ANONYMOUS_BOT || sender.id() == TELEGRAM_SERVICE) {
            ObjectNode senderChat = json.createObjectNode();
            senderChat.put("id", sender.id() == GROUP_ANONYMOUS_BOT ? chat.id() : Cast.CHANNEL);
            senderChat.put("type", sender.id() == GROUP_ANONYMOUS_BOT ? chat.type() : "channel");
            senderChat.put("title", "As a chat");
            message.set("sender_chat", senderChat);
            message.put("is_automatic_forward", sender.id() == TELEGRAM_SERVICE);
        }
        if (text.startsWith("/") && extra < 6) { // the entity Telegram adds, sometimes with a wrong length
            ArrayNode entities = message.putArray("entities");
            int end = text.indexOf(' ');
            entities.addObject().put("type", "bot_command").put("offset", 0)
                    .put("length", extra == 5 ? text.length() + 10 : end < 0 ? text.length() : end);
        }
        if (extra == 7) {
            message.putArray("entities").addObject().put("type", "text_link").put("offset", 0).put("length", 1)
                    .put("url", "https://evil.example");
        }
        if (extra == 8) {
            ObjectNode reply = json.createObjectNode();
            reply.put("message_id", Math.max(1, messageIds.get() - 3));
            reply.put("date", 1764199000);
            reply.set("chat", chat(chat));
            reply.put("text", "Promotion request #1");
            message.set("reply_to_message", reply);
        }
        if (extra == 9) {
            ObjectNode origin = message.putObject("forward_origin");
            origin.put("type", "user").put("date", 1764100000);
            origin.set("sender_user", user(sender(Cast.DEPLOYER)));
        }
        return message;
    }

    private ObjectNode user(Sender sender) {
        ObjectNode user = json.createObjectNode();
        user.put("id", sender.id());
        user.put("is_bot", sender.isBot());
        user.put("first_name", sender.firstName());
        sender.lastName().ifPresent(last -> user.put("last_name", last));
        sender.username().ifPresent(username -> user.put("username", username));
        return user;
    }

    private ObjectNode chat(Chat chat) {
        ObjectNode node = json.createObjectNode();
        node.put("id", chat.id());
        node.put("type", chat.type());
        if (chat.type().equals("private")) {
            node.put("first_name", "Someone");
        } else {
            node.put("title", "A group");
        }
        return node;
    }

    private ObjectNode wrap(String type, ObjectNode body) {
        ObjectNode update = json.createObjectNode();
        update.set(type, body);
        return update;
    }

    private long count(String sql, Object... params) {
        return db.one(sql, rs -> rs.getLong(1), params).orElse(0L);
    }
}
