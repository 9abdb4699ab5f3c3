package dev.promobot.promotion;

import dev.promobot.rules.ApprovalRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An approval request as stored: the rules' view of it plus what the chat needs to show it (its message, the
 * release tag check, who approved by name, why it closed, what the environment ran when it was asked for, and the
 * changelog of a promotion request as it stood when the request opened).
 */
public record StoredRequest(String service, ApprovalRequest request, RequestStatus status, Optional<Long> chatId,
                            Optional<Long> outboxId, Optional<String> releaseCheck, Instant createdAt,
                            List<String> approverNames, Optional<String> closedReason, Optional<String> replacesTag,
                            Optional<Changelog> changelog) {

    public long id() {
        return request.id();
    }

    public boolean isOpen() {
        return status == RequestStatus.OPEN;
    }
}
