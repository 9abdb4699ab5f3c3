package dev.promobot.rules;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One thing a team deploys: its images live in one ECR repository and run in the Lambda functions of its own
 * pipeline. Locks, requests, release tags and deployments belong to one service and never affect another.
 *
 * @param name              how people name it in chat ("report-worker")
 * @param repository        the ECR repository of its images
 * @param registryId        the AWS account of that registry, when it is not the caller's
 * @param pipeline          its environments, each with its functions
 * @param rollbackApprovals approvals a rollback needs, by environment; 0 (or absent) means none
 * @param chats             team chats bound to this service; empty means every team chat
 * @param gitHubRepository  the GitHub repository ("owner/name") of its source: where its release tags are checked,
 *                          its changelogs listed and its commit times read; absent, it gets none of these
 */
public record Service(String name, String repository, Optional<String> registryId, Pipeline pipeline,
                      Map<String, Integer> rollbackApprovals, Set<Long> chats,
                      Optional<String> gitHubRepository) {

    public Service {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(registryId, "registryId");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(gitHubRepository, "gitHubRepository");
        rollbackApprovals = Map.copyOf(rollbackApprovals);
        chats = Set.copyOf(chats);
    }

    /** Approvals a rollback of the environment needs; 0 means an approver rolls back at once. */
    public int rollbackApprovalsOf(String environment) {
        return rollbackApprovals.getOrDefault(environment, 0);
    }

    /** Whether people in the chat may mean this service without naming it among others. */
    public boolean boundTo(long chatId) {
        return chats.contains(chatId);
    }

    @Override
    public String toString() {
        return name;
    }
}
