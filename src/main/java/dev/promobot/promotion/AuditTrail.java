package dev.promobot.promotion;

import dev.promobot.rules.Actor;
import dev.promobot.rules.Service;
import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The append-only audit trail: everything people asked for and what came of it, refusals included. */
@ApplicationScoped
public class AuditTrail {

    /** One entry. */
    public record Event(long id, Instant at, Optional<Long> userId, String userName, Optional<Long> chatId,
                        String command, String text, Optional<String> service, Optional<String> environment,
                        AuditOutcome outcome, String detail) {
    }

    private final Db db;
    private final Clock clock;

    AuditTrail(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * @param service     the service the event is about; empty for one about none (/whoami, a stranger)
     * @param environment the environment it is about, within that service
     */
    public void record(Optional<Long> userId, String userName, Optional<Long> chatId, String command, String text,
                       Optional<String> service, Optional<String> environment, AuditOutcome outcome, String detail) {
        db.insert("INSERT INTO audit_event (at, user_id, user_name, chat_id, command, text, service, environment, "
                        + "outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                clock.instant(), userId, truncate(userName, 256), chatId, truncate(command, 64), truncate(text, 4096),
                service, environment, outcome.dbValue(), detail);
    }

    /** What a person's action came to, with where it came from. */
    public void record(Actor actor, Origin origin, Optional<String> service, Optional<String> environment,
                       AuditOutcome outcome, String detail) {
        record(Optional.of(actor.userId()), actor.name(), Optional.of(origin.chatId()), origin.command(),
                origin.text(), service, environment, outcome, detail);
    }

    /** What a person's action about one of the service's environments came to. */
    public void record(Actor actor, Origin origin, Service service, String environment, AuditOutcome outcome,
                       String detail) {
        record(actor, origin, Optional.of(service.name()), Optional.of(environment), outcome, detail);
    }

    /** A refusal: the rules' reasons in one line. */
    public Refusal refused(Actor actor, Origin origin, Optional<String> service, Optional<String> environment,
                           Refusal refusal) {
        record(actor, origin, service, environment, AuditOutcome.REFUSED, refusal.sentences());
        return refusal;
    }

    /** A refusal of an action about one of the service's environments. */
    public Refusal refused(Actor actor, Origin origin, Service service, String environment, Refusal refusal) {
        return refused(actor, origin, Optional.of(service.name()), Optional.of(environment), refusal);
    }

    /** The newest entries first, optionally only those about one service, or one environment of it. */
    public List<Event> recent(Optional<String> service, Optional<String> environment, int limit) {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        service.ifPresent(name -> {
            conditions.add("service = ?");
            params.add(name);
        });
        environment.ifPresent(name -> {
            conditions.add("environment = ?");
            params.add(name);
        });
        params.add(limit);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return db.list("SELECT * FROM audit_event" + where + " ORDER BY at DESC, id DESC LIMIT ?", AuditTrail::event,
                params.toArray());
    }

    /** The newest entries after {@code since} with one of those outcomes, at most {@code limit}. */
    public List<Event> since(Instant since, Set<AuditOutcome> outcomes, int limit) {
        List<Object> params = new ArrayList<>(List.of(since));
        outcomes.forEach(outcome -> params.add(outcome.dbValue()));
        params.add(limit);
        return db.list("SELECT * FROM audit_event WHERE at > ? AND outcome IN (" + placeholders(outcomes.size())
                + ") ORDER BY at DESC, id DESC LIMIT ?", AuditTrail::event, params.toArray());
    }

    /** How many entries after {@code since} had that outcome, for any of those commands (any command if none). */
    public long count(Instant since, AuditOutcome outcome, String... commands) {
        List<Object> params = new ArrayList<>(List.of(since, outcome.dbValue()));
        params.addAll(List.of(commands));
        String ofCommands = commands.length == 0 ? "" : " AND command IN (" + placeholders(commands.length) + ")";
        return db.one("SELECT COUNT(*) FROM audit_event WHERE at > ? AND outcome = ?" + ofCommands,
                rs -> rs.getLong(1), params.toArray()).orElse(0L);
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static Event event(ResultSet rs) throws SQLException {
        return new Event(rs.getLong("id"), Db.instant(rs, "at"), Db.optionalLong(rs, "user_id"),
                rs.getString("user_name"), Db.optionalLong(rs, "chat_id"), rs.getString("command"),
                rs.getString("text"), Optional.ofNullable(rs.getString("service")),
                Optional.ofNullable(rs.getString("environment")),
                AuditOutcome.ofDbValue(rs.getString("outcome")), rs.getString("detail"));
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
