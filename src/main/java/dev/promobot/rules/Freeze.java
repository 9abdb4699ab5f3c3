package dev.promobot.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The stop-the-line freeze: while it holds, no promotion moves to any environment (R13). Rollbacks stay allowed,
 * since they are how a team gets out of an incident. Two distinct approvers or admins lift it with /unfreeze.
 *
 * @param reason            may be blank
 * @param unfreezeVoterIds  who has asked to lift it so far (at most one short of {@link #VOTES_TO_LIFT})
 */
public record Freeze(long frozenBy, String frozenByName, Instant since, String reason, List<Long> unfreezeVoterIds) {

    /** Distinct approvers or admins it takes to lift a freeze: one person alone cannot restart the line. */
    public static final int VOTES_TO_LIFT = 2;

    public Freeze {
        Objects.requireNonNull(frozenByName, "frozenByName");
        Objects.requireNonNull(since, "since");
        reason = reason == null ? "" : reason;
        unfreezeVoterIds = List.copyOf(unfreezeVoterIds);
    }
}
