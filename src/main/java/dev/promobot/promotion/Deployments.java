package dev.promobot.promotion;

import dev.promobot.rules.Digest;
import dev.promobot.rules.Image;
import dev.promobot.rules.InFlight;
import dev.promobot.rules.PastDeployment;
import dev.promobot.store.Db;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment records. A deployment is recorded before Lambda is called and finished after it, so a crash leaves
 * an in-progress record to reconcile rather than a change nobody knows about. The database allows one deployment
 * in flight per environment (a unique column), which holds across replicas.
 */
@ApplicationScoped
public class Deployments {

    public enum Kind { PROMOTE, ROLLBACK, OBSERVED }

    public enum Status { IN_PROGRESS, SUCCEEDED, FAILED, RESTORED }

    /** One deployment record. */
    public record Deployment(long id, String environment, Optional<String> tag, Digest digest,
                             Optional<String> previousTag, Optional<String> previousDigest, Kind kind,
                             Optional<Long> actorId, String actorName, Status status, Instant startedAt,
                             Optional<Instant> finishedAt, Optional<String> error) {
    }

    private final Db db;
    private final Clock clock;

    Deployments(Db db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Records the start of a deployment, or returns empty when another one is already in flight for the environment
     * (whoever started it, on whichever replica).
     */
    public Optional<Long> start(String environment, List<String> functions, Image image, Optional<Image> previous,
                                Kind kind, long actorId, String actorName) {
        try {
            return Optional.of(db.insert("INSERT INTO deployment (environment, functions, tag, digest, git_sha, "
                            + "previous_tag, previous_digest, kind, actor_id, actor_name, status, started_at, "
                            + "in_flight_environment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?)",
                    environment, String.join(",", functions), image.label(), image.digest().value(),
                    image.imageTag().map(tag -> tag.gitSha()), previous.map(Image::label),
                    previous.map(p -> p.digest().value()), kind.name().toLowerCase(Locale.ROOT), actorId, actorName,
                    clock.instant(), environment));
        } catch (Db.StoreException e) {
            if (e.isUniqueViolation()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public void finish(long id, Status status, Optional<String> error) {
        db.update("UPDATE deployment SET status = ?, finished_at = ?, error = ?, in_flight_environment = NULL "
                + "WHERE id = ?", status.name().toLowerCase(Locale.ROOT), clock.instant(), error, id);
    }

    /** Deployments running now, by environment. */
    public Map<String, InFlight> inFlight() {
        Map<String, InFlight> running = new LinkedHashMap<>();
        db.list("SELECT environment, actor_id, actor_name, started_at FROM deployment "
                        + "WHERE in_flight_environment IS NOT NULL",
                rs -> new InFlight(rs.getString("environment"), rs.getLong("actor_id"), rs.getString("actor_name"),
                        Db.instant(rs, "started_at")))
                .forEach(flight -> running.put(flight.environment(), flight));
        return running;
    }

    /** What each environment ran, newest first: the succeeded and observed deployments. */
    public Map<String, List<PastDeployment>> history(List<String> environments) {
        Map<String, List<PastDeployment>> history = new LinkedHashMap<>();
        for (String environment : environments) {
            history.put(environment, db.list("SELECT environment, digest, tag, finished_at FROM deployment "
                            + "WHERE environment = ? AND status = 'succeeded' ORDER BY finished_at DESC, id DESC "
                            + "LIMIT 100",
                    rs -> new PastDeployment(rs.getString("environment"),
                            Digest.parse(rs.getString("digest")).value().orElseThrow(),
                            rs.getString("tag"), Db.instant(rs, "finished_at")), environment));
        }
        return history;
    }

    /** The newest succeeded deployment of the environment, for "deployed when and by whom". */
    public Optional<Deployment> latest(String environment) {
        return db.one("SELECT * FROM deployment WHERE environment = ? AND status = 'succeeded' "
                + "ORDER BY finished_at DESC, id DESC LIMIT 1", Deployments::map, environment);
    }

    private static Deployment map(ResultSet rs) throws SQLException {
        return new Deployment(rs.getLong("id"), rs.getString("environment"),
                Optional.ofNullable(rs.getString("tag")), Digest.parse(rs.getString("digest")).value().orElseThrow(),
                Optional.ofNullable(rs.getString("previous_tag")), Optional.ofNullable(rs.getString("previous_digest")),
                Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)), Db.optionalLong(rs, "actor_id"),
                rs.getString("actor_name"), Status.valueOf(rs.getString("status").toUpperCase(Locale.ROOT)),
                Db.instant(rs, "started_at"), Db.optionalInstant(rs, "finished_at"),
                Optional.ofNullable(rs.getString("error")));
    }
}
