package dev.promobot.chat;

import dev.promobot.promotion.AuditTrail;
import dev.promobot.promotion.LiveState;
import dev.promobot.promotion.Locks;
import dev.promobot.rules.Action;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Role;
import dev.promobot.rules.Rules;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.stream.Collectors;

/** /unlock &lt;env&gt;: ends a deploy freeze. */
@ApplicationScoped
public class UnlockCommand implements ChatCommand {

    private final LiveState live;
    private final Locks locks;
    private final AuditTrail audit;

    UnlockCommand(LiveState live, Locks locks, AuditTrail audit) {
        this.live = live;
        this.locks = locks;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "unlock";
    }

    @Override
    public String usage() {
        return "/unlock &lt;env&gt;";
    }

    @Override
    public String description() {
        return "end a deploy freeze";
    }

    @Override
    public Optional<Role> requiredRole() {
        return Optional.of(Role.ADMIN);
    }

    @Override
    public boolean readOnly() {
        return false;
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
            String why = decision.allowed() ? env.get() + " is not locked"
                    : decision.reasons().stream().map(Reason::sentence).collect(Collectors.joining("; "));
            context.reply("⛔ " + Html.escape(why));
            audit.record(Optional.of(context.userId()), context.userName(), Optional.of(context.chatId()), name(),
                    context.text(), env, "refused", why);
            return;
        }
        context.reply("🔓 <b>" + Html.escape(env.get()) + "</b> is unlocked.");
        audit.record(Optional.of(context.userId()), context.userName(), Optional.of(context.chatId()), name(),
                context.text(), env, "unlocked", "");
    }
}
