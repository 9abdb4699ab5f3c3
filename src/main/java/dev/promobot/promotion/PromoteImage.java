package dev.promobot.promotion;

import dev.promobot.config.Settings;
import dev.promobot.rules.Action;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Image;
import dev.promobot.rules.RequestKind;
import dev.promobot.rules.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

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
    private final Settings settings;

    PromoteImage(LiveState live, Deployer deployer, RequestOpening opening, AuditTrail audit, Settings settings) {
        this.live = live;
        this.deployer = deployer;
        this.opening = opening;
        this.audit = audit;
        this.settings = settings;
    }

    /**
     * @param tagOrReleaseTag the command's second word: a release tag where the environment needs one (prod), else
     *                        an image tag that must name what the source runs
     */
    public DeployResult promote(Actor actor, String environment, Optional<String> tagOrReleaseTag, Origin origin) {
        boolean releaseTagged = settings.pipeline().environment(environment)
                .map(Environment::releaseTagRequired).orElse(false);
        Action.Promote promote = new Action.Promote(environment, releaseTagged ? Optional.empty() : tagOrReleaseTag,
                releaseTagged ? tagOrReleaseTag : Optional.empty());
        Decision decision = Rules.decide(live.observe().snapshot(), actor, promote);
        if (!decision.allowed()) {
            return audit.refused(actor, origin, Optional.of(environment), new Refusal(decision.reasons()));
        }
        Environment env = settings.pipeline().environment(environment).orElseThrow();
        Image image = decision.image().orElseThrow();
        if (decision.approvalsNeeded() > 0) {
            return opening.open(env, image, decision.from(), promote.releaseTag(), RequestKind.PROMOTION,
                    decision.approvalsNeeded(), actor, origin);
        }
        return deployer.start(env, image, decision.from(), DeploymentKind.PROMOTION, actor, origin);
    }
}
