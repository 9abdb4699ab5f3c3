package dev.promobot.promotion;

import dev.promobot.rules.Action;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Environment;
import dev.promobot.rules.FreezeWindow;
import dev.promobot.rules.Image;
import dev.promobot.rules.RequestKind;
import dev.promobot.rules.Rules;
import dev.promobot.rules.Service;
import dev.promobot.rules.Snapshot;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * /promote: deploys exactly the image the environment's source runs, at once, or, where the environment needs
 * approval, opens a request for it. Decided by the rules on a fresh snapshot.
 */
@ApplicationScoped
public class PromoteImage {

    private final LiveState live;
    private final Deployer deployer;
    private final RequestOpening opening;
    private final AuditTrail audit;
    private final ApprovalRequests requests;
    private final FreezeAnnouncements announcements;

    PromoteImage(LiveState live, Deployer deployer, RequestOpening opening, AuditTrail audit,
                 ApprovalRequests requests, FreezeAnnouncements announcements) {
        this.requests = requests;
        this.announcements = announcements;
        this.live = live;
        this.deployer = deployer;
        this.opening = opening;
        this.audit = audit;
    }

    /**
     * @param tagOrReleaseTag the command's second word: a release tag where the environment needs one (prod), else
     *                        an image tag that must name what the source runs
     */
    public DeployResult promote(Actor actor, Service service, String environment, Optional<String> tagOrReleaseTag,
                                Origin origin) {
        return promote(actor, service, environment, tagOrReleaseTag, Optional.empty(), origin);
    }

    /**
     * @param override an admin's reason to promote through the freeze windows in force (R14); audited and
     *                 announced in the channel when it was needed and the promotion went ahead
     */
    public DeployResult promote(Actor actor, Service service, String environment, Optional<String> tagOrReleaseTag,
                                Optional<String> override, Origin origin) {
        Action.Promote promote = action(service, environment, tagOrReleaseTag, override);
        Snapshot snapshot = live.observe(service).snapshot();
        Decision decision = Rules.decide(snapshot, actor, promote);
        if (!decision.allowed()) {
            return audit.refused(actor, origin, service, environment, new Refusal(decision.reasons()));
        }
        Environment env = service.pipeline().environment(environment).orElseThrow();
        Image image = decision.image().orElseThrow();
        DeployResult result = decision.approvalsNeeded() > 0
                ? opening.open(service, env, image, decision.from(), promote.releaseTag(), RequestKind.PROMOTION,
                        decision.approvalsNeeded(), actor, origin)
                : deployer.start(service, env, image, decision.from(), DeploymentKind.PROMOTION, actor, origin);
        List<FreezeWindow> overridden = snapshot.windowsInForce(environment);
        boolean wentAhead = result instanceof DeployResult.DeploymentStarted
                || result instanceof DeployResult.RequestOpened;
        if (override.isPresent() && !overridden.isEmpty() && wentAhead) {
            String reason = override.get().strip();
            if (result instanceof DeployResult.RequestOpened opened) {
                requests.markWindowOverride(opened.request().id(), reason);
            }
            audit.record(actor, origin, service, environment, AuditOutcome.OVERRIDDEN, "freeze window "
                    + overridden.stream().map(FreezeWindow::name).collect(Collectors.joining(", ")) + " overridden for "
                    + image.label() + ": " + reason);
            announcements.windowOverridden(service, environment, image, overridden, actor.name(), reason);
        }
        return result;
    }

    /**
     * /promote's words as the rules read them: the second word is a release tag where the environment needs one
     * (prod), else an image tag. /why and the decision endpoint ask the same question this way.
     */
    public static Action.Promote action(Service service, String environment, Optional<String> tagOrReleaseTag,
                                        Optional<String> override) {
        boolean releaseTagged = service.pipeline().environment(environment)
                .map(Environment::releaseTagRequired).orElse(false);
        return new Action.Promote(environment, releaseTagged ? Optional.empty() : tagOrReleaseTag,
                releaseTagged ? tagOrReleaseTag : Optional.empty(), override);
    }
}
