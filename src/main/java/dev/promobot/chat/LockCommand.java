package dev.promobot.chat;

import dev.promobot.promotion.LiveState;
import dev.promobot.promotion.Locks;
import dev.promobot.rules.Action;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Role;
import dev.promobot.rules.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** /lock &lt;env&gt; [reason]: a deploy freeze; the environment takes no promotion or rollback until unlocked. */
@ApplicationScoped
public class LockCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("lock", "/lock &lt;env&gt; [reason]",
            "freeze deployments to an environment", Role.ADMIN);

    private final LiveState live;
    private final Locks locks;

    LockCommand(LiveState live, Locks locks) {
        this.live = live;
        this.locks = locks;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        Optional<String> env = context.arg(0);
        if (env.isEmpty()) {
            context.reply("Usage: /lock &lt;env&gt; [reason]");
            return;
        }
        String reason = String.join(" ", context.args().subList(1, context.args().size()));
        Decision decision = Rules.decide(live.observe().snapshot(), context.actor(), new Action.LockEnv(env.get()));
        if (!decision.allowed() || !locks.lock(env.get(), context.userId(), context.userName(), reason)) {
            context.refuse(env, decision.allowed() ? env.get() + " is already locked"
                    : String.join("; ", decision.sentences()));
            return;
        }
        context.reply("🔒 <b>" + Html.escape(env.get()) + "</b> is locked" + (reason.isBlank() ? ""
                : ": " + Html.escape(reason)) + ". No promotion or rollback until /unlock " + Html.escape(env.get()));
        context.record(env, "locked", reason);
    }
}
