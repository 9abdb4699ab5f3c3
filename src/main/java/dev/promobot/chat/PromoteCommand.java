package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.promotion.Promotions;
import dev.promobot.promotion.Promotions.Finished;
import dev.promobot.promotion.Promotions.NeedsApproval;
import dev.promobot.promotion.Promotions.Plan;
import dev.promobot.promotion.Promotions.Ready;
import dev.promobot.promotion.Promotions.Refused;
import dev.promobot.rules.Action;
import dev.promobot.rules.Image;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * /promote &lt;env&gt; [tag]: deploys exactly the image the environment's source runs. Replies at once with a
 * progress message and edits it with the outcome when Lambda has finished.
 */
@ApplicationScoped
public class PromoteCommand implements ChatCommand {

    private final Promotions promotions;
    private final AuditTrail audit;
    private final ManagedExecutor executor;
    private final Settings settings;

    PromoteCommand(Promotions promotions, AuditTrail audit, ManagedExecutor executor, Settings settings) {
        this.promotions = promotions;
        this.audit = audit;
        this.executor = executor;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "promote";
    }

    @Override
    public String usage() {
        return "/promote &lt;env&gt; [tag]";
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
            context.reply("⛔ " + Html.escape(approval.target().name()) + " needs " + approval.approvals()
                    + " approval(s) before it changes, and approval requests are not available in this version "
                    + "of promobot. Nothing was changed.");
            record(context, target.get(), "refused", "needs approval: " + approval.image().label());
        } else if (plan instanceof Ready ready) {
            start(context, ready);
        }
    }

    private void refuse(CommandContext context, String target, List<Reason> reasons) {
        String lines = reasons.stream().map(reason -> "• " + Html.escape(reason.sentence()))
                .collect(Collectors.joining("\n"));
        context.reply("⛔ Not promoted to " + Html.escape(target) + ":\n" + lines);
        record(context, target, "refused", reasons.stream().map(Reason::sentence).collect(Collectors.joining("; ")));
    }

    private void start(CommandContext context, Ready ready) {
        String from = ready.from().map(Image::label).orElse("nothing known");
        long progress = context.reply("⏳ Promoting " + Formats.image(ready.image()) + " to <b>"
                + Html.escape(ready.target().name()) + "</b> (was " + Html.code(from) + ")…");
        record(context, ready.target().name(), "started", from + " -> " + ready.image().label());
        executor.runAsync(() -> finish(context, progress, promotions.carryOut(ready)));
    }

    private void finish(CommandContext context, long progress, Finished finished) {
        Ready plan = finished.plan();
        String env = Html.escape(plan.target().name());
        String from = plan.from().map(Image::label).orElse("nothing known");
        if (finished.succeeded()) {
            context.edit(progress, "✅ <b>" + env + "</b> now runs " + Formats.image(plan.image()) + "\n"
                    + Html.code(from) + " → " + Html.code(plan.image().label()) + " in "
                    + Formats.seconds(finished.took()) + ", by " + Html.escape(plan.actor().name()));
            record(context, plan.target().name(), "succeeded", from + " -> " + plan.image().label() + " in "
                    + Formats.seconds(finished.took()));
        } else {
            String why = finished.failure().orElse("unknown failure");
            context.edit(progress, "❌ Promoting " + Html.code(plan.image().label()) + " to <b>" + env
                    + "</b> failed after " + Formats.seconds(finished.took()) + ": " + Html.escape(why));
            record(context, plan.target().name(), "failed", from + " -> " + plan.image().label() + ": " + why);
        }
    }

    private void record(CommandContext context, String env, String outcome, String detail) {
        audit.record(Optional.of(context.userId()), context.userName(), Optional.of(context.chatId()), name(),
                context.text(), Optional.of(env), outcome, detail);
    }
}
