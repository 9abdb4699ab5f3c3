package dev.promobot.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An open request to promote one image into an environment that needs approval (R7). It is bound to the
 * digest, not the tag.
 *
 * @param tag       the image's sha- tag when the request was opened
 * @param approvers user ids of everyone who has approved so far
 */
public record PromotionRequest(long id, String target, Digest digest, String tag, Optional<ReleaseTag> releaseTag,
                               long requester, String requesterName, Instant expiresAt, List<Long> approvers) {

    public PromotionRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(releaseTag, "releaseTag");
        Objects.requireNonNull(requesterName, "requesterName");
        Objects.requireNonNull(expiresAt, "expiresAt");
        approvers = List.copyOf(approvers);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
