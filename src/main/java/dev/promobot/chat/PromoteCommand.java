package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.Promotions;
import dev.promobot.promotion.Promotions.NeedsApproval;
import dev.promobot.promotion.Promotions.Plan;
import dev.promobot.promotion.Promotions.Ready;
import dev.promobot.promotion.Promotions.Refused;
import dev.promobot.rules.Action;
import dev.promobot.rules.PromotionRequest;

import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * /promote &lt;env&gt; [tag | release tag]: deploys exactly the image the environment's source runs, at once, or,
 * where the environment needs approval, opens a promotion request with Approve and Reject buttons.
 */
@ApplicationScoped
public class PromoteCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("promote", "/promote &lt;env&gt; [tag], /promote prod vX.Y.Z",
            "deploy what the source environment runs", Role.DEPLOYER);

    private final Promotions promotions;
    private final DeployRunner runner;
    private final RequestFlow requests;
    private final Settings settings;

    PromoteCommand(Promotions promotions, DeployRunner runner, RequestFlow requests,
                   Settings settings) {
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
        Optional<String> target = context.arg(0);
        if (target.isEmpty() || context.args().size() > 2) {
            context.reply("Usage: /promote &lt;env&gt; [tag], e.g. /promote staging");
            return;
        }
        // The second argument is a release tag where the target needs one, else an image tag.
        boolean releaseTagged = settings.pipeline().environment(target.get())
                .map(env -> env.releaseTagRequired()).orElse(false);
        Optional<String> second = context.arg(1);
        Action.Promote promote = new Action.Promote(target.get(), releaseTagged ? Optional.empty() : second,
                releaseTagged ? second : Optional.empty());
        Plan plan = promotions.plan(context.actor(), promote);
        if (plan instanceof Refused refused) {
            context.refuse("Not promoted to " + Html.escape(target.get()), target, refused.reasons());
        } else if (plan instanceof NeedsApproval approval) {
            requests.open(context, approval, promote.releaseTag(), PromotionRequest.Kind.PROMOTE,
                    approval.approvals());
        } else if (plan instanceof Ready ready) {
            runner.run(context, ready);
        }
    }

}
