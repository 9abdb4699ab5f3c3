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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment records. A deployment is recorded before Lambda is called and finished after it, so a crash leaves
 * an in-progress record to reconcile rather than a change nobody knows about. The database allows one deployment
 * in flight per environment (a unique column), which holds across replicas.
 */
@ApplicationScoped
public class Deployments {

    /** One deployment record. */
    public record Deployment(long id, String environment, Optional<String> tag, Digest digest,
                             Optional<String> previousTag, Optional<String> previousDigest, DeploymentKind kind,
                             Optional<Long> actorUserId, String actorName, DeploymentStatus status, Instant startedAt,
                             Optional<Instant> finishedAt, Optional<String> error, Optional<Long> requestId,
                             Optional<Long> chatId, Optional<Long> outboxId) {
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
                                DeploymentKind kind, long actorUserId, String actorName,
                                Optional<Long> requestId) {
        try {
            return Optional.of(db.insert("INSERT INTO deployment (environment, functions, tag, digest, git_sha, "
                            + "previous_tag, previous_digest, kind, actor_user_id, actor_name, status, started_at, "
                            + "in_flight_environment, request_id) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?)",
                    environment, String.join(",", functions), image.label(), image.digest().value(),
                    image.imageTag().map(tag -> tag.gitSha()), previous.map(Image::label),
                    previous.map(p -> p.digest().value()), kind.dbValue(), actorUserId, actorName,
                    clock.instant(), environment, requestId));
        } catch (Db.StoreException e) {
            if (e.isUniqueViolation()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Records a change made outside promobot (CI, the console) as an observed deployment. */
    public long observe(String environment, List<String> functions, Digest digest, Optional<String> tag,
                        Optional<Digest> previous, Optional<String> previousTag) {
        Instant now = clock.instant();
        return db.insert("INSERT INTO deployment (environment, functions, tag, digest, previous_tag, previous_digest, "
                        + "kind, actor_name, status, started_at, finished_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 'outside', 'outside promobot', 'succeeded', ?, ?)",
                environment, String.join(",", functions), tag, digest.value(), previousTag,
                previous.map(Digest::value), now, now);
    }

    /** Remembers the chat message that reports this deployment, for a report after a crash. */
    public void attachMessage(long id, long chatId, long outboxId) {
        db.update("UPDATE deployment SET chat_id = ?, outbox_id = ? WHERE id = ?", chatId, outboxId, id);
    }

    /** Deployments still marked in progress: after a crash, the ones to reconcile. */
    public List<Deployment> inProgress() {
        return db.list("SELECT * FROM deployment WHERE status = 'in_progress' ORDER BY id", Deployments::map);
    }

    public void finish(long id, DeploymentStatus status, Optional<String> error) {
        db.update("UPDATE deployment SET status = ?, finished_at = ?, error = ?, in_flight_environment = NULL "
                + "WHERE id = ?", status.dbValue(), clock.instant(), error, id);
    }

    /** Deployments running now, by environment. */
    public Map<String, InFlight> inFlight() {
        Map<String, InFlight> running = new LinkedHashMap<>();
        db.list("SELECT environment, actor_user_id, actor_name, started_at FROM deployment "
                        + "WHERE in_flight_environment IS NOT NULL",
                rs -> new InFlight(rs.getString("environment"), rs.getLong("actor_user_id"), rs.getString("actor_name"),
                        Db.instant(rs, "started_at")))
                .forEach(flight -> running.put(flight.environment(), flight));
        return running;
    }

    /**
     * What each environment ran, newest first: every image a deployment put there, and the image each deployment
     * replaced (which the environment ran before promobot first changed it).
     */
    public Map<String, List<PastDeployment>> history(List<String> environments) {
        Map<String, List<PastDeployment>> history = new LinkedHashMap<>();
        for (String environment : environments) {
            List<PastDeployment> ran = new ArrayList<>();
            db.list("SELECT * FROM deployment WHERE environment = ? AND status = 'succeeded' "
                    + "ORDER BY finished_at DESC, id DESC LIMIT 100", Deployments::map, environment)
                    .forEach(deployment -> {
                        Instant at = deployment.finishedAt().orElse(deployment.startedAt());
                        ran.add(new PastDeployment(environment, deployment.digest(), deployment.tag().orElse(""), at));
                        deployment.previousDigest().flatMap(d -> Digest.parse(d).value()).ifPresent(previous ->
                                ran.add(new PastDeployment(environment, previous,
                                        deployment.previousTag().orElse(""), deployment.startedAt())));
                    });
            // Newest first, each image once: its most recent time there.
            List<PastDeployment> distinct = new ArrayList<>();
            ran.stream().sorted(Comparator.comparing(PastDeployment::finishedAt).reversed())
                    .filter(past -> distinct.stream().noneMatch(seen -> seen.digest().equals(past.digest())))
                    .forEach(distinct::add);
            history.put(environment, distinct);
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
                DeploymentKind.ofDbValue(rs.getString("kind")), Db.optionalLong(rs, "actor_user_id"),
                rs.getString("actor_name"), DeploymentStatus.ofDbValue(rs.getString("status")),
                Db.instant(rs, "started_at"), Db.optionalInstant(rs, "finished_at"),
                Optional.ofNullable(rs.getString("error")), Db.optionalLong(rs, "request_id"),
                Db.optionalLong(rs, "chat_id"), Db.optionalLong(rs, "outbox_id"));
    }
}
