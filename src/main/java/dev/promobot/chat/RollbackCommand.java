package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.DeployResult;
import dev.promobot.promotion.RollBack;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * /rollback &lt;env&gt; [tag]: points the environment back at the image it ran before (or a named one it ran
 * before, still in ECR), at once or through an approval request.
 */
@ApplicationScoped
public class RollbackCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("rollback", "/rollback <env> [tag]",
            "point an environment back at an image it ran before", Permission.ROLL_BACK).withService();

    private final RollBack rollBack;

    private final Settings settings;

    RollbackCommand(RollBack rollBack, Settings settings) {
        this.settings = settings;
        this.rollBack = rollBack;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext command) {
        ServiceArgument.choose(command, settings.services(), this::runFor);
    }

    private void runFor(Service service, CommandContext context) {
        Optional<String> env = context.arg(0);
        if (env.isEmpty() || context.args().size() > 2) {
            context.replyText("Usage: " + SPEC.usage(settings.services().several()) + ", e.g. /rollback staging");
            return;
        }
        DeployResult result = rollBack.rollBack(context.actor(), service, env.get(), context.arg(1),
                context.origin());
        DeployAnswers.answer(context, result, "Not rolled back " + env.get());
    }
}
