package dev.promobot.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One stage of the pipeline: the Lambda functions it consists of, the environment it takes its image from,
 * and what a promotion into it needs.
 *
 * @param name                the environment's name as people type it ("staging")
 * @param functions           the Lambda functions that together are this environment
 * @param source              the environment whose image is promoted into this one; empty for the first stage
 * @param approvals           distinct approvers a promotion needs; 0 means none
 * @param releaseTagRequired  whether a promotion needs a vMAJOR.MINOR.PATCH release tag
 */
public record Environment(String name, List<String> functions, Optional<String> source, int approvals,
                          boolean releaseTagRequired) {

    public Environment {
        Objects.requireNonNull(name, "name");
        functions = List.copyOf(functions);
        Objects.requireNonNull(source, "source");
    }

    public boolean needsApproval() {
        return approvals > 0;
    }

    @Override
    public String toString() {
        return name;
    }
}
