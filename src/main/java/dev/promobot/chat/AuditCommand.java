package dev.promobot.chat;

import dev.promobot.audit.AuditReport;
import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** /audit: runs the ECR lifecycle audit now and answers with the details (admins). */
@ApplicationScoped
public class AuditCommand implements ChatCommand {

    private final LifecycleAuditJob job;

    AuditCommand(LifecycleAuditJob job) {
        this.job = job;
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String usage() {
        return "/audit";
    }

    @Override
    public String description() {
        return "run the ECR lifecycle audit now";
    }

    @Override
    public Optional<Role> requiredRole() {
        return Optional.of(Role.ADMIN);
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public void run(CommandContext context) {
        AuditReport report = job.runAndStore("command");
        context.reply(AuditMessages.details(report));
    }
}
