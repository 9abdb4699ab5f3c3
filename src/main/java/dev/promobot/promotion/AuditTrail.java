package dev.promobot.promotion;

import dev.promobot.rules.Actor;
import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The append-only audit trail: everything people asked for and what came of it, refusals included. */
@ApplicationScoped
public class AuditTrail {

    /** One entry. */
    public record Event(long id, Instant at, Optional<Long> userId, String userName, Optional<Long> chatId,
                        String command, String text, Optional<String> environment, AuditOutcome outcome,
                        String detail) {
    }

    private final Db db;
    private final Clock clock;

    AuditTrail(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public void record(Optional<Long> userId, String userName, Optional<Long> chatId, String command, String text,
                       Optional<String> environment, AuditOutcome outcome, String detail) {
        db.insert("INSERT INTO audit_event (at, user_id, user_name, chat_id, command, text, environment, outcome, "
                        + "detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                clock.instant(), userId, truncate(userName, 256), chatId, truncate(command, 64), truncate(text, 4096),
                environment, outcome.dbValue(), detail);
    }

    /** What a person's action came to, with where it came from. */
    public void record(Actor actor, Origin origin, Optional<String> environment, AuditOutcome outcome,
                       String detail) {
        record(Optional.of(actor.userId()), actor.name(), Optional.of(origin.chatId()), origin.command(),
                origin.text(), environment, outcome, detail);
    }

    /** A refusal: the rules' reasons in one line. */
    public Refusal refused(Actor actor, Origin origin, Optional<String> environment, Refusal refusal) {
        record(actor, origin, environment, AuditOutcome.REFUSED, refusal.sentences());
        return refusal;
    }

    /** The newest entries first, optionally only those about one environment. */
    public List<Event> recent(Optional<String> environment, int limit) {
        String where = environment.isPresent() ? " WHERE environment = ?" : "";
        Object[] params = environment.isPresent() ? new Object[] {environment.get(), limit} : new Object[] {limit};
        return db.list("SELECT * FROM audit_event" + where + " ORDER BY at DESC, id DESC LIMIT ?",
                rs -> new Event(rs.getLong("id"), Db.instant(rs, "at"), Db.optionalLong(rs, "user_id"),
                        rs.getString("user_name"), Db.optionalLong(rs, "chat_id"), rs.getString("command"),
                        rs.getString("text"), Optional.ofNullable(rs.getString("environment")),
                        AuditOutcome.ofDbValue(rs.getString("outcome")), rs.getString("detail")), params);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
