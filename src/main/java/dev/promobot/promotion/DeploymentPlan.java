package dev.promobot.promotion;

import dev.promobot.rules.Actor;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Image;
import dev.promobot.rules.Service;

import java.time.Instant;
import java.util.Optional;

/**
 * A deployment the rules allowed and the database recorded as in progress, ready to be carried out by the replica
 * holding its lease.
 *
 * @param from      what the environment ran when it was planned
 * @param requestId the request whose last approval started it, if any
 */
public record DeploymentPlan(DeploymentLease lease, Service service, Environment environment, Image image,
                             Optional<Image> from,
                             Actor actor, Instant startedAt, DeploymentKind kind, Optional<Long> requestId) {

    public long deploymentId() {
        return lease.deploymentId();
    }

    public boolean isRollback() {
        return kind == DeploymentKind.ROLLBACK;
    }

    /** "sha-1a2b3c4-20251127", or "nothing known" when promobot never saw what ran before. */
    public String fromLabel() {
        return from.map(Image::label).orElse("nothing known");
    }
}
