package dev.promobot.chat;

import dev.promobot.promotion.DeployResult;
import dev.promobot.promotion.PromoteImage;
import dev.promobot.rules.Permission;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * /promote &lt;env&gt; [tag | release tag]: deploys exactly the image the environment's source runs, at once, or,
 * where the environment needs approval, opens a promotion request with Approve and Reject buttons.
 */
@ApplicationScoped
public class PromoteCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("promote", "/promote <env> [tag], /promote prod vX.Y.Z",
            "deploy what the source environment runs", Permission.PROMOTE);

    private final PromoteImage promote;

    PromoteCommand(PromoteImage promote) {
        this.promote = promote;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        Optional<String> env = context.arg(0);
        if (env.isEmpty() || context.args().size() > 2) {
            context.replyText("Usage: /promote <env> [tag], e.g. /promote staging");
            return;
        }
        DeployResult result = promote.promote(context.actor(), env.get(), context.arg(1), context.origin());
        DeployAnswers.answer(context, result, "Not promoted to " + env.get());
    }
}
