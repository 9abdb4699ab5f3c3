package dev.promobot.telegram;

import dev.promobot.Cast;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox as Telegram sees it: each chat's messages in order, once, within its limits, newest edit last. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class OutboxOrderTest {

    @Inject
    Outbox outbox;

    @Inject
    Db db;

    @Test
    void anEditThatKeepsFailingNeverLandsAfterALaterEditOfTheSameMessage() {
        long chat = Cast.DEPLOYER.id();
        StandIns.telegram().userSends(chat, "private", Cast.DEPLOYER.user(), "hello");
        long request = outbox.send(chat, "Promote to prod?", Optional.empty(), Optional.empty());
        SentMessage sent = await().atMost(Duration.ofSeconds(10)).until(() -> last(chat, "Promote to prod?"),
                Optional::isPresent).orElseThrow();
        int edits = StandIns.telegram().requestCount("editMessageText");
        for (int i = 0; i < 3; i++) {
            StandIns.telegram().failNext("editMessageText", 502, "Bad Gateway");
        }

        outbox.edit(request, chat, "deploying…", Optional.empty());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> StandIns.telegram().requestCount("editMessageText") > edits);
        outbox.edit(request, chat, "✅ deployed", Optional.empty());

        await().atMost(Duration.ofSeconds(20)).until(() -> text(chat, sent).equals("✅ deployed"));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                .until(() -> text(chat, sent).equals("✅ deployed"));
        assertThat(StandIns.telegram().message(chat, sent.messageId()).orElseThrow().editCount())
                .as("the failed edit was superseded, not sent after the final one").isEqualTo(1);
    }

    @Test
    void aStormOf429sDeliversEveryMessageOnceAndInOrder() {
        long chat = Cast.APPROVER.id();
        StandIns.telegram().userSends(chat, "private", Cast.APPROVER.user(), "hello");
        int before = sendsTo(chat);
        int earlier = StandIns.telegram().botMessages(chat).size(); // other tests' answers in this private chat
        StandIns.telegram().tooManyRequests("sendMessage", chat, 5, 2);

        List<String> texts = IntStream.rangeClosed(1, 6).mapToObj(i -> "storm message " + i).toList();
        texts.forEach(text -> outbox.send(chat, text, Optional.empty(), Optional.empty()));

        await().atMost(Duration.ofSeconds(40))
                .until(() -> StandIns.telegram().botMessages(chat).size() >= earlier + 6);
        List<SentMessage> all = StandIns.telegram().botMessages(chat);
        assertThat(all.subList(earlier, all.size())).extracting(SentMessage::text).containsExactlyElementsOf(texts);
        assertThat(sendsTo(chat) - before).as("6 delivered, 5 refused")
                .isEqualTo(11);
    }

    @Test
    void sendsRecordedByAnotherReplicaCountTowardsAGroupsMinute() {
        // A team chat nothing was sent to in the last minute, so only the rows below count.
        long group = Cast.teamChats().stream().filter(chat -> db.one("SELECT COUNT(*) FROM outbox WHERE chat_id = ? "
                + "AND (sent_at IS NULL OR sent_at > CURRENT_TIMESTAMP - INTERVAL '60' SECOND)", rs -> rs.getLong(1),
                chat).orElse(0L) == 0).findFirst().orElseThrow();
        // Twenty messages to the group in the last minute, as another replica would have recorded them.
        for (int i = 0; i < Outbox.GROUP_PER_MINUTE; i++) {
            db.update("INSERT INTO outbox (chat_id, text, created_at, next_attempt_at, sent_at, message_id) "
                    + "VALUES (?, 'earlier', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
                    + "CURRENT_TIMESTAMP - INTERVAL '57' SECOND, 1)", group);
        }
        outbox.send(group, "the twenty-first", Optional.empty(), Optional.empty());

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(2))
                .until(() -> last(group, "the twenty-first").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> last(group, "the twenty-first").isPresent());
    }

    private static Optional<SentMessage> last(long chat, String text) {
        return StandIns.telegram().botMessages(chat).stream().filter(m -> m.text().equals(text)).findFirst();
    }

    private static int sendsTo(long chat) {
        return (int) StandIns.telegram().requests("sendMessage").stream()
                .filter(params -> String.valueOf(chat).equals(String.valueOf(params.get("chat_id")))).count();
    }

    private static String text(long chat, SentMessage message) {
        return StandIns.telegram().message(chat, message.messageId()).orElseThrow().text();
    }
}
