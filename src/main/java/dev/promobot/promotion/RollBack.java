package dev.promobot.promotion;

import dev.promobot.rules.Action;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Image;
import dev.promobot.rules.RequestKind;
import dev.promobot.rules.Rules;
import dev.promobot.rules.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * /rollback: points an environment back at the image it ran before (or a named one it ran before, still in ECR).
 * Runs at once, or through an approval request where the environment's rollback-approvals is above 0.
 */
@ApplicationScoped
public class RollBack {

    private final LiveState live;
    private final Deployer deployer;
    private final RequestOpening opening;
    private final AuditTrail audit;

    RollBack(LiveState live, Deployer deployer, RequestOpening opening, AuditTrail audit) {
        this.live = live;
        this.deployer = deployer;
        this.opening = opening;
        this.audit = audit;
    }

    public DeployResult rollBack(Actor actor, Service service, String environment, Optional<String> tag,
                                 Origin origin) {
        Decision decision = Rules.decide(live.observe(service).snapshot(), actor,
                new Action.Rollback(environment, tag));
        if (!decision.allowed()) {
            return audit.refused(actor, origin, service, environment, new Refusal(decision.reasons()));
        }
        Environment env = service.pipeline().environment(environment).orElseThrow();
        Image image = decision.image().orElseThrow();
        int approvals = service.rollbackApprovalsOf(env.name());
        if (approvals > 0) {
            return opening.open(service, env, image, decision.from(), Optional.empty(), RequestKind.ROLLBACK,
                    approvals, actor, origin);
        }
        return deployer.start(service, env, image, decision.from(), DeploymentKind.ROLLBACK, actor, origin);
    }
}
