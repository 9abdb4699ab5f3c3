package dev.promobot.promotion;

import dev.promobot.rules.ApprovalRequest;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.Image;
import dev.promobot.rules.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Closes a request that expired or whose binding broke (R7): its source, or for a rollback its environment, no
 * longer runs what it was bound to. Audited and announced, so its message stops offering buttons.
 */
@ApplicationScoped
class StaleRequests {

    private final ApprovalRequests requests;
    private final AuditTrail audit;
    private final Announcements announcements;

    StaleRequests(ApprovalRequests requests, AuditTrail audit, Announcements announcements) {
        this.requests = requests;
        this.audit = audit;
        this.announcements = announcements;
    }

    /** Closes the request if it is stale on this snapshot; returns it as closed. */
    Optional<StoredRequest> closeIfStale(StoredRequest stored, Snapshot snapshot) {
        if (!stored.isOpen()) {
            return Optional.empty();
        }
        ApprovalRequest request = stored.request();
        Optional<String> why = request.expiredAt(snapshot.now()) ? Optional.of("expired")
                : voidReason(request, snapshot);
        RequestStatus status = request.expiredAt(snapshot.now()) ? RequestStatus.EXPIRED : RequestStatus.VOID;
        if (why.isEmpty() || !requests.close(request.id(), status, Optional.empty(), why)) {
            return Optional.empty();
        }
        StoredRequest closed = requests.find(request.id()).orElseThrow();
        announcements.requestClosed(closed);
        audit.record(Optional.empty(), "promobot", closed.chatId(), "request", "request #" + closed.id(),
                Optional.of(closed.service()), Optional.of(request.environment()),
                status == RequestStatus.EXPIRED ? AuditOutcome.EXPIRED
                        : AuditOutcome.VOID, status == RequestStatus.EXPIRED ? "expired"
                        : "void: " + why.get());
        return Optional.of(closed);
    }

    private static Optional<String> voidReason(ApprovalRequest request, Snapshot snapshot) {
        Optional<Environment> target = snapshot.pipeline().environment(request.environment());
        if (target.isEmpty()) {
            return Optional.of(request.environment() + " is no longer configured");
        }
        if (request.isRollback()) {
            Optional<Digest> now = snapshot.state(request.environment()).flatMap(EnvironmentState::digest);
            return now.equals(request.replaces()) ? Optional.empty()
                    : Optional.of(request.environment() + " changed since the rollback was requested");
        }
        return snapshot.pipeline().sourceOf(target.get()).flatMap(source -> {
            Optional<Digest> now = snapshot.state(source.name()).flatMap(EnvironmentState::digest);
            if (now.equals(Optional.of(request.digest()))) {
                return Optional.empty();
            }
            String runs = now.flatMap(snapshot::imageByDigest).map(Image::label)
                    .or(() -> now.map(Digest::shortForm)).orElse("no single image");
            return Optional.of(source.name() + " now runs " + runs + ", not " + request.tag());
        });
    }
}
