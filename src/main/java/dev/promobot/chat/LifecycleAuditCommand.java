package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.lifecycleaudit.LifecycleAuditJob;
import dev.promobot.lifecycleaudit.LifecycleAuditMessages;
import dev.promobot.rules.Permission;
import jakarta.enterprise.context.ApplicationScoped;

/** /audit: runs the ECR lifecycle audit now and answers with the details (admins). */
@ApplicationScoped
public class LifecycleAuditCommand implements ChatCommand {

    private static final Spec SPEC = Spec.looking("audit", "/audit",
            "run the ECR lifecycle audit now", Permission.RUN_LIFECYCLE_AUDIT);

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
        ServiceArgument.choose(command, settings.services()).ifPresent(chosen -> chosen.context()
                .reply(LifecycleAuditMessages.details(job.runAndStore(chosen.service(), "command"))));
    }
}
