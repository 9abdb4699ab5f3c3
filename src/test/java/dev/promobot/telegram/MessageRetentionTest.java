package dev.promobot.telegram;

import dev.promobot.StandIns;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Handled traffic is deleted by age; what is still to do, and the audit trail, are kept. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class MessageRetentionTest {

    /** A chat no other test writes to, so its rows are this test's. */
    private static final long CHAT = 4_242_424_242L;

    @Inject
    Db db;

    @Inject
    MessageRetention retention;

    private final Instant now = Instant.now();
    private final Instant old = now.minus(Duration.ofDays(15));
    private final Instant recent = now.minus(Duration.ofDays(1));

    @AfterEach
    void removeRows() {
        db.update("DELETE FROM inbox WHERE chat_id = ?", CHAT);
        db.update("DELETE FROM outbox WHERE chat_id = ? AND edit_of_outbox_id IS NOT NULL", CHAT);
        db.update("DELETE FROM outbox WHERE chat_id = ?", CHAT);
        db.update("DELETE FROM outside_message WHERE chat_id = ?", CHAT);
    }

    @Test
    void handledTrafficOlderThanTheRetentionIsDeletedAndWhatIsStillToDoIsKept() {
        update(900_000_001L, old, old);
        update(900_000_002L, old, null); // never processed: kept, whatever its age
        update(900_000_003L, recent, recent);
        long sentLongAgo = message(old, null);
        message(old, sentLongAgo); // its edit, as old
        long unsent = message(null, null);
        long sentYesterday = message(recent, null);
        long editedYesterday = message(old, null);
        long recentEdit = message(recent, editedYesterday);
        outsideCount(1, old);
        outsideCount(2, recent);
        long auditRows = count("SELECT COUNT(*) FROM audit_event");

        MessageRetention.Deleted deleted = retention.deleteOlderThan(now.minus(Duration.ofDays(14)));

        assertThat(db.list("SELECT update_id FROM inbox WHERE chat_id = ? ORDER BY update_id",
                rs -> rs.getLong(1), CHAT)).containsExactly(900_000_002L, 900_000_003L);
        assertThat(db.list("SELECT id FROM outbox WHERE chat_id = ? ORDER BY id", rs -> rs.getLong(1), CHAT))
                .as("an old message a kept edit refers to stays with it")
                .containsExactly(unsent, sentYesterday, editedYesterday, recentEdit);
        assertThat(db.list("SELECT user_id FROM outside_message WHERE chat_id = ?", rs -> rs.getLong(1), CHAT))
                .as("the hourly counts of outside messages").containsExactly(2L);
        assertThat(deleted.updates()).isGreaterThanOrEqualTo(1);
        assertThat(deleted.outsideCounts()).isGreaterThanOrEqualTo(1);
        assertThat(deleted.messages()).isGreaterThanOrEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM audit_event")).as("the audit trail is never deleted")
                .isEqualTo(auditRows);
    }

    @Test
    void aDaysRunHappensOnceAcrossReplicas() {
        assertThat(retention.runOnce("2031-01-01")).isTrue();
        assertThat(retention.runOnce("2031-01-01")).as("claimed already, by this or another replica").isFalse();
    }

    /** An hour's count of messages an outsider sent in {@link #CHAT}. */
    private void outsideCount(long userId, Instant at) {
        db.update("INSERT INTO outside_message (chat_id, user_id, hour_start, user_name, messages, last_text, last_at) "
                + "VALUES (?, ?, ?, 'Someone', 3, '/whoami', ?)", CHAT, userId, at, at);
    }

    /** An update of {@link #CHAT}; an unprocessed one is held by another replica so nobody processes it here. */
    private void update(long updateId, Instant received, Instant processed) {
        db.update("INSERT INTO inbox (update_id, chat_id, received_at, payload, processed_at, outcome, claimed_by, "
                        + "claimed_until) VALUES (?, ?, ?, '{}', ?, ?, ?, ?)", updateId, CHAT, received,
                processed, processed == null ? null : "handled: /status",
                processed == null ? "elsewhere" : null, processed == null ? now.plus(Duration.ofDays(1)) : null);
    }

    /** A message to {@link #CHAT}; an unsent one is held by another replica so it is not sent from here. */
    private long message(Instant sent, Long editOf) {
        return db.insert("INSERT INTO outbox (chat_id, text, edit_of_outbox_id, created_at, next_attempt_at, "
                        + "sent_at, message_id, claimed_by, claimed_until) VALUES (?, 'hello', ?, ?, ?, ?, ?, ?, ?)",
                CHAT, editOf, old, old, sent,
                sent == null ? null : 7L, sent == null ? "elsewhere" : null,
                sent == null ? now.plus(Duration.ofDays(1)) : null);
    }

    private long count(String sql) {
        return db.one(sql, rs -> rs.getLong(1)).orElseThrow();
    }
}
