package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.promotion.DeployResult.RequestNotOpened;
import dev.promobot.promotion.DeployResult.RequestOpened;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Image;
import dev.promobot.rules.ReleaseTag;
import dev.promobot.rules.RequestKind;
import dev.promobot.rules.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Optional;

/**
 * Opens an approval request the rules allowed, for a promotion or a rollback: checks the release tag in the
 * service's GitHub repository where it has one (R6), asks what a promotion changes (its changelog), stores the
 * request and posts it.
 */
@ApplicationScoped
class RequestOpening {

    private final ApprovalRequests requests;
    private final ReleaseTagCheck releaseTagCheck;
    private final Changelogs changelogs;
    private final AuditTrail audit;
    private final Announcements announcements;
    private final Settings settings;
    private final Clock clock;

    RequestOpening(ApprovalRequests requests, ReleaseTagCheck releaseTagCheck, Changelogs changelogs,
                   AuditTrail audit, Announcements announcements, Settings settings, Clock clock) {
        this.requests = requests;
        this.releaseTagCheck = releaseTagCheck;
        this.changelogs = changelogs;
        this.audit = audit;
        this.announcements = announcements;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param replaces what the environment runs now: shown with the request, and what a rollback request is bound to
     */
    DeployResult open(Service service, Environment env, Image image, Optional<Image> replaces,
                      Optional<String> releaseTag,
                      RequestKind kind, int approvalsNeeded, Actor requester, Origin origin) {
        Optional<ReleaseTag> tag = releaseTag.flatMap(text -> ReleaseTag.parse(text).value());
        Optional<String> repository = service.gitHubRepository();
        Optional<ReleaseTagCheck.Outcome> check = tag.isPresent() && image.imageTag().isPresent()
                ? Optional.of(repository.map(repo -> releaseTagCheck.check(repo, tag.get(),
                        image.imageTag().get().gitSha())).orElseGet(() -> ReleaseTagCheck.Outcome.notMade(
                        settings.gitHubRepositoryKey(service.name()) + " is not set")))
                : Optional.empty();
        if (check.isPresent() && !check.get().ok()) {
            audit.record(requester, origin, service, env.name(), AuditOutcome.REFUSED,
                    check.get().problems().toString());
            return new RequestNotOpened(env.name(), check.get().problems());
        }
        // Asked only once the release tag passed; whatever GitHub answers, the request opens.
        Optional<Changelog> changelog = kind == RequestKind.PROMOTION
                ? Optional.of(repository.map(repo -> changelogs.of(repo, env.name(), replaces, image))
                        .orElseGet(Changelog.NotConfigured::new))
                : Optional.empty();
        long id = requests.open(service.name(), env.name(), image, tag, requester.userId(), requester.name(),
                clock.instant().plus(settings.approvalTtl()), origin.chatId(), kind, approvalsNeeded, replaces,
                check.map(ReleaseTagCheck.Outcome::summary), changelog);
        long message = announcements.requestOpened(requests.find(id).orElseThrow(), origin);
        requests.attachMessage(id, message);
        audit.record(requester, origin, service, env.name(), AuditOutcome.REQUESTED,
                "request #" + id + " for " + image.label());
        return new RequestOpened(requests.find(id).orElseThrow());
    }
}
