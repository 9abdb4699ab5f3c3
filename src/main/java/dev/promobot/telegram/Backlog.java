package dev.promobot.telegram;

import dev.promobot.store.Db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** What waits in the inbox or the outbox: how many, and since when the oldest. */
public record Backlog(long waiting, Optional<Instant> oldest) {

    static final Backlog EMPTY = new Backlog(0, Optional.empty());

    static Backlog read(ResultSet rs) throws SQLException {
        return new Backlog(rs.getLong("waiting"), Db.optionalInstant(rs, "oldest"));
    }

    /** How long the oldest has waited by {@code now}; zero when nothing waits. */
    public Duration age(Instant now) {
        return oldest.map(since -> Duration.between(since, now)).filter(age -> !age.isNegative())
                .orElse(Duration.ZERO);
    }
}
