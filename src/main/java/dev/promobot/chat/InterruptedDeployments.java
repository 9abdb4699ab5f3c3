package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.promotion.Reconciliation;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * At start-up, settles deployments a crash left in progress and tells the chat once: in the message that reported
 * the deployment when it is known, else in the channel (or the first team chat).
 */
@ApplicationScoped
public class InterruptedDeployments {

    private static final Logger LOG = Logger.getLogger(InterruptedDeployments.class);

    private final Reconciliation reconciliation;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Settings settings;
    private final ManagedExecutor executor;

    InterruptedDeployments(Reconciliation reconciliation, Outbox outbox, AuditTrail audit, Settings settings,
                           ManagedExecutor executor) {
        this.reconciliation = reconciliation;
        this.outbox = outbox;
        this.audit = audit;
        this.settings = settings;
        this.executor = executor;
    }

    void atStartup(@Observes StartupEvent event) {
        executor.runAsync(this::reconcile);
    }

    /** Settles what is left in progress now; also what start-up runs. */
    public List<Reconciliation.Settled> reconcile() {
        List<Reconciliation.Settled> settled = reconciliation.reconcile();
        for (Reconciliation.Settled one : settled) {
            LOG.infof("Deployment %d: %s", one.deployment().id(), one.sentence());
            String icon = switch (one.status()) {
                case SUCCEEDED -> "✅ ";
                case RESTORED -> "↩️ ";
                default -> "❌ ";
            };
            String text = icon + Html.escape(capitalised(one.sentence())) + ".";
            Optional<Long> chat = one.deployment().chatId()
                    .or(settings::channel).or(() -> settings.chats().stream().findFirst());
            if (one.deployment().outboxId().isPresent() && one.deployment().chatId().isPresent()) {
                outbox.edit(one.deployment().outboxId().get(), one.deployment().chatId().get(), text, Optional.empty());
            } else {
                chat.ifPresent(id -> outbox.send(id, text, Optional.empty(), Optional.empty()));
            }
            audit.record(Optional.empty(), "promobot", chat, "reconcile", "deployment #" + one.deployment().id(),
                    Optional.of(one.deployment().environment()), one.status().name().toLowerCase(Locale.ROOT), one.sentence());
        }
        return settled;
    }

    private static String capitalised(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }
}
