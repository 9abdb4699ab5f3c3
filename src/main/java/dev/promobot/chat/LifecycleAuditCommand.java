package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.lifecycleaudit.LifecycleAuditJob;
import dev.promobot.lifecycleaudit.LifecycleAuditMessages;
import dev.promobot.rules.Permission;
import dev.promobot.rules.Service;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Optional;

/** /audit: runs the ECR lifecycle audit now and answers with the details (admins). */
@ApplicationScoped
public class LifecycleAuditCommand implements ChatCommand {

    private static final Spec SPEC = Spec.looking("audit", "/audit",
            "run the ECR lifecycle audit now", Permission.RUN_LIFECYCLE_AUDIT).withService();

    private final LifecycleAuditJob job;

    private final Settings settings;

    LifecycleAuditCommand(LifecycleAuditJob job, Settings settings) {
        this.settings = settings;
        this.job = job;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext command) {
        Optional<ServiceArgument.Chosen> named = ServiceArgument.named(command, settings.services());
        List<Service> meant = named.map(chosen -> List.of(chosen.service()))
                .orElseGet(() -> settings.services().meantIn(command.chatId()));
        if (meant.size() == 1) {
            command.reply(LifecycleAuditMessages.details(job.runAndStore(meant.get(0), "command")));
            return;
        }
        // Every service the chat can mean, one section each, as the scheduled audit posts them.
        command.reply(job.runAndStoreEach(meant, "command"));
    }
}
