package dev.promobot.chat;

import dev.promobot.Cast.Person;
import dev.promobot.Conversation;
import dev.promobot.StandIns;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * People and chats promobot does not serve can find the bot, but cannot stall the team or bury its audit trail:
 * one answer a minute each, then silence, counted by the hour; the team's chats go first through the inbox and the
 * outbox.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class OutsidersTest {

    @Inject
    Db db;

    @Test
    void aStrangerIsAnsweredOnceAMinuteAndWhatFollowsIsCountedNotAudited() {
        Person stranger = stranger(1);
        Conversation chat = Conversation.privateWith(stranger);

        SentMessage first = chat.says(stranger, "/promote staging");
        chat.says(stranger, "/status");
        chat.says(stranger, "/whoami");
        processedInChat(stranger.id(), 3);

        assertThat(chat.replyTo(first).text()).isEqualTo("/promote is only taken in the team's chat.");
        assertThat(chat.botMessages()).as("one answer in the minute").hasSize(1);
        assertThat(auditRows(stranger)).as("the answered refusal is audited").isEqualTo(1);
        assertThat(countedMessages(stranger.id(), stranger.id())).as("the rest is counted").isEqualTo(2);

        minutePasses(stranger.id(), stranger.id());
        SentMessage later = chat.says(stranger, "/whoami");

        assertThat(chat.replyTo(later).text()).contains("role: none");
        assertThat(chat.botMessages()).hasSize(2);
    }

    @Test
    void aChatThatIsNotConfiguredIsAnsweredOnceAMinuteWhoeverAsks() {
        Conversation foreign = Conversation.group(-100_777_001L);
        Person one = stranger(2);
        Person another = stranger(3);

        SentMessage first = foreign.says(one, "/whoami");
        foreign.says(another, "/whoami");
        foreign.says(DEPLOYER, "/whoami");
        processedInChat(foreign.chatId(), 3);

        assertThat(foreign.replyTo(first).text()).contains("user id: <code>" + one.id() + "</code>");
        assertThat(foreign.botMessages()).hasSize(1);
        assertThat(countedMessages(foreign.chatId(), another.id())).isEqualTo(1);
        assertThat(countedMessages(foreign.chatId(), DEPLOYER.id())).isEqualTo(1);
    }

    @Test
    void peopleWithARoleAreAnsweredEveryTime() {
        Conversation chat = Conversation.privateWith(VIEWER);

        List<SentMessage> asked = IntStream.range(0, 3).mapToObj(i -> chat.says(VIEWER, "/whoami")).toList();

        asked.forEach(message -> assertThat(chat.replyTo(message).text()).contains("role: viewer"));
    }

    /**
     * The target: 1,000 commands from strangers in their private chats and in a foreign group delay a
     * team-chat /status by at most 2 s over what it takes when nobody else writes.
     */
    @Test
    void aThousandCommandsFromOutsideDelayATeamStatusByAtMostTwoSeconds() {
        // A chat each, so Telegram's pace of one message a second per chat does not count in.
        answerTime(Conversation.team()); // warm
        long quiet = answerTime(Conversation.team());
        Conversation foreign = Conversation.group(-100_777_002L);
        List<Person> strangers = IntStream.range(0, 200).mapToObj(i -> stranger(1_000 + i)).toList();

        for (int round = 0; round < 4; round++) {
            for (Person stranger : strangers) {
                Conversation.privateWith(stranger).says(stranger, round % 2 == 0 ? "/whoami" : "/promote prod");
            }
        }
        for (int i = 0; i < 200; i++) {
            foreign.says(strangers.get(i), i % 2 == 0 ? "/whoami" : "/status");
        }
        long flooded = answerTime(Conversation.team());

        assertThat(flooded - quiet).as("delay in ms of a team /status behind 1,000 outside commands (quiet: %d ms)",
                quiet).isLessThanOrEqualTo(2_000);
        await().atMost(Duration.ofSeconds(90)).until(() -> unprocessed() == 0
                && unsent(strangers.get(0).id(), strangers.get(199).id()) == 0 && foreign.botMessages().size() == 1);
        assertThat(strangers).as("one answer each in the minute").allSatisfy(stranger ->
                assertThat(StandIns.telegram().botMessages(stranger.id())).hasSize(1));
        assertThat(foreign.botMessages()).hasSize(1);
        assertThat(db.one("SELECT SUM(messages) FROM outside_message WHERE user_id >= ? AND user_id < ?",
                rs -> rs.getLong(1), stranger(1_000).id(), stranger(1_200).id())).as("the silenced, counted")
                .contains(200L * 3 + 199);
    }

    /** How long a team /status takes to be answered, in milliseconds. */
    private static long answerTime(Conversation team) {
        long start = System.nanoTime();
        team.replyTo(team.says(VIEWER, "/status"));
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    /** Someone with no role; the cast's ids are far from these. */
    private static Person stranger(int n) {
        return new Person(7_000_000L + n, "Stranger" + n, "stranger" + n, Optional.empty());
    }

    private void processedInChat(long chatId, int updates) {
        await().atMost(Duration.ofSeconds(20)).until(() -> db.one("SELECT COUNT(*) FROM inbox WHERE chat_id = ? "
                + "AND processed_at IS NOT NULL", rs -> rs.getLong(1), chatId).orElse(0L) >= updates);
    }

    private long unprocessed() {
        return db.one("SELECT COUNT(*) FROM inbox WHERE processed_at IS NULL", rs -> rs.getLong(1)).orElse(0L);
    }

    /** Messages still to send to the private chats of those people. */
    private long unsent(long fromUserId, long toUserId) {
        return db.one("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND chat_id BETWEEN ? AND ?",
                rs -> rs.getLong(1), fromUserId, toUserId).orElse(0L);
    }

    private long auditRows(Person person) {
        return db.one("SELECT COUNT(*) FROM audit_event WHERE user_id = ?", rs -> rs.getLong(1), person.id())
                .orElse(0L);
    }

    private long countedMessages(long chatId, long userId) {
        return db.one("SELECT COALESCE(SUM(messages), 0) FROM outside_message WHERE chat_id = ? AND user_id = ?",
                rs -> rs.getLong(1), chatId, userId).orElse(0L);
    }

    /** A minute later, as far as the database's clock is concerned. */
    private void minutePasses(long chatId, long userId) {
        db.update("UPDATE outside_answer SET answered_at = answered_at - INTERVAL '61' SECOND WHERE chat_id = ? "
                + "AND user_id = ?", chatId, userId);
    }
}
