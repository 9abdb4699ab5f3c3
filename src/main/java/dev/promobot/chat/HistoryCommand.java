package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import dev.promobot.telegram.Formats;
import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** /history [env] [n]: the audit trail, newest first (10 by default, at most 50). */
@ApplicationScoped
public class HistoryCommand implements ChatCommand {

    private static final Spec SPEC = Spec.looking("history", "/history [env] [n]",
            "the audit trail, newest first", Permission.VIEW).withService();

    /** The message: templates/HistoryCommand/history.html. */
    record history(String environment, List<EventView> events) implements TemplateInstance {
    }

    record EventView(String at, String who, String text, String outcome, String detail) {
    }

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
    public void run(CommandContext command) {
        // Without a service named, the history of every service the chat can mean.
        Optional<ServiceArgument.Chosen> named = ServiceArgument.named(command, settings.services());
        CommandContext context = named.map(ServiceArgument.Chosen::context).orElse(command);
        List<Service> services = named.map(chosen -> List.of(chosen.service()))
                .orElseGet(() -> settings.services().meantIn(command.chatId()));
        // With one service, everything (refusals before any service was chosen included); with several, only the
        // one named or the one the chat is bound to.
        Optional<String> service = settings.services().several() && services.size() == 1
                ? Optional.of(services.get(0).name()) : Optional.empty();
        List<String> environments = services.stream().flatMap(s -> s.pipeline().names().stream()).distinct().toList();
        Optional<String> env = Optional.empty();
        int count = DEFAULT;
        for (String arg : context.args()) {
            if (arg.matches("[0-9]{1,6}")) {
                count = Math.max(1, Math.min(MAX, Integer.parseInt(arg)));
            } else if (environments.contains(arg)) {
                env = Optional.of(arg);
            } else {
                context.replyText("Usage: " + SPEC.usage(settings.services().several()) + "; environments: "
                        + String.join(", ", environments) + "; n up to " + MAX);
                return;
            }
        }
        List<AuditTrail.Event> events = audit.recent(service, env, count);
        if (events.isEmpty()) {
            context.replyText("No history" + env.map(e -> " for " + e).orElse("") + " yet.");
            return;
        }
        context.reply(Messages.render(new history(env.orElse(""), events.stream().map(event -> new EventView(
                Formats.time(event.at(), settings.timeZone()), event.userName() == null ? "promobot" : event.userName(),
                event.text() == null ? "/" + event.command() : event.text(), event.outcome().dbValue(),
                event.detail() == null || event.detail().isBlank() ? "" : abbreviate(event.detail()))).toList())));
    }

    private static String abbreviate(String text) {
        return text.length() <= 160 ? text : text.substring(0, 159) + "…";
    }
}
