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

/** /lock &lt;env&gt; [reason]: a deploy freeze; the environment takes no promotion or rollback until unlocked. */
@ApplicationScoped
public class LockCommand implements ChatCommand {

    private final LiveState live;
    private final Locks locks;
    private final AuditTrail audit;

    LockCommand(LiveState live, Locks locks, AuditTrail audit) {
        this.live = live;
        this.locks = locks;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "lock";
    }

    @Override
    public String usage() {
        return "/lock &lt;env&gt; [reason]";
    }

    @Override
    public String description() {
        return "freeze deployments to an environment";
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
            context.reply("Usage: /lock &lt;env&gt; [reason]");
            return;
        }
        String reason = String.join(" ", context.args().subList(1, context.args().size()));
        Decision decision = Rules.decide(live.observe().snapshot(), context.actor(), new Action.LockEnv(env.get()));
        if (!decision.allowed() || !locks.lock(env.get(), context.userId(), context.userName(), reason)) {
            String why = decision.allowed() ? env.get() + " is already locked"
                    : decision.reasons().stream().map(Reason::sentence).collect(Collectors.joining("; "));
            context.reply("⛔ " + Html.escape(why));
            audit.record(Optional.of(context.userId()), context.userName(), Optional.of(context.chatId()), name(),
                    context.text(), env, "refused", why);
            return;
        }
        context.reply("🔒 <b>" + Html.escape(env.get()) + "</b> is locked" + (reason.isBlank() ? ""
                : ": " + Html.escape(reason)) + ". No promotion or rollback until /unlock " + Html.escape(env.get()));
        audit.record(Optional.of(context.userId()), context.userName(), Optional.of(context.chatId()), name(),
                context.text(), env, "locked", reason);
    }
}
