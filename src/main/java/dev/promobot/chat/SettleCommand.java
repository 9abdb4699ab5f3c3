package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.DeploymentStatus;
import dev.promobot.promotion.SettleDeployments.Result;
import dev.promobot.promotion.SettleDeployments;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * /settle &lt;env&gt;: settles the environment's deployment in flight now, from what Lambda reports of each function,
 * and says what it found (admins). The same settling the sweeper runs when an owner's lease runs out.
 */
@ApplicationScoped
public class SettleCommand implements ChatCommand {

    /** The answers: templates/SettleCommand/*.html. */
    record settled(DeploymentStatus status, long id, String sentence) implements TemplateInstance {
    }

    record waiting(long id, String environment, String sentence) implements TemplateInstance {
    }

    record unreadable(long id, String environment, String sentence) implements TemplateInstance {
    }

    record nothing(String environment) implements TemplateInstance {
    }

    record unknown(String environment, String environments) implements TemplateInstance {
    }

    private static final Spec SPEC = Spec.changing("settle", "/settle <env>",
            "settle a deployment in progress from what Lambda says", Permission.SETTLE).withService();

    private final SettleDeployments settling;

    private final Settings settings;

    SettleCommand(SettleDeployments settling, Settings settings) {
        this.settings = settings;
        this.settling = settling;
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
        if (env.isEmpty()) {
            context.replyText("Usage: " + SPEC.usage(settings.services().several()));
            return;
        }
        Result result = settling.settleNow(service, env.get(), context.actor());
        context.reply(Messages.render(answerTo(result, env.get())));
    }

    private static TemplateInstance answerTo(Result result, String env) {
        if (result instanceof Result.Settled done) {
            return new settled(done.settled().status(), done.settled().deployment().id(), done.settled().sentence());
        }
        if (result instanceof Result.StillUpdating still) {
            return new waiting(still.deployment().id(), env, still.sentence());
        }
        if (result instanceof Result.Unreadable failed) {
            return new unreadable(failed.deployment().id(), env, failed.sentence());
        }
        if (result instanceof Result.UnknownEnvironment none) {
            return new unknown(env, String.join(", ", none.environments()));
        }
        return new nothing(env);
    }
}
