package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.LockEnvironment;
import dev.promobot.promotion.LockResult.EnvironmentUnlocked;
import dev.promobot.promotion.LockResult;
import dev.promobot.promotion.Refusal;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** /unlock &lt;env&gt;: ends a deploy freeze. */
@ApplicationScoped
public class UnlockCommand implements ChatCommand {

    /** The message: templates/UnlockCommand/unlocked.html. */
    record unlocked(String environment) implements TemplateInstance {
    }

    private static final Spec SPEC = Spec.changing("unlock", "/unlock <env>", "end a deploy freeze",
            Permission.LOCK).withService();

    private final LockEnvironment locks;

    private final Settings settings;

    UnlockCommand(LockEnvironment locks, Settings settings) {
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
        LockResult result = locks.unlock(context.actor(), service, env.get(), context.origin());
        if (result instanceof Refusal refusal) {
            context.replyRefusal(refusal);
        } else if (result instanceof EnvironmentUnlocked unlocked) {
            context.reply(Messages.render(new unlocked(unlocked.environment())));
        }
    }
}
