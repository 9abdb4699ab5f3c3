package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.LockEnvironment;
import dev.promobot.promotion.LockResult.EnvironmentLocked;
import dev.promobot.promotion.LockResult;
import dev.promobot.promotion.Refusal;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** /lock &lt;env&gt; [reason]: a deploy freeze; the environment takes no promotion or rollback until unlocked. */
@ApplicationScoped
public class LockCommand implements ChatCommand {

    /** The message: templates/LockCommand/locked.html. */
    record locked(String environment, String reason) implements TemplateInstance {
    }

    private static final Spec SPEC = Spec.changing("lock", "/lock <env> [reason]",
            "freeze deployments to an environment", Permission.LOCK).withService();

    private final LockEnvironment locks;

    private final Settings settings;

    LockCommand(LockEnvironment locks, Settings settings) {
        this.settings = settings;
        this.locks = locks;
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
        LockResult result = locks.lock(context.actor(), service, env.get(), context.rest(1),
                context.origin());
        if (result instanceof Refusal refusal) {
            context.replyRefusal(refusal);
        } else if (result instanceof EnvironmentLocked locked) {
            context.reply(Messages.render(new locked(locked.environment(), locked.reason())));
        }
    }
}
