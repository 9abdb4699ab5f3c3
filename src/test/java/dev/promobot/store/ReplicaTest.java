package dev.promobot.store;

import dev.promobot.StandIns;
import dev.promobot.telegram.Outbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replicas on one database: each outbox message and job slot goes to one of them. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class ReplicaTest {

    @Inject
    Db db;

    @Inject
    Outbox outbox;

    /** A chat of this test's own. */
    private static final long CHAT = 4_343_434_343L;

    /**
     * A message due now that this application's own sender leaves alone: an earlier message of its chat is held
     * by a replica that is not there, so it is never the first of its chat.
     */
    private long queuedMessage() {
        db.insert("INSERT INTO outbox (chat_id, text, created_at, next_attempt_at, claimed_by, claimed_until) "
                + "VALUES (?, 'held', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'elsewhere', CURRENT_TIMESTAMP + "
                + "INTERVAL '1' DAY)", CHAT);
        return db.insert("INSERT INTO outbox (chat_id, text, created_at, next_attempt_at) VALUES (?, ?, "
                + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", CHAT, "hello");
    }

    @AfterEach
    void removeMessages() {
        db.update("DELETE FROM outbox WHERE chat_id = ?", CHAT);
    }

    @Test
    void aMessageClaimedByOneReplicaIsNotTakenByAnotherUntilTheClaimRunsOut() {
        long message = queuedMessage();

        assertThat(outbox.claim(message, "first", Duration.ofMinutes(1))).isTrue();
        assertThat(outbox.claim(message, "second", Duration.ofMinutes(1))).isFalse();
        // The first replica died; a minute on, the database's clock says its claim has run out.
        db.update("UPDATE outbox SET claimed_until = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE id = ?", message);
        assertThat(outbox.claim(message, "second", Duration.ofMinutes(1))).as("after the claim ran out").isTrue();
    }

    @Test
    void aScheduledJobSlotRunsOnOneReplica() {
        Replica first = new Replica(db, Clock.systemUTC());
        Replica second = new Replica(db, Clock.systemUTC());
        String slot = Instant.now().toString().substring(0, 19);

        assertThat(first.claimJob("lifecycle-audit", slot)).isTrue();
        assertThat(second.claimJob("lifecycle-audit", slot)).isFalse();
        assertThat(second.claimJob("lifecycle-audit", slot + "x")).isTrue();
    }
}
