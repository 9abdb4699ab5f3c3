package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.promotion.Promotions;
import dev.promobot.promotion.Promotions.NeedsApproval;
import dev.promobot.promotion.Promotions.Plan;
import dev.promobot.promotion.Promotions.Ready;
import dev.promobot.promotion.Promotions.Refused;
import dev.promobot.rules.Action;
import dev.promobot.rules.PromotionRequest;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * /promote &lt;env&gt; [tag | release tag]: deploys exactly the image the environment's source runs, at once, or,
 * where the environment needs approval, opens a promotion request with Approve and Reject buttons.
 */
@ApplicationScoped
public class PromoteCommand implements ChatCommand {

    private final Promotions promotions;
    private final AuditTrail audit;
    private final DeployRunner runner;
    private final RequestFlow requests;
    private final Settings settings;

    PromoteCommand(Promotions promotions, AuditTrail audit, DeployRunner runner, RequestFlow requests,
                   Settings settings) {
        this.promotions = promotions;
        this.audit = audit;
        this.runner = runner;
        this.requests = requests;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "promote";
    }

    @Override
    public String usage() {
        return "/promote &lt;env&gt; [tag], /promote prod vX.Y.Z";
    }

    @Override
    public String description() {
        return "deploy what the source environment runs";
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
            refuse(context, target.get(), refused.reasons());
        } else if (plan instanceof NeedsApproval approval) {
            requests.open(context, approval, promote.releaseTag(), PromotionRequest.Kind.PROMOTE,
                    approval.approvals());
        } else if (plan instanceof Ready ready) {
            runner.run(context, ready);
        }
    }

    private void refuse(CommandContext context, String target, List<Reason> reasons) {
        String lines = reasons.stream().map(reason -> "• " + Html.escape(reason.sentence()))
                .collect(Collectors.joining("\n"));
        context.reply("⛔ Not promoted to " + Html.escape(target) + ":\n" + lines);
        record(context, target, "refused", reasons.stream().map(Reason::sentence).collect(Collectors.joining("; ")));
    }

    private void record(CommandContext context, String env, String outcome, String detail) {
        audit.record(Optional.of(context.userId()), context.userName(), Optional.of(context.chatId()), name(),
                context.text(), Optional.of(env), outcome, detail);
    }
}
