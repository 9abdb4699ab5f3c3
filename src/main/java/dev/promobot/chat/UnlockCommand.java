package dev.promobot.chat;

import dev.promobot.promotion.LiveState;
import dev.promobot.promotion.Locks;
import dev.promobot.rules.Action;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Role;
import dev.promobot.rules.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** /unlock &lt;env&gt;: ends a deploy freeze. */
@ApplicationScoped
public class UnlockCommand implements ChatCommand {

    private static final Spec SPEC = Spec.changing("unlock", "/unlock &lt;env&gt;",
            "end a deploy freeze", Role.ADMIN);

    private final LiveState live;
    private final Locks locks;

    UnlockCommand(LiveState live, Locks locks) {
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
            context.reply("Usage: /unlock &lt;env&gt;");
            return;
        }
        Decision decision = Rules.decide(live.observe().snapshot(), context.actor(),
                new Action.UnlockEnv(env.get()));
        if (!decision.allowed() || !locks.unlock(env.get())) {
            context.refuse(env, decision.allowed() ? env.get() + " is not locked"
                    : String.join("; ", decision.sentences()));
            return;
        }
        context.reply("🔓 <b>" + Html.escape(env.get()) + "</b> is unlocked.");
        context.record(env, "unlocked", "");
    }
}
