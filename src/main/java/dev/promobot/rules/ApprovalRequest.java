package dev.promobot.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An open approval request to move one image into an environment that needs approval (R7): a promotion request
 * (from the source) or a rollback request (where rollbacks need approval). It is bound to the digest, not the tag.
 *
 * @param tag               the image's sha- tag when the request was opened
 * @param approverUserIds   user ids of everyone who has approved so far
 * @param kind              a promotion (bound to what the source runs) or a rollback (bound to what the target ran)
 * @param rollbackApprovals for a rollback, the approvals it needs (promotions use the environment's count)
 * @param replaces          for a rollback, the digest the environment ran when it was requested
 * @param windowOverride    an admin's reason for opening it through a freeze window in force; its approvals then
 *                          pass that window too (R14), since the override was for this very promotion
 */
public record ApprovalRequest(long id, String environment, Digest digest, String tag,
                              Optional<ReleaseTag> releaseTag, long requesterUserId, String requesterName,
                              Instant expiresAt, List<Long> approverUserIds, RequestKind kind, int rollbackApprovals,
                              Optional<Digest> replaces, Optional<String> windowOverride) {

    /** A request opened without overriding a freeze window. */
    public ApprovalRequest(long id, String environment, Digest digest, String tag, Optional<ReleaseTag> releaseTag,
                           long requesterUserId, String requesterName, Instant expiresAt, List<Long> approverUserIds,
                           RequestKind kind, int rollbackApprovals, Optional<Digest> replaces) {
        this(id, environment, digest, tag, releaseTag, requesterUserId, requesterName, expiresAt, approverUserIds,
                kind, rollbackApprovals, replaces, Optional.empty());
    }

    /** A promotion request. */
    public ApprovalRequest(long id, String environment, Digest digest, String tag, Optional<ReleaseTag> releaseTag,
                           long requesterUserId, String requesterName, Instant expiresAt, List<Long> approverUserIds) {
        this(id, environment, digest, tag, releaseTag, requesterUserId, requesterName, expiresAt, approverUserIds,
                RequestKind.PROMOTION, 0, Optional.empty());
    }

    public ApprovalRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(replaces, "replaces");
        Objects.requireNonNull(windowOverride, "windowOverride");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(releaseTag, "releaseTag");
        Objects.requireNonNull(requesterName, "requesterName");
        Objects.requireNonNull(expiresAt, "expiresAt");
        approverUserIds = List.copyOf(approverUserIds);
    }

    public boolean isRollback() {
        return kind == RequestKind.ROLLBACK;
    }

    /** How many distinct approvers this request needs in that environment. */
    public int approvalsNeeded(Environment env) {
        return isRollback() ? rollbackApprovals : env.approvals();
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
