package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.promotion.Promotions.Finished;
import dev.promobot.promotion.Promotions.Plan;
import dev.promobot.promotion.Promotions.Ready;
import dev.promobot.promotion.Promotions.Refused;
import dev.promobot.promotion.PromotionRequests.Stored;
import dev.promobot.rules.Action;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.Image;
import dev.promobot.rules.PromotionRequest;
import dev.promobot.rules.Reason;
import dev.promobot.rules.ReleaseTag;
import dev.promobot.rules.Rule;
import dev.promobot.rules.Rules;
import dev.promobot.rules.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Promotion requests for environments that need approval (R7): opening one, approving it (the last approval
 * deploys), rejecting it, and closing requests that expired or became void because what they were bound to
 * changed.
 */
@ApplicationScoped
public class Approvals {

    /** What an approval or rejection came to. */
    public sealed interface Outcome {
    }

    public record Refusal(List<Reason> reasons, Optional<Stored> closed) implements Outcome {
    }

    /** Recorded; more approvals are needed. */
    public record Recorded(Stored request, int approvals, int needed) implements Outcome {
    }

    /** The last approval: the request is approved and its deployment planned (ready, or refused by R10). */
    public record Approved(Stored request, Plan deployment) implements Outcome {
    }

    public record Rejected(Stored request, String by, String reason) implements Outcome {
    }

    private final LiveState live;
    private final PromotionRequests requests;
    private final Promotions promotions;
    private final ReleaseTagCheck releaseTagCheck;
    private final Settings settings;
    private final Clock clock;

    Approvals(LiveState live, PromotionRequests requests, Promotions promotions, ReleaseTagCheck releaseTagCheck,
              Settings settings, Clock clock) {
        this.live = live;
        this.requests = requests;
        this.promotions = promotions;
        this.releaseTagCheck = releaseTagCheck;
        this.settings = settings;
        this.clock = clock;
    }

    /** The optional release-tag check on GitHub (R6); "not made" when GitHub is not configured. */
    public Optional<ReleaseTagCheck.Result> checkReleaseTag(Image image, Optional<String> releaseTag) {
        Optional<ReleaseTag> tag = releaseTag.flatMap(text -> ReleaseTag.parse(text).value());
        if (tag.isEmpty() || image.imageTag().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(releaseTagCheck.check(tag.get(), image.imageTag().get().gitSha()));
    }

    /**
     * Opens a request the rules allowed pending approval.
     *
     * @param replaces what the target runs now: shown with the request, and what a rollback request is bound to
     */
    public long open(Environment target, Image image, Optional<String> releaseTag, Actor requester, long chatId,
                     PromotionRequest.Kind kind, int approvalsNeeded, Optional<Image> replaces,
                     String releaseCheck) {
        return requests.open(target.name(), image, releaseTag.flatMap(text -> ReleaseTag.parse(text).value()),
                requester.userId(), requester.name(), clock.instant().plus(settings.approvalTtl()), chatId, kind,
                approvalsNeeded, replaces, Optional.of(releaseCheck));
    }

    public Optional<Stored> find(long requestId) {
        return requests.find(requestId);
    }

    public void attachMessage(long requestId, long outboxId) {
        requests.attachMessage(requestId, outboxId);
    }

    /** Open requests of one environment, oldest first. */
    public List<Stored> openFor(String environment) {
        return requests.openStored().stream().filter(s -> s.request().target().equals(environment)).toList();
    }

    public Optional<Stored> byMessage(long chatId, long messageId) {
        return requests.findByMessage(chatId, messageId);
    }

    public Outcome approve(Actor actor, long requestId) {
        Snapshot snapshot = live.observe().snapshot();
        Decision decision = Rules.decide(snapshot, actor, new Action.Approve(requestId));
        Optional<Stored> stored = requests.find(requestId);
        if (!decision.allowed()) {
            return new Refusal(decision.reasons(), stored.flatMap(request -> closeIfStale(request, snapshot)));
        }
        Stored request = stored.orElseThrow();
        if (!requests.approve(requestId, actor.userId(), actor.name())) {
            return new Refusal(List.of(new Reason(Rule.R7, "you already approved #" + requestId)), Optional.empty());
        }
        Stored updated = requests.find(requestId).orElseThrow();
        if (!decision.deployNow()) {
            return new Recorded(updated, updated.approverNames().size(), decision.approvalsNeeded());
        }
        if (!requests.close(requestId, "approved", Optional.of(actor.userId()), Optional.empty())) {
            return new Refusal(List.of(new Reason(Rule.R7, "request #" + requestId + " was closed meanwhile")),
                    Optional.empty());
        }
        Environment env = settings.pipeline().environment(request.request().target()).orElseThrow();
        Actor requester = new Actor(request.request().requester(), request.request().requesterName() + ", approved by "
                + String.join(", ", updated.approverNames()), Optional.empty(), true);
        Plan plan = promotions.begin(env, decision.image().orElseThrow(), decision.from(),
                request.request().isRollback() ? Deployments.Kind.ROLLBACK : Deployments.Kind.PROMOTE, requester,
                Optional.of(requestId));
        if (plan instanceof Refused refused) {
            requests.settle(requestId, "failed", Optional.of(refused.reasons().get(0).sentence()));
        }
        return new Approved(requests.find(requestId).orElseThrow(), plan);
    }

    public Outcome reject(Actor actor, long requestId, String reason) {
        Decision decision = Rules.decide(live.observe().snapshot(), actor, new Action.Reject(requestId));
        if (!decision.allowed()) {
            return new Refusal(decision.reasons(), Optional.empty());
        }
        String why = reason.isBlank() ? "no reason given" : reason;
        if (!requests.close(requestId, "rejected", Optional.of(actor.userId()), Optional.of(why))) {
            return new Refusal(List.of(new Reason(Rule.R7, "there is no open promotion request #" + requestId)),
                    Optional.empty());
        }
        return new Rejected(requests.find(requestId).orElseThrow(), actor.name(), why);
    }

    /** After an approved request's deployment: the request is settled and a release tag bound for good. */
    public void settle(Ready ready, Finished finished) {
        ready.requestId().ifPresent(id -> {
            if (finished.succeeded()) {
                requests.settle(id, "deployed", Optional.empty());
                requests.find(id).flatMap(stored -> stored.request().releaseTag())
                        .ifPresent(tag -> requests.bindReleaseTag(tag, ready.image().digest(), id));
            } else {
                requests.settle(id, "failed", finished.failure());
            }
        });
    }

    /**
     * Closes open requests that expired or whose binding broke (the source, or for a rollback the environment,
     * no longer runs what the request was bound to). Returns the closed ones, for their messages to be edited.
     */
    public List<Stored> closeStale() {
        List<Stored> open = requests.openStored();
        if (open.isEmpty()) {
            return List.of();
        }
        Snapshot snapshot = live.observe().snapshot();
        List<Stored> closed = new ArrayList<>();
        for (Stored request : open) {
            closeIfStale(request, snapshot).ifPresent(closed::add);
        }
        return closed;
    }

    private Optional<Stored> closeIfStale(Stored stored, Snapshot snapshot) {
        if (!"open".equals(stored.status())) {
            return Optional.empty();
        }
        PromotionRequest request = stored.request();
        if (request.expiredAt(snapshot.now())) {
            return requests.close(request.id(), "expired", Optional.empty(), Optional.of("expired"))
                    ? requests.find(request.id()) : Optional.empty();
        }
        Optional<String> voidReason = voidReason(request, snapshot);
        if (voidReason.isPresent()) {
            return requests.close(request.id(), "void", Optional.empty(), voidReason)
                    ? requests.find(request.id()) : Optional.empty();
        }
        return Optional.empty();
    }

    private Optional<String> voidReason(PromotionRequest request, Snapshot snapshot) {
        Optional<Environment> target = snapshot.pipeline().environment(request.target());
        if (target.isEmpty()) {
            return Optional.of(request.target() + " is no longer configured");
        }
        if (request.isRollback()) {
            Optional<Digest> now = snapshot.state(request.target()).flatMap(EnvironmentState::digest);
            return now.equals(request.replaces()) ? Optional.empty()
                    : Optional.of(request.target() + " changed since the rollback was requested");
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
