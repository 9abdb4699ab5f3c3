package dev.promobot.telegram;

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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import static dev.promobot.Cast.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A command's effects and its "processed" mark commit together, so no failure makes a command run twice. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class ExactlyOnceTest {

    @Inject
    Db db;

    private final Conversation team = Conversation.team();

    @AfterEach
    void unlock() {
        db.update("ALTER TABLE inbox DROP CONSTRAINT IF EXISTS fails_marking_processed");
        db.update("ALTER TABLE environment_lock DROP CONSTRAINT IF EXISTS refuses_dev");
        db.update("DELETE FROM environment_lock");
    }

    @Test
    void aDatabaseFailureAfterACommandsEffectsRollsThemBackAndTheRetryRunsItOnce() {
        // From now on the "processed" mark fails, after the command has made its changes in the same transaction.
        String now = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
                .format(Instant.now().atOffset(ZoneOffset.UTC));
        db.update("ALTER TABLE inbox ADD CONSTRAINT fails_marking_processed CHECK (processed_at IS NULL OR "
                + "processed_at < TIMESTAMP WITH TIME ZONE '" + now + "')");
        SentMessage lock = team.says(ADMIN, "/lock dev investigating");
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(lock) >= 1);

        assertThat(lockCount()).as("the lock was rolled back with the failed mark").isZero();
        assertThat(team.reply(lock)).as("and so was its answer").isEmpty();

        db.update("ALTER TABLE inbox DROP CONSTRAINT fails_marking_processed");
        SentMessage answer = team.replyTo(lock);

        assertThat(answer.text()).contains("<b>dev</b> is locked");
        assertThat(lockCount()).isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> repliesTo(lock) == 1);
        assertThat(db.one("SELECT COUNT(*) FROM audit_event WHERE command = 'lock' AND text = ?",
                rs -> rs.getLong(1), lock.text()).orElseThrow()).as("audited once").isEqualTo(1);
    }

    @Test
    void aCommandThatFailsEveryAttemptChangesNothingAndIsAnsweredOnceWithAnError() {
        db.update("ALTER TABLE environment_lock ADD CONSTRAINT refuses_dev CHECK (environment <> 'dev')");
        SentMessage lock = team.says(ADMIN, "/lock dev doomed");

        SentMessage answer = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> team.reply(lock), Optional::isPresent).orElseThrow();

        assertThat(answer.text()).matches("⚠️ Something went wrong on promobot's side \\(reference E[0-9A-Z]+-3\\); "
                + "the details are in its log\\.");
        assertThat(answer.text()).doesNotContain("refuses_dev", "constraint", "Exception");
        assertThat(attempts(lock)).as("three attempts, then given up").isEqualTo(3);
        assertThat(lockCount()).isZero();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> repliesTo(lock) == 1);
        assertThat(db.list("SELECT outcome FROM audit_event WHERE text = ?", rs -> rs.getString(1), lock.text()))
                .as("only the failure is audited: the attempts left nothing").containsExactly("failed");
        String reference = answer.text().replaceAll(".*\\(reference ([^)]+)\\).*", "$1");
        assertThat(db.list("SELECT detail FROM audit_event WHERE text = ?", rs -> rs.getString(1), lock.text()))
                .as("the audit trail names the reference, not the error").containsExactly(
                        "internal error, reference " + reference);
        SentMessage history = team.says(ADMIN, "/history 5");
        assertThat(team.replyTo(history).text()).contains(reference).doesNotContainIgnoringCase("refuses_dev")
                .doesNotContainIgnoringCase("constraint");
    }

    private int attempts(SentMessage message) {
        return db.one("SELECT attempts FROM inbox WHERE chat_id = ? AND payload LIKE ?", rs -> rs.getInt(1),
                message.chatId(), "%\"message_id\":" + message.messageId() + ",%").orElse(0);
    }

    private long lockCount() {
        return db.one("SELECT COUNT(*) FROM environment_lock WHERE environment = 'dev'", rs -> rs.getLong(1))
                .orElseThrow();
    }

    private long repliesTo(SentMessage message) {
        return team.botMessages().stream()
                .filter(reply -> reply.replyToMessageId().equals(Optional.of(message.messageId()))).count();
    }
}
