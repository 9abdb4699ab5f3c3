package dev.promobot.chat;

import dev.promobot.audit.AuditReport;
import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;


/** /audit: runs the ECR lifecycle audit now and answers with the details (admins). */
@ApplicationScoped
public class AuditCommand implements ChatCommand {

    private static final Spec SPEC = Spec.readOnly("audit", "/audit",
            "run the ECR lifecycle audit now", Role.ADMIN);

    private final LifecycleAuditJob job;

    AuditCommand(LifecycleAuditJob job) {
        this.job = job;
    }

    @Override
    public Spec spec() {
        return SPEC;
    }

    @Override
    public void run(CommandContext context) {
        AuditReport report = job.runAndStore("command");
        context.reply(AuditMessages.details(report));
    }
}
