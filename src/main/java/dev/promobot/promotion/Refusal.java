package dev.promobot.promotion;

import dev.promobot.rules.Reason;

import java.util.List;
import java.util.stream.Collectors;

/** Nothing happened; the rules' reasons say why. Already written to the audit trail. */
public record Refusal(List<Reason> reasons)
        implements DeployResult, ApproveResult, RejectResult, LockResult, FreezeResult {

    public Refusal {
        reasons = List.copyOf(reasons);
    }

    /** The reasons in one line, "; " between them. */
    public String sentences() {
        return reasons.stream().map(Reason::sentence).collect(Collectors.joining("; "));
    }
}
