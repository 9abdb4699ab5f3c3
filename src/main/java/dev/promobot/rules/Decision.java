package dev.promobot.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules' answer: allowed, or refused with every reason that applies.
 *
 * @param image           what will be deployed (promotion, approval, rollback)
 * @param from            what the environment runs now, if known
 * @param approvalsNeeded approvals the target environment needs; above 0 on a promotion means "open a request"
 * @param deployNow       whether the caller should deploy now, rather than wait for approvals
 */
public record Decision(boolean allowed, List<Reason> reasons, Optional<Image> image, Optional<Image> from,
                       int approvalsNeeded, boolean deployNow) {

    public Decision {
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(from, "from");
        if (allowed != reasons.isEmpty()) {
            throw new IllegalArgumentException("a decision is allowed exactly when it has no reasons: " + reasons);
        }
        if (deployNow && !allowed) {
            throw new IllegalArgumentException("a refused decision cannot deploy");
        }
    }

    /** Allowed, nothing to deploy: read-only commands, locks, rejections. */
    public static Decision allow() {
        return new Decision(true, List.of(), Optional.empty(), Optional.empty(), 0, false);
    }

    /** Allowed, deploy {@code image} now. */
    public static Decision deploy(Image image, Optional<Image> from) {
        return new Decision(true, List.of(), Optional.of(image), from, 0, true);
    }

    /** Allowed, but only as an approval request that needs {@code approvalsNeeded} approvals first. */
    public static Decision awaitApproval(Image image, Optional<Image> from, int approvalsNeeded) {
        return new Decision(true, List.of(), Optional.of(image), from, approvalsNeeded, false);
    }

    /** An approval may be recorded; {@code deployNow} when it is the last one needed. */
    public static Decision approval(Image image, Optional<Image> from, int approvalsNeeded, boolean deployNow) {
        return new Decision(true, List.of(), Optional.of(image), from, approvalsNeeded, deployNow);
    }

    public static Decision refuse(List<Reason> reasons) {
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs at least one reason");
        }
        return new Decision(false, reasons, Optional.empty(), Optional.empty(), 0, false);
    }

    public boolean refused() {
        return !allowed;
    }

    public boolean refusedBy(Rule rule) {
        return reasons.stream().anyMatch(reason -> reason.rule() == rule);
    }

    public List<Rule> rules() {
        return reasons.stream().map(Reason::rule).distinct().toList();
    }

    public List<String> sentences() {
        return reasons.stream().map(Reason::sentence).toList();
    }
}
