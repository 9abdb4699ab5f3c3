package dev.promobot.promotion;

import dev.promobot.rules.Freeze;
import dev.promobot.store.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * The stop-the-line freeze in the database, shared by every replica: one freezes every service, another only one
 * service; at most one is in force per scope, and one vote per person lifts it, counted under a lock on the
 * freeze's row so that two people voting at once lift it once.
 */
@ApplicationScoped
public class Freezes {

    /**
     * A freeze in force as stored: its id, the service it holds for (empty: every service), what the rules see,
     * and the announcement pinned for it.
     */
    public record StoredFreeze(long id, Optional<String> service, Freeze freeze, List<String> unfreezeVoterNames,
                               Optional<Long> chatId,
                               Optional<Long> outboxId) {
    }

    /** What a vote to lift the freeze came to, decided by the database. */
    public sealed interface Vote {
    }

    public record NotFrozen() implements Vote {
    }

    public record AlreadyVoted() implements Vote {
    }

    /** Counted; {@code votes} of {@link Freeze#VOTES_TO_LIFT} so far. */
    public record MoreNeeded(int votes) implements Vote {
    }

    /** The last vote needed: the freeze is lifted. */
    public record Lifted(StoredFreeze freeze, List<String> by) implements Vote {
    }

    private final Db db;
    private final Clock clock;

    Freezes(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The freeze in force for exactly this scope: one service, or (empty) every service. */
    public Optional<StoredFreeze> current(Optional<String> service) {
        return db.one("SELECT * FROM promotion_freeze WHERE in_force = ?", Freezes::row, scope(service))
                .map(this::withVotes);
    }

    /** The freeze that holds for the service: the one of every service first, else its own. */
    public Optional<StoredFreeze> holding(String service) {
        // Both scopes in one statement, since every command reads it; the freeze of every service wins.
        return db.one("SELECT * FROM promotion_freeze WHERE in_force IN (?, ?) "
                        + "ORDER BY CASE WHEN in_force = ? THEN 0 ELSE 1 END LIMIT 1", Freezes::row,
                scope(Optional.empty()), service, scope(Optional.empty())).map(this::withVotes);
    }

    /** Every freeze in force, the one of every service first. */
    public List<StoredFreeze> inForce() {
        return db.list("SELECT * FROM promotion_freeze WHERE in_force IS NOT NULL ORDER BY service NULLS FIRST, id",
                Freezes::row).stream().map(this::withVotes).toList();
    }

    /** Freezes every promotion of one service, or of every service; empty when that freeze is in force already. */
    public Optional<StoredFreeze> freeze(Optional<String> service, long userId, String userName, String reason) {
        // Guarded rather than left to the unique key: a failed statement would end the caller's transaction. Two
        // replicas racing past the guard still meet the key, and the loser's update is processed again.
        int inserted = db.update("INSERT INTO promotion_freeze "
                + "(service, in_force, frozen_by_user_id, frozen_by_name, frozen_at, reason) "
                + "SELECT ?, ?, ?, ?, ?, ? FROM (VALUES (0)) one WHERE NOT EXISTS "
                + "(SELECT 1 FROM promotion_freeze WHERE in_force = ?)", service, scope(service), userId, userName,
                clock.instant(), reason, scope(service));
        return inserted == 1 ? current(service) : Optional.empty();
    }

    /** The unique key's value while a freeze holds: its service, or * for every service (no service is named *). */
    private static String scope(Optional<String> service) {
        return service.orElse("*");
    }

    /** Remembers the announcement to unpin when the freeze is lifted. */
    public void attachAnnouncement(long freezeId, long chatId, long outboxId) {
        db.update("UPDATE promotion_freeze SET chat_id = ?, outbox_id = ? WHERE id = ?", chatId, outboxId,
                freezeId);
    }

    /**
     * Records one person's vote to lift the freeze and decides, in the same transaction and under a lock on the
     * freeze's row, whether it was the last one needed; the last one lifts it.
     *
     * @param stillMay whether a voter still holds a role that may lift it: only their votes count
     */
    public Vote voteToLift(Optional<String> service, long userId, String userName, LongPredicate stillMay) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<Long> id = db.one("SELECT id FROM promotion_freeze WHERE in_force = ? FOR UPDATE",
                    rs -> rs.getLong(1), scope(service));
            if (id.isEmpty()) {
                return new NotFrozen();
            }
            int inserted = db.update("INSERT INTO unfreeze_vote (freeze_id, user_id, user_name, voted_at) "
                            + "SELECT ?, ?, ?, ? FROM (VALUES (0)) one WHERE NOT EXISTS "
                            + "(SELECT 1 FROM unfreeze_vote WHERE freeze_id = ? AND user_id = ?)",
                    id.get(), userId, userName, clock.instant(), id.get(), userId);
            if (inserted == 0) {
                return new AlreadyVoted();
            }
            StoredFreeze stored = current(service).orElseThrow();
            int votes = (int) stored.freeze().unfreezeVoterIds().stream().filter(stillMay::test).count();
            if (votes < Freeze.VOTES_TO_LIFT) {
                return new MoreNeeded(votes);
            }
            db.update("UPDATE promotion_freeze SET in_force = NULL, lifted_at = ? WHERE id = ? "
                    + "AND in_force IS NOT NULL", clock.instant(), id.get());
            return new Lifted(stored, stored.unfreezeVoterNames());
        });
    }

    private record Row(long id, Optional<String> service, long by, String byName, java.time.Instant at, String reason,
                       Optional<Long> chatId,
                       Optional<Long> outboxId) {
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong("id"), Optional.ofNullable(rs.getString("service")),
                rs.getLong("frozen_by_user_id"), rs.getString("frozen_by_name"), Db.instant(rs, "frozen_at"),
                rs.getString("reason"), Db.optionalLong(rs, "chat_id"), Db.optionalLong(rs, "outbox_id"));
    }

    /** The votes are read after the freeze's own statement has closed. */
    private StoredFreeze withVotes(Row row) {
        record Voter(long id, String name) {
        }
        List<Voter> voters = db.list("SELECT user_id, user_name FROM unfreeze_vote WHERE freeze_id = ? "
                + "ORDER BY voted_at, user_id", rs -> new Voter(rs.getLong(1), rs.getString(2)), row.id());
        Freeze freeze = new Freeze(row.by(), row.byName(), row.at(), row.reason(),
                voters.stream().map(Voter::id).toList());
        return new StoredFreeze(row.id(), row.service(), freeze, voters.stream().map(Voter::name).toList(),
                row.chatId(),
                row.outboxId());
    }
}
