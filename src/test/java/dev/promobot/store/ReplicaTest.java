package dev.promobot.store;

import dev.promobot.Cast;
import dev.promobot.StandIns;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Two replicas on one database: each inbox row, outbox message and job slot goes to one of them. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class ReplicaTest {

    @Inject
    Db db;

    private long queuedMessage() {
        return db.insert("INSERT INTO outbox (chat_id, text, created_at, next_attempt_at) VALUES (?, ?, ?, ?)",
                Cast.TEAM_CHAT, "hello", Instant.now(), Instant.now().plusSeconds(3600));
    }

    @Test
    void aMessageClaimedByOneReplicaIsNotTakenByAnotherUntilTheLeaseRunsOut() {
        long message = queuedMessage();
        Replica first = new Replica(db, Clock.systemUTC());
        Replica second = new Replica(db, Clock.systemUTC());
        Replica later = new Replica(db, Clock.fixed(Instant.now().plus(Replica.LEASE).plusSeconds(1), ZoneOffset.UTC));

        assertThat(first.claim("outbox", "id", message)).isTrue();
        assertThat(first.claim("outbox", "id", message)).as("its own claim again").isTrue();
        assertThat(second.claim("outbox", "id", message)).isFalse();
        assertThat(later.claim("outbox", "id", message)).as("after the first replica's lease").isTrue();
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
