package dev.promobot.promotion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.rules.ApprovalRequest;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Image;
import dev.promobot.rules.ReleaseTag;
import dev.promobot.rules.RequestKind;
import dev.promobot.store.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * Approval requests (promotion and rollback requests), their approvals, and the release tags bound to a digest.
 * Requests live in the database, so they survive restarts and are shared by replicas; closing one is a
 * conditional update, so two people closing it at once cannot both win.
 */
@ApplicationScoped
public class ApprovalRequests {

    private static final Logger LOG = Logger.getLogger(ApprovalRequests.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Db db;
    private final Clock clock;
    private final PromotionMetrics metrics;

    ApprovalRequests(Db db, Clock clock, PromotionMetrics metrics) {
        this.db = db;
        this.clock = clock;
        this.metrics = metrics;
    }

    public long open(String service, String environment, Image image, Optional<ReleaseTag> releaseTag,
                     long requesterUserId,
                     String requesterName, Instant expiresAt, long chatId, RequestKind kind,
                     int approvalsNeeded, Optional<Image> replaces, Optional<String> releaseCheck,
                     Optional<Changelog> changelog) {
        return db.insert("INSERT INTO approval_request (service, environment, tag, digest, release_tag, "
                        + "requester_user_id, "
                        + "requester_name, status, created_at, expires_at, chat_id, kind, approvals_needed, "
                        + "replaces_digest, replaces_tag, release_check, changelog) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                service, environment, image.label(), image.digest().value(), releaseTag.map(ReleaseTag::toString),
                requesterUserId, requesterName, clock.instant(), expiresAt, chatId, kindValue(kind),
                approvalsNeeded, replaces.map(r -> r.digest().value()), replaces.map(Image::label), releaseCheck,
                changelog.map(ApprovalRequests::json));
    }

    /** An admin opened the request through a freeze window: its approvals pass the window too (R14). */
    public void markWindowOverride(long requestId, String reason) {
        db.update("UPDATE approval_request SET window_override = ? WHERE id = ?", reason, requestId);
    }

    /** Remembers which chat message shows the request, so it can be edited and approved by reply. */
    public void attachMessage(long requestId, long outboxId) {
        db.update("UPDATE approval_request SET outbox_id = ? WHERE id = ?", outboxId, requestId);
    }

    /** The service's open requests, oldest first. */
    public List<ApprovalRequest> open(String service) {
        return withApprovals(db.list("SELECT * FROM approval_request WHERE service = ? AND status = 'open' "
                + "ORDER BY id", this::stored, service)).stream().map(StoredRequest::request).toList();
    }

    /** Every service's open requests, oldest first. */
    public List<StoredRequest> openStored() {
        return withApprovals(db.list("SELECT * FROM approval_request WHERE status = 'open' ORDER BY id",
                this::stored));
    }

    public Optional<StoredRequest> find(long id) {
        return one(db.one("SELECT * FROM approval_request WHERE id = ?", this::stored, id));
    }

    /** The request shown by this chat message, if any: approving by reply. */
    public Optional<StoredRequest> findByMessage(long chatId, long messageId) {
        return one(db.one("SELECT r.* FROM approval_request r JOIN outbox o ON o.id = r.outbox_id "
                + "WHERE r.chat_id = ? AND o.message_id = ?", this::stored, chatId, messageId));
    }

    /** What an approval came to, decided by the database. */
    public enum Counted { NOT_OPEN, ALREADY_APPROVED, MORE_NEEDED, LAST }

    /**
     * Records an approval and decides, in the same transaction and under a lock on the request's row, whether it
     * was the last one needed; the last one closes the request as approved. Approvers pressing at the same instant
     * are counted one after the other, so exactly one of them completes the request.
     *
     * @param stillApproves whether an approval's approver still holds the role: only theirs count
     */
    public Counted approve(long requestId, long approverUserId, String approverName, int needed,
                           LongPredicate stillApproves) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Optional<String> status = db.one("SELECT status FROM approval_request WHERE id = ? FOR UPDATE",
                    rs -> rs.getString(1), requestId);
            if (!status.equals(Optional.of(RequestStatus.OPEN.dbValue()))) {
                return Counted.NOT_OPEN;
            }
            // Guarded rather than left to the unique key: a failed statement would end the transaction.
            int inserted = db.update("INSERT INTO approval (request_id, approver_user_id, approver_name, approved_at) "
                            + "SELECT ?, ?, ?, ? FROM (VALUES (0)) one WHERE NOT EXISTS "
                            + "(SELECT 1 FROM approval WHERE request_id = ? AND approver_user_id = ?)",
                    requestId, approverUserId, approverName, clock.instant(), requestId, approverUserId);
            if (inserted == 0) {
                return Counted.ALREADY_APPROVED;
            }
            long approvals = db.list("SELECT approver_user_id FROM approval WHERE request_id = ?",
                    rs -> rs.getLong(1), requestId).stream().filter(stillApproves::test).count();
            if (approvals < needed) {
                return Counted.MORE_NEEDED;
            }
            close(requestId, RequestStatus.APPROVED, Optional.of(approverUserId), Optional.empty());
            return Counted.LAST;
        });
    }

    /** Closes an open request; false when it was no longer open (someone else closed it first). */
    public boolean close(long requestId, RequestStatus status, Optional<Long> closedByUserId,
                         Optional<String> reason) {
        Instant now = clock.instant();
        boolean closed = db.update("UPDATE approval_request SET status = ?, closed_at = ?, closed_by_user_id = ?, "
                + "closed_reason = ? WHERE id = ? AND status = 'open'", status.dbValue(), now,
                closedByUserId, reason, requestId) == 1;
        if (closed) {
            record Opened(String service, String environment, Instant at) {
            }
            db.one("SELECT service, environment, created_at FROM approval_request WHERE id = ?",
                    rs -> new Opened(rs.getString("service"), rs.getString("environment"),
                            Db.instant(rs, "created_at")), requestId)
                    .ifPresent(opened -> metrics.requestClosed(opened.service(), opened.environment(), status,
                            opened.at(), now));
        }
        return closed;
    }

    /**
     * Requests closed as approved before {@code before} that no deployment came of: their replica stopped between
     * the last approval and recording the deployment.
     */
    public List<StoredRequest> approvedWithoutDeployment(Instant before) {
        return db.list("SELECT * FROM approval_request r WHERE r.status = 'approved' AND r.closed_at < ? "
                + "AND NOT EXISTS (SELECT 1 FROM deployment d WHERE d.request_id = r.id) ORDER BY r.id",
                this::stored, before).stream().map(this::withApprovals).toList();
    }

    /** Fails a request still approved and undeployed; false when another replica (or its deployment) came first. */
    public boolean failIfStillApproved(long requestId, String reason) {
        return db.update("UPDATE approval_request SET status = 'failed', closed_reason = ? WHERE id = ? "
                + "AND status = 'approved' AND NOT EXISTS (SELECT 1 FROM deployment d WHERE d.request_id = ?)",
                reason, requestId, requestId) == 1;
    }

    /** Sets the final status of a request that was approved and then deployed (or failed to). */
    public void settle(long requestId, RequestStatus status, Optional<String> reason) {
        db.update("UPDATE approval_request SET status = ?, closed_reason = COALESCE(?, closed_reason) WHERE id = ?",
                status.dbValue(), reason, requestId);
    }

    /** Binds a release tag to a digest for good; false when it already names another digest. */
    public boolean bindReleaseTag(String service, ReleaseTag tag, Digest digest, long requestId) {
        // Guarded rather than left to the unique key: a failed statement would end the transaction it is part of.
        db.update("INSERT INTO release_tag (service, tag, digest, first_used_at, request_id) "
                        + "SELECT ?, ?, ?, ?, ? FROM (VALUES (0)) one "
                        + "WHERE NOT EXISTS (SELECT 1 FROM release_tag WHERE service = ? AND tag = ?)",
                service, tag.toString(), digest.value(), clock.instant(), requestId, service, tag.toString());
        return usedReleaseTags(service).get(tag).equals(digest);
    }

    /** The digest each of the service's release tags names. */
    public Map<ReleaseTag, Digest> usedReleaseTags(String service) {
        Map<ReleaseTag, Digest> used = new LinkedHashMap<>();
        db.list("SELECT tag, digest FROM release_tag WHERE service = ?",
                        rs -> Map.entry(rs.getString("tag"), rs.getString("digest")), service)
                .forEach(row -> ReleaseTag.parse(row.getKey()).value().ifPresent(tag ->
                        used.put(tag, Digest.parse(row.getValue()).value().orElseThrow())));
        return used;
    }

    /** A request as stored, its approvals still to be read (never while its result set is open). */
    private ApprovalRequest map(ResultSet rs) throws SQLException {
        return new ApprovalRequest(rs.getLong("id"), rs.getString("environment"),
                Digest.parse(rs.getString("digest")).value().orElseThrow(), rs.getString("tag"),
                Optional.ofNullable(rs.getString("release_tag")).flatMap(tag -> ReleaseTag.parse(tag).value()),
                rs.getLong("requester_user_id"), rs.getString("requester_name"), Db.instant(rs, "expires_at"),
                List.of(),
                kind(rs.getString("kind")),
                rs.getInt("approvals_needed"),
                Optional.ofNullable(rs.getString("replaces_digest")).flatMap(d -> Digest.parse(d).value()),
                Optional.ofNullable(rs.getString("window_override")));
    }

    private StoredRequest stored(ResultSet rs) throws SQLException {
        return new StoredRequest(rs.getString("service"), map(rs), RequestStatus.ofDbValue(rs.getString("status")),
                Db.optionalLong(rs, "chat_id"), Db.optionalLong(rs, "outbox_id"),
                Optional.ofNullable(rs.getString("release_check")), Db.instant(rs, "created_at"), List.of(),
                Optional.ofNullable(rs.getString("closed_reason")), Optional.ofNullable(rs.getString("replaces_tag")),
                Optional.ofNullable(rs.getString("changelog")).flatMap(ApprovalRequests::changelog));
    }

    private static String json(Changelog changelog) {
        try {
            return JSON.writeValueAsString(changelog);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a changelog is plain records and always writes as JSON", e);
        }
    }

    /** A changelog stored by another version of promobot that this one cannot read is left out of the message. */
    private static Optional<Changelog> changelog(String json) {
        try {
            return Optional.of(JSON.readValue(json, Changelog.class));
        } catch (JsonProcessingException unreadable) {
            LOG.debugf("a request's stored changelog is unreadable and not shown: %s", unreadable.getOriginalMessage());
            return Optional.empty();
        }
    }

    private Optional<StoredRequest> one(Optional<StoredRequest> request) {
        return request.map(this::withApprovals);
    }

    private StoredRequest withApprovals(StoredRequest request) {
        return withApprovals(List.of(request)).get(0);
    }

    /** The requests with their approvals, read in one statement after the requests' own has closed. */
    private List<StoredRequest> withApprovals(List<StoredRequest> requests) {
        if (requests.isEmpty()) {
            return requests;
        }
        record Approval(long requestId, long userId, String name) {
        }
        String ids = requests.stream().map(request -> "?").collect(Collectors.joining(", "));
        List<Approval> approvals = db.list("SELECT request_id, approver_user_id, approver_name FROM approval "
                        + "WHERE request_id IN (" + ids + ") ORDER BY id",
                rs -> new Approval(rs.getLong(1), rs.getLong(2), rs.getString(3)),
                requests.stream().map(StoredRequest::id).toArray());
        return requests.stream().map(stored -> {
            List<Approval> mine = approvals.stream().filter(a -> a.requestId() == stored.id()).toList();
            ApprovalRequest r = stored.request();
            ApprovalRequest request = new ApprovalRequest(r.id(), r.environment(), r.digest(), r.tag(),
                    r.releaseTag(), r.requesterUserId(), r.requesterName(), r.expiresAt(),
                    mine.stream().map(Approval::userId).toList(), r.kind(), r.rollbackApprovals(), r.replaces(),
                    r.windowOverride());
            return new StoredRequest(stored.service(), request, stored.status(), stored.chatId(), stored.outboxId(),
                    stored.releaseCheck(), stored.createdAt(), mine.stream().map(Approval::name).toList(),
                    stored.closedReason(), stored.replacesTag(), stored.changelog());
        }).toList();
    }

    /** Stored as 'promotion' or 'rollback'. */
    private static String kindValue(RequestKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static RequestKind kind(String value) {
        return RequestKind.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
