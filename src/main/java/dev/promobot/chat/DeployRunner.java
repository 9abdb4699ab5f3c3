package dev.promobot.chat;

import dev.promobot.promotion.Deployments;
import dev.promobot.promotion.Promotions;
import dev.promobot.promotion.Promotions.Finished;
import dev.promobot.promotion.Promotions.Ready;
import dev.promobot.rules.Image;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;

import java.util.Optional;

/**
 * Runs a recorded deployment for a command: answers at once with a progress message, deploys in the background,
 * then edits the message with the outcome (from -> to, seconds taken, who) and writes the audit trail.
 */
@ApplicationScoped
public class DeployRunner {

    private final Promotions promotions;
    private final Deployments deployments;
    private final ManagedExecutor executor;

    DeployRunner(Promotions promotions, Deployments deployments, ManagedExecutor executor) {
        this.promotions = promotions;
        this.deployments = deployments;
        this.executor = executor;
    }

    public void run(CommandContext context, Ready ready) {
        String verb = ready.kind() == Deployments.Kind.ROLLBACK ? "Rolling back" : "Promoting";
        String from = ready.from().map(Image::label).orElse("nothing known");
        String env = Html.escape(ready.target().name());
        long progress = context.reply("⏳ " + verb + " <b>" + env + "</b> to " + Formats.image(ready.image())
                + " (was " + Html.code(from) + ")…");
        deployments.attachMessage(ready.deploymentId(), context.chatId(), progress);
        record(context, ready, "started", from + " -> " + ready.image().label());
        executor.runAsync(() -> {
            Finished finished = promotions.carryOut(ready);
            if (finished.succeeded()) {
                context.edit(progress, "✅ <b>" + env + "</b> now runs " + Formats.image(ready.image()) + "\n"
                        + Html.code(from) + " → " + Html.code(ready.image().label()) + " in "
                        + Formats.seconds(finished.took()) + ", by " + Html.escape(ready.actor().name()));
                record(context, ready, "succeeded", from + " -> " + ready.image().label() + " in "
                        + Formats.seconds(finished.took()));
            } else {
                String why = finished.failure().orElse("unknown failure");
                context.edit(progress, "❌ " + verb + " <b>" + env + "</b> to " + Html.code(ready.image().label())
                        + " failed after " + Formats.seconds(finished.took()) + ": " + Html.escape(why));
                record(context, ready, "failed", from + " -> " + ready.image().label() + ": " + why);
            }
        });
    }

    private void record(CommandContext context, Ready ready, String outcome, String detail) {
        context.record(Optional.of(ready.target().name()), outcome, detail);
    }
}
