package dev.promobot.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An open request to move one image into an environment that needs approval (R7): a promotion from the source,
 * or a rollback where rollbacks need approval. It is bound to the digest, not the tag.
 *
 * @param tag               the image's sha- tag when the request was opened
 * @param approvers         user ids of everyone who has approved so far
 * @param kind              a promotion (bound to what the source runs) or a rollback (bound to what the target ran)
 * @param rollbackApprovals for a rollback, the approvals it needs (promotions use the environment's count)
 * @param replaces          for a rollback, the digest the environment ran when it was requested
 */
public record PromotionRequest(long id, String target, Digest digest, String tag, Optional<ReleaseTag> releaseTag,
                               long requester, String requesterName, Instant expiresAt, List<Long> approvers,
                               Kind kind, int rollbackApprovals, Optional<Digest> replaces) {

    public enum Kind { PROMOTE, ROLLBACK }

    /** A promotion request. */
    public PromotionRequest(long id, String target, Digest digest, String tag, Optional<ReleaseTag> releaseTag,
                            long requester, String requesterName, Instant expiresAt, List<Long> approvers) {
        this(id, target, digest, tag, releaseTag, requester, requesterName, expiresAt, approvers, Kind.PROMOTE, 0,
                Optional.empty());
    }

    public PromotionRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(replaces, "replaces");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(releaseTag, "releaseTag");
        Objects.requireNonNull(requesterName, "requesterName");
        Objects.requireNonNull(expiresAt, "expiresAt");
        approvers = List.copyOf(approvers);
    }

    public boolean isRollback() {
        return kind == Kind.ROLLBACK;
    }

    /** How many distinct approvers this request needs in that environment. */
    public int approvalsNeeded(Environment env) {
        return isRollback() ? rollbackApprovals : env.approvals();
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
