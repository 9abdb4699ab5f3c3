package dev.promobot.chat;

import dev.promobot.lifecycleaudit.LifecycleAuditJob;
import dev.promobot.lifecycleaudit.LifecycleAuditMessages;
import dev.promobot.lifecycleaudit.LifecycleAuditReport;
import dev.promobot.rules.Permission;
import jakarta.enterprise.context.ApplicationScoped;

/** /audit: runs the ECR lifecycle audit now and answers with the details (admins). */
@ApplicationScoped
public class LifecycleAuditCommand implements ChatCommand {

    private static final Spec SPEC = Spec.looking("audit", "/audit",
            "run the ECR lifecycle audit now", Permission.RUN_LIFECYCLE_AUDIT);

    private final LifecycleAuditJob job;

    LifecycleAuditCommand(LifecycleAuditJob job) {
        this.job = job;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        LifecycleAuditReport report = job.runAndStore("command");
        context.reply(LifecycleAuditMessages.details(report));
    }
}
