package dev.promobot.chat;

import dev.promobot.Conversation;
import dev.promobot.StandIns;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.promobot.Cast.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When AWS refuses promobot, the command that asked is answered with what AWS said, at its first attempt: the
 * reads /status makes side by side all end before its transaction does, however the failures interleave.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class AwsRefusalTest {

    private static final int ROUNDS = 12;

    @Inject
    Db db;

    @AfterEach
    void allowAwsAgain() {
        StandIns.reseedAws();
    }

    @Test
    void statusWhileAwsDeniesAccessIsAnsweredWithTheReasonAtTheFirstAttemptEveryTime() {
        // Three team chats in turn, so Telegram's 20 messages a minute per group do not pace the answers.
        List<Conversation> chats = List.of(Conversation.team(), Conversation.team(), Conversation.team());
        StandIns.aws().denyAccess(true);
        // Of the three environments' reads, one is refused at once and the other two late, as a slow region would.
        AtomicInteger reads = new AtomicInteger();
        StandIns.aws().afterServing("GetFunction", () -> {
            if (reads.getAndIncrement() % 3 != 0) {
                sleep(Duration.ofMillis(400));
            }
        });

        for (int round = 0; round < ROUNDS; round++) {
            Conversation team = chats.get(round % chats.size());
            SentMessage status = team.says(VIEWER, "/status");
            assertThat(team.replyTo(status).text()).as("round %d", round)
                    .contains("AWS denied promobot access").doesNotContain("Something went wrong");
        }

        for (Conversation team : chats) {
            assertThat(db.one("SELECT MAX(attempts) FROM inbox WHERE chat_id = ?", rs -> rs.getInt(1),
                    team.chatId())).as("no update needed a second attempt").contains(0);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
