package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.Deployments;
import dev.promobot.promotion.LiveState;
import dev.promobot.promotion.Promotions;
import dev.promobot.promotion.Promotions.NeedsApproval;
import dev.promobot.promotion.Promotions.Ready;
import dev.promobot.promotion.Promotions.Refused;
import dev.promobot.rules.Action;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Environment;
import dev.promobot.rules.PromotionRequest;

import dev.promobot.rules.Role;
import dev.promobot.rules.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * /rollback &lt;env&gt; [tag]: points the environment back at the image it ran before (or a named one it ran
 * before, still in ECR). Runs at once, or through an approval request where the environment's rollback-approvals
 * is above 0.
 */
@ApplicationScoped
public class RollbackCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("rollback", "/rollback &lt;env&gt; [tag]",
            "point an environment back at an image it ran before", Role.DEPLOYER);

    private final LiveState live;
    private final Promotions promotions;
    private final DeployRunner runner;
    private final RequestFlow requests;
    private final Settings settings;

    RollbackCommand(LiveState live, Promotions promotions, DeployRunner runner, RequestFlow requests,
                    Settings settings) {
        this.live = live;
        this.promotions = promotions;
        this.runner = runner;
        this.requests = requests;
        this.settings = settings;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        Optional<String> env = context.arg(0);
        if (env.isEmpty() || context.args().size() > 2) {
            context.reply("Usage: /rollback &lt;env&gt; [tag], e.g. /rollback staging");
            return;
        }
        Decision decision = Rules.decide(live.observe().snapshot(), context.actor(),
                new Action.Rollback(env.get(), context.arg(1)));
        if (!decision.allowed()) {
            context.refuse("Not rolled back " + Html.escape(env.get()), env, decision.reasons());
            return;
        }
        Environment target = settings.pipeline().environment(env.get()).orElseThrow();
        int approvals = settings.rollbackApprovalsOf(target.name());
        if (approvals > 0) {
            requests.open(context, new NeedsApproval(target, decision.image().orElseThrow(), decision.from(),
                    approvals), Optional.empty(), PromotionRequest.Kind.ROLLBACK, approvals);
            return;
        }
        Promotions.Plan plan = promotions.begin(target, decision.image().orElseThrow(), decision.from(),
                Deployments.Kind.ROLLBACK, context.actor(), Optional.empty());
        if (plan instanceof Refused refused) {
            context.reply("⛔ " + Html.escape(refused.reasons().get(0).sentence()));
        } else {
            runner.run(context, (Ready) plan);
        }
    }
}
