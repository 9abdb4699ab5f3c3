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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deployment records. A deployment is recorded before Lambda is called and finished after it, so a crash leaves
 * an in-progress record to settle rather than a change nobody knows about. The database allows one deployment
 * in flight per service and environment (a unique key), which holds across replicas.
 *
 * <p>An in-progress deployment has an owner with a lease ({@link DeploymentLease}); lease times are the database's
 * clock ({@code CURRENT_TIMESTAMP}), never a replica's, and every finishing write is conditional on owner and epoch.
 */
@ApplicationScoped
public class Deployments {

    /** One deployment record. */
    public record Deployment(long id, String service, String environment, Optional<String> tag, Digest digest,
                             Optional<String> previousTag, Optional<String> previousDigest, DeploymentKind kind,
                             Optional<Long> actorUserId, String actorName, DeploymentStatus status, Instant startedAt,
                             Optional<Instant> finishedAt, Optional<String> error, Optional<Long> requestId,
                             Optional<Long> chatId, Optional<Long> outboxId, Optional<String> owner, int epoch) {
    }

    /** Now plus a duration, on the database's clock, in SQL both H2 and PostgreSQL read. */
    private static final String NOW_PLUS_MILLIS = Db.NOW_PLUS_MILLIS;

    private final Db db;
    private final Clock clock;
    private final PromotionMetrics metrics;

    Deployments(Db db, Clock clock, PromotionMetrics metrics) {
        this.db = db;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Records the start of a deployment owned by {@code owner} under a fresh lease, or returns empty when another one
     * is already in flight for the environment (whoever started it, on whichever replica).
     */
    public Optional<DeploymentLease> start(String service, String environment, List<String> functions, Image image,
                                           Optional<Image> previous, DeploymentKind kind, long actorUserId,
                                           String actorName, Optional<Long> requestId, String owner,
                                           Duration lease) {
        // Guarded, so the common refusal does not end the caller's transaction; the unique key on
        // in_flight_environment still refuses two concurrent starts (the loser's transaction fails and is retried).
        try {
            return db.insertIf("INSERT INTO deployment (service, environment, functions, tag, digest, git_sha, "
                            + "previous_tag, previous_digest, kind, actor_user_id, actor_name, status, started_at, "
                            + "in_flight_environment, request_id, owner, epoch, lease_until) "
                            + "SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, CAST(? AS BIGINT), ?, 1, "
                            + NOW_PLUS_MILLIS
                            + " FROM (VALUES (0)) one WHERE NOT EXISTS "
                            + "(SELECT 1 FROM deployment WHERE service = ? AND in_flight_environment = ?)",
                    service, environment, String.join(",", functions), image.label(), image.digest().value(),
                    image.imageTag().map(tag -> tag.gitSha()), previous.map(Image::label),
                    previous.map(p -> p.digest().value()), kind.dbValue(), actorUserId, actorName,
                    clock.instant(), environment, requestId, owner, lease.toMillis(), service, environment)
                    .map(id -> new DeploymentLease(id, owner, 1));
        } catch (Db.StoreException e) {
            if (e.isUniqueViolation()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Extends a lease its owner still holds; false when another replica has taken the deployment over. */
    public boolean renew(DeploymentLease lease, Duration length) {
        return db.update("UPDATE deployment SET lease_until = " + NOW_PLUS_MILLIS + " WHERE id = ? AND owner = ? "
                + "AND epoch = ? AND status = 'in_progress'", length.toMillis(), lease.deploymentId(), lease.owner(),
                lease.epoch()) == 1;
    }

    /** In-progress deployments whose lease ran out (their owner died or lost the database): for a sweeper. */
    public List<Deployment> withExpiredLease() {
        return db.list("SELECT * FROM deployment WHERE status = 'in_progress' "
                + "AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP) ORDER BY id", Deployments::map);
    }

    /**
     * Takes a deployment over under a new lease and a higher epoch, but only when its lease has run out; empty
     * while its owner holds it, or when another replica got there first.
     */
    public Optional<DeploymentLease> takeOver(Deployment deployment, String owner, Duration lease) {
        int epoch = deployment.epoch() + 1;
        int taken = db.update("UPDATE deployment SET owner = ?, epoch = ?, lease_until = " + NOW_PLUS_MILLIS
                        + " WHERE id = ? AND epoch = ? AND status = 'in_progress' "
                        + "AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)",
                owner, epoch, lease.toMillis(), deployment.id(), deployment.epoch());
        return taken == 1 ? Optional.of(new DeploymentLease(deployment.id(), owner, epoch)) : Optional.empty();
    }

    public Optional<Deployment> find(long id) {
        return db.one("SELECT * FROM deployment WHERE id = ?", Deployments::map, id);
    }

    /** The id of the environment's newest deployment record, whatever its status. */
    public Optional<Long> newestId(String service, String environment) {
        return db.one("SELECT MAX(id) AS newest FROM deployment WHERE service = ? AND environment = ?",
                rs -> Db.optionalLong(rs, "newest"), service, environment).flatMap(id -> id);
    }

    /** The deployment in flight to the environment, if any. */
    public Optional<Deployment> inFlight(String service, String environment) {
        return db.one("SELECT * FROM deployment WHERE service = ? AND in_flight_environment = ?", Deployments::map,
                service, environment);
    }

    /** Records a change made outside promobot (CI, the console) as an observed deployment. */
    public long observe(String service, String environment, List<String> functions, Digest digest, Optional<String> tag,
                        Optional<Digest> previous, Optional<String> previousTag) {
        Instant now = clock.instant();
        long id = db.insert("INSERT INTO deployment (service, environment, functions, tag, digest, previous_tag, "
                        + "previous_digest, kind, actor_name, status, started_at, finished_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, 'outside', 'outside promobot', 'succeeded', ?, ?)",
                service, environment, String.join(",", functions), tag, digest.value(), previousTag,
                previous.map(Digest::value), now, now);
        metrics.deploymentEnded(service, environment, DeploymentKind.OUTSIDE, DeploymentStatus.SUCCEEDED, now, now);
        return id;
    }

    /** Remembers the chat message that reports this deployment, for a report after a crash. */
    public void attachMessage(long id, long chatId, long outboxId) {
        db.update("UPDATE deployment SET chat_id = ?, outbox_id = ? WHERE id = ?", chatId, outboxId, id);
    }

    /**
     * Records the outcome, if this lease still holds the deployment; false (and nothing written) when another
     * replica has taken it over since.
     */
    public boolean finish(DeploymentLease lease, DeploymentStatus status, Optional<String> error) {
        Instant now = clock.instant();
        boolean finished = db.update("UPDATE deployment SET status = ?, finished_at = ?, error = ?, "
                        + "in_flight_environment = NULL, lease_until = NULL "
                        + "WHERE id = ? AND owner = ? AND epoch = ? AND status = 'in_progress'",
                status.dbValue(), now, error, lease.deploymentId(), lease.owner(), lease.epoch()) == 1;
        if (finished) {
            find(lease.deploymentId()).ifPresent(deployment -> metrics.deploymentEnded(deployment.service(),
                    deployment.environment(),
                    deployment.kind(), status, deployment.startedAt(), now));
        }
        return finished;
    }

    /** The service's deployments running now, by environment. */
    public Map<String, InFlight> inFlight(String service) {
        Map<String, InFlight> running = new LinkedHashMap<>();
        db.list("SELECT environment, actor_user_id, actor_name, started_at FROM deployment "
                        + "WHERE service = ? AND in_flight_environment IS NOT NULL",
                rs -> new InFlight(rs.getString("environment"), rs.getLong("actor_user_id"), rs.getString("actor_name"),
                        Db.instant(rs, "started_at")), service)
                .forEach(flight -> running.put(flight.environment(), flight));
        return running;
    }

    /** How many of an environment's succeeded deployments {@link #recent} reads, the newest. */
    static final int RECENT = 100;

    /**
     * Each environment's succeeded deployments, newest first, up to {@value #RECENT} each: one statement for every
     * environment, since every command reads them.
     */
    public Map<String, List<Deployment>> recent(String service, List<String> environments) {
        Map<String, List<Deployment>> recent = new LinkedHashMap<>();
        environments.forEach(environment -> recent.put(environment, new ArrayList<>()));
        db.list("SELECT * FROM (SELECT d.*, ROW_NUMBER() OVER (PARTITION BY environment "
                        + "ORDER BY finished_at DESC, id DESC) AS newness FROM deployment d "
                        + "WHERE service = ? AND status = 'succeeded') r WHERE newness <= " + RECENT
                        + " ORDER BY environment, newness", Deployments::map, service)
                .forEach(deployment -> Optional.ofNullable(recent.get(deployment.environment()))
                        .ifPresent(list -> list.add(deployment)));
        return recent;
    }

    /**
     * What each environment ran, newest first, from its {@link #recent} deployments: every image a deployment put
     * there, and the image each deployment replaced (which the environment ran before promobot first changed it).
     */
    public static Map<String, List<PastDeployment>> history(Map<String, List<Deployment>> recent) {
        Map<String, List<PastDeployment>> history = new LinkedHashMap<>();
        recent.forEach((environment, deployments) -> {
            List<PastDeployment> ran = new ArrayList<>();
            deployments.forEach(deployment -> {
                Instant at = deployment.finishedAt().orElse(deployment.startedAt());
                ran.add(new PastDeployment(environment, deployment.digest(), deployment.tag().orElse(""), at));
                deployment.previousDigest().flatMap(d -> Digest.parse(d).value()).ifPresent(previous ->
                        ran.add(new PastDeployment(environment, previous, deployment.previousTag().orElse(""),
                                deployment.startedAt())));
            });
            // Newest first, each image once: its most recent time there.
            List<PastDeployment> distinct = new ArrayList<>();
            ran.stream().sorted(Comparator.comparing(PastDeployment::finishedAt).reversed())
                    .filter(past -> distinct.stream().noneMatch(seen -> seen.digest().equals(past.digest())))
                    .forEach(distinct::add);
            history.put(environment, distinct);
        });
        return history;
    }

    /** The newest succeeded deployment of the environment, for "deployed when and by whom". */
    public Optional<Deployment> latest(String service, String environment) {
        return db.one("SELECT * FROM deployment WHERE service = ? AND environment = ? AND status = 'succeeded' "
                + "ORDER BY finished_at DESC, id DESC LIMIT 1", Deployments::map, service, environment);
    }

    /** Who approved the request a deployment came of, in the order they approved; empty for one without. */
    public List<String> approverNames(Deployment deployment) {
        return deployment.requestId().map(request -> db.list("SELECT approver_name FROM approval "
                + "WHERE request_id = ? ORDER BY approved_at, id", rs -> rs.getString(1), request)).orElse(List.of());
    }

    private static Deployment map(ResultSet rs) throws SQLException {
        return new Deployment(rs.getLong("id"), rs.getString("service"), rs.getString("environment"),
                Optional.ofNullable(rs.getString("tag")), Digest.parse(rs.getString("digest")).value().orElseThrow(),
                Optional.ofNullable(rs.getString("previous_tag")), Optional.ofNullable(rs.getString("previous_digest")),
                DeploymentKind.ofDbValue(rs.getString("kind")), Db.optionalLong(rs, "actor_user_id"),
                rs.getString("actor_name"), DeploymentStatus.ofDbValue(rs.getString("status")),
                Db.instant(rs, "started_at"), Db.optionalInstant(rs, "finished_at"),
                Optional.ofNullable(rs.getString("error")), Db.optionalLong(rs, "request_id"),
                Db.optionalLong(rs, "chat_id"), Db.optionalLong(rs, "outbox_id"),
                Optional.ofNullable(rs.getString("owner")), rs.getInt("epoch"));
    }
}
