package dev.promobot.lifecycleaudit;


import dev.promobot.telegram.Html;

import java.util.Locale;
import java.util.Map;

/** The audit as chat reads it: a one-screen summary for the channel, the full details for /audit. */
public final class LifecycleAuditMessages {

    private LifecycleAuditMessages() {
    }

    public static String summary(LifecycleAuditReport report) {
        StringBuilder out = new StringBuilder("<b>ECR lifecycle audit</b> · ").append(Html.escape(report.repository()))
                .append("\n").append(Html.escape(report.headline()));
        report.policyFindings().stream().limit(3).forEach(f -> out.append("\n• ").append(Html.escape(f)));
        report.dangers().forEach(danger -> out.append("\n🚨 ").append(Html.code(danger.image())).append(" (")
                .append(Html.escape(danger.neededBecause())).append(") would ").append(danger.action())
                .append(" by rule ").append(danger.rulePriority()));
        report.otherFindings().stream().limit(3).forEach(f -> out.append("\n• ").append(Html.escape(f)));
        out.append("\n").append(report.images()).append(" images, ").append(gib(report.totalBytes()))
                .append(" GiB, about $").append(report.monthlyCost().toPlainString()).append("/month")
                .append("\nDetails: /audit");
        return out.toString();
    }

    public static String details(LifecycleAuditReport report) {
        StringBuilder out = new StringBuilder(summary(report).replace("\nDetails: /audit", ""));
        if (!report.dueByRule().isEmpty()) {
            out.append("\n\n<b>Due per rule</b>");
            for (Map.Entry<Integer, Long> rule : report.dueByRule().entrySet()) {
                out.append("\nrule ").append(rule.getKey()).append(": ").append(rule.getValue()).append(" images");
            }
        }
        if (!report.dangers().isEmpty()) {
            out.append("\n\n<b>How to keep what the team needs</b>");
            report.dangers().forEach(danger -> out.append("\n").append(Html.code(danger.image())).append(": ")
                    .append(Html.escape(danger.fix())));
        }
        report.policyFindings().stream().skip(3).forEach(f -> out.append("\n• ").append(Html.escape(f)));
        report.otherFindings().stream().skip(3).forEach(f -> out.append("\n• ").append(Html.escape(f)));
        return out.toString();
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / (double) (1L << 30));
    }
}
