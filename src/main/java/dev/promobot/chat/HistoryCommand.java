package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.rules.Permission;
import dev.promobot.telegram.Html;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** /history [env] [n]: the audit trail, newest first (10 by default, at most 50). */
@ApplicationScoped
public class HistoryCommand implements ChatCommand {

    private static final Spec SPEC = Spec.looking("history", "/history [env] [n]",
            "the audit trail, newest first", Permission.VIEW);

    static final int DEFAULT = 10;
    static final int MAX = 50;

    private final AuditTrail audit;
    private final Settings settings;

    HistoryCommand(AuditTrail audit, Settings settings) {
        this.audit = audit;
        this.settings = settings;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        Optional<String> env = Optional.empty();
        int count = DEFAULT;
        for (String arg : context.args()) {
            if (arg.matches("[0-9]{1,6}")) {
                count = Math.max(1, Math.min(MAX, Integer.parseInt(arg)));
            } else if (settings.pipeline().environment(arg).isPresent()) {
                env = Optional.of(arg);
            } else {
                context.reply("Usage: /history [env] [n]; environments: "
                        + Html.escape(String.join(", ", settings.pipeline().names())) + "; n up to " + MAX);
                return;
            }
        }
        List<AuditTrail.Event> events = audit.recent(env, count);
        if (events.isEmpty()) {
            context.reply("No history" + env.map(e -> " for " + Html.escape(e)).orElse("") + " yet.");
            return;
        }
        StringBuilder out = new StringBuilder("<b>History</b>")
                .append(env.map(e -> " · " + Html.escape(e)).orElse("")).append(" (newest first)");
        for (AuditTrail.Event event : events) {
            out.append("\n").append(Formats.time(event.at(), settings.timeZone())).append(" ")
                    .append(Html.escape(event.userName() == null ? "promobot" : event.userName())).append(": ")
                    .append(Html.code(event.text() == null ? "/" + event.command() : event.text()))
                    .append(" → ").append(event.outcome().dbValue());
            if (event.detail() != null && !event.detail().isBlank()) {
                out.append(" (").append(Html.escape(abbreviate(event.detail()))).append(")");
            }
        }
        context.reply(out.toString());
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 159) + "…";
    }
}
