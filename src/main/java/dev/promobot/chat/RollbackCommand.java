package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.AuditTrail;
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
import dev.promobot.rules.Reason;
import dev.promobot.rules.Role;
import dev.promobot.rules.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * /rollback &lt;env&gt; [tag]: points the environment back at the image it ran before (or a named one it ran
 * before, still in ECR). Runs at once, or through an approval request where the environment's rollback-approvals
 * is above 0.
 */
@ApplicationScoped
public class RollbackCommand implements ChatCommand {

    private final LiveState live;
    private final Promotions promotions;
    private final DeployRunner runner;
    private final RequestFlow requests;
    private final AuditTrail audit;
    private final Settings settings;

    RollbackCommand(LiveState live, Promotions promotions, DeployRunner runner, RequestFlow requests,
                    AuditTrail audit, Settings settings) {
        this.live = live;
        this.promotions = promotions;
        this.runner = runner;
        this.requests = requests;
        this.audit = audit;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "rollback";
    }

    @Override
    public String usage() {
        return "/rollback &lt;env&gt; [tag]";
    }

    @Override
    public String description() {
        return "point an environment back at an image it ran before";
    }

    @Override
    public Optional<Role> requiredRole() {
        return Optional.of(Role.DEPLOYER);
    }

    @Override
    public boolean readOnly() {
        return false;
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
            String lines = decision.reasons().stream().map(reason -> "• " + Html.escape(reason.sentence()))
                    .collect(Collectors.joining("\n"));
            context.reply("⛔ Not rolled back " + Html.escape(env.get()) + ":\n" + lines);
            audit.record(Optional.of(context.userId()), context.userName(), Optional.of(context.chatId()), name(),
                    context.text(), env, "refused",
                    decision.reasons().stream().map(Reason::sentence).collect(Collectors.joining("; ")));
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
