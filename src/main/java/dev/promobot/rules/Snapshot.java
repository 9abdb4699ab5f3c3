package dev.promobot.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the rules look at, read at one moment: what each environment runs, the images in ECR, locks,
 * deployments in flight, open approval requests, release tags in use and each environment's history.
 *
 * @param repository     the ECR repository name, for sentences
 * @param running        what each environment runs, by environment name
 * @param images         every image in the repository
 * @param locks          by environment name
 * @param inFlight       by environment name
 * @param usedReleaseTags the digest each release tag has named
 * @param history        per environment, the images it ran, newest first
 * @param roles          everyone's role now, by Telegram user id: a request's requester and approvers are
 *                       checked against it when the request completes (R12)
 * @param freeze         the stop-the-line freeze, while it holds (R13)
 * @param freezeWindows  occurrences of scheduled freeze windows; only those in force at {@code now} count (R14)
 */
public record Snapshot(Pipeline pipeline, String repository, Map<String, EnvironmentState> running,
                       List<Image> images, Map<String, Lock> locks, Map<String, InFlight> inFlight,
                       List<ApprovalRequest> openRequests, Map<ReleaseTag, Digest> usedReleaseTags,
                       Map<String, List<PastDeployment>> history, Instant now, Map<Long, Role> roles,
                       Optional<Freeze> freeze, List<FreezeWindow> freezeWindows) {

    /** A snapshot with no freeze and no freeze window. */
    public Snapshot(Pipeline pipeline, String repository, Map<String, EnvironmentState> running,
                    List<Image> images, Map<String, Lock> locks, Map<String, InFlight> inFlight,
                    List<ApprovalRequest> openRequests, Map<ReleaseTag, Digest> usedReleaseTags,
                    Map<String, List<PastDeployment>> history, Instant now, Map<Long, Role> roles) {
        this(pipeline, repository, running, images, locks, inFlight, openRequests, usedReleaseTags, history, now,
                roles, Optional.empty(), List.of());
    }

    public Snapshot {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(repository, "repository");
        running = Map.copyOf(running);
        images = List.copyOf(images);
        locks = Map.copyOf(locks);
        inFlight = Map.copyOf(inFlight);
        openRequests = List.copyOf(openRequests);
        usedReleaseTags = Map.copyOf(usedReleaseTags);
        history = Map.copyOf(history);
        Objects.requireNonNull(now, "now");
        roles = Map.copyOf(roles);
        Objects.requireNonNull(freeze, "freeze");
        freezeWindows = List.copyOf(freezeWindows);
    }

    /** The same moment seen under another freeze: the one of the scope a /freeze or /unfreeze is about. */
    public Snapshot withFreeze(Optional<Freeze> other) {
        return new Snapshot(pipeline, repository, running, images, locks, inFlight, openRequests, usedReleaseTags,
                history, now, roles, other, freezeWindows);
    }

    /** The freeze windows in force now that cover the environment, the one ending last first. */
    public List<FreezeWindow> windowsInForce(String environment) {
        return freezeWindows.stream().filter(window -> window.covers(environment) && window.inForceAt(now))
                .sorted(java.util.Comparator.comparing(FreezeWindow::end).reversed()).toList();
    }

    /** Whether the person holds at least {@code least} now. */
    public boolean holds(long userId, Role least) {
        return Optional.ofNullable(roles.get(userId)).filter(role -> role.includes(least)).isPresent();
    }

    public Optional<Image> imageByDigest(Digest digest) {
        return images.stream().filter(image -> image.digest().equals(digest)).findFirst();
    }

    /** The image that carries exactly this tag now. */
    public Optional<Image> imageByTag(String tag) {
        return images.stream().filter(image -> image.hasTag(tag)).findFirst();
    }

    /** The image an environment runs, when it runs one image and that image is still in ECR. */
    public Optional<Image> runningImage(String environment) {
        return state(environment).flatMap(EnvironmentState::digest).flatMap(this::imageByDigest);
    }

    public Optional<EnvironmentState> state(String environment) {
        return lookup(running, environment);
    }

    public Optional<Lock> lock(String environment) {
        return lookup(locks, environment);
    }

    public Optional<InFlight> inFlight(String environment) {
        return lookup(inFlight, environment);
    }

    /** The images an environment ran, newest first; empty when nothing is recorded. */
    public List<PastDeployment> history(String environment) {
        return lookup(history, environment).orElse(List.of());
    }

    public Optional<ApprovalRequest> openRequest(long id) {
        return openRequests.stream().filter(request -> request.id() == id).findFirst();
    }

    // Immutable maps throw on get(null); a missing name simply finds nothing.
    private static <V> Optional<V> lookup(Map<String, V> map, String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(map.get(key));
    }
}
