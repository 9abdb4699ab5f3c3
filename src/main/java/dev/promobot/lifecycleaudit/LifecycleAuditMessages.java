package dev.promobot.lifecycleaudit;

import dev.promobot.telegram.Messages;
import io.quarkus.qute.TemplateInstance;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The lifecycle audit as the chat reads it (templates/LifecycleAuditMessages/lifecycleAudit.html): a one-screen
 * summary for the channel, the full details for /audit.
 */
public final class LifecycleAuditMessages {

    /** At most this many findings of each kind in the summary; the details list the rest. */
    private static final int SHOWN = 3;

    record lifecycleAudit(boolean details, String repository, String headline, List<String> policyFindings,
                          List<LifecycleAuditReport.Danger> dangers, List<String> otherFindings, int images,
                          String gib, String monthlyCost, List<Due> dueByRule, List<String> morePolicyFindings,
                          List<String> moreOtherFindings) implements TemplateInstance {
    }

    record Due(int rule, long images) {
    }

    record notRun(String repository, String reason) implements TemplateInstance {
    }

    private LifecycleAuditMessages() {
    }

    /** For the channel, when the scheduled audit could not read the repository. */
    public static String notRun(String repository, String reason) {
        return Messages.render(new notRun(repository, reason));
    }

    public static String summary(LifecycleAuditReport report) {
        return render(report, false);
    }

    public static String details(LifecycleAuditReport report) {
        return render(report, true);
    }

    private static String render(LifecycleAuditReport report, boolean details) {
        List<Due> due = report.dueByRule().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(rule -> new Due(rule.getKey(), rule.getValue())).toList();
        return Messages.render(new lifecycleAudit(details, report.repository(), report.headline(),
                first(report.policyFindings()), report.dangers(), first(report.otherFindings()), report.images(),
                String.format(Locale.ROOT, "%.1f", report.totalBytes() / (double) (1L << 30)),
                report.monthlyCost().toPlainString(), due, rest(report.policyFindings()),
                rest(report.otherFindings())));
    }

    private static List<String> first(List<String> findings) {
        return findings.stream().limit(SHOWN).toList();
    }

    private static List<String> rest(List<String> findings) {
        return findings.stream().skip(SHOWN).toList();
    }
}
