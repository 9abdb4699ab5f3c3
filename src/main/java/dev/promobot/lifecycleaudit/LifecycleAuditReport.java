package dev.promobot.lifecycleaudit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the ECR lifecycle audit found, in the terms the team acts on.
 *
 * @param policyFindings  why the policy is missing or invalid; empty when it evaluated
 * @param dueByRule       per rule priority, how many images are due to expire or be archived
 * @param dangers         images the team still needs that the policy would act on, each with a fix
 * @param otherFindings   tag mutability, odd tags, untagged images
 */
public record LifecycleAuditReport(Instant ranAt, String repository, int images, List<String> policyFindings,
                          Map<Integer, Long> dueByRule, int expiring, int archiving, List<Danger> dangers,
                          List<String> otherFindings, long totalBytes, BigDecimal monthlyCost) {

    /** A needed image at risk: which, why it is needed, what would happen, and how to keep it. */
    public record Danger(String image, String digest, String neededBecause, int rulePriority, String action,
                         String fix) {
    }

    public LifecycleAuditReport {
        policyFindings = List.copyOf(policyFindings);
        dueByRule = Map.copyOf(dueByRule);
        dangers = List.copyOf(dangers);
        otherFindings = List.copyOf(otherFindings);
    }

    /** One line: the state of things at a glance. */
    public String headline() {
        String danger = dangers.isEmpty() ? "nothing the team needs is at risk"
                : dangers.size() + (dangers.size() == 1 ? " needed image is" : " needed images are") + " at risk";
        String policy = policyFindings.isEmpty() ? expiring + " of " + images + " images due to expire"
                + (archiving > 0 ? ", " + archiving + " to be archived" : "")
                : "lifecycle policy problem";
        return (dangers.isEmpty() && policyFindings.isEmpty() ? "✅ " : "⚠️ ") + policy + "; " + danger;
    }
}
