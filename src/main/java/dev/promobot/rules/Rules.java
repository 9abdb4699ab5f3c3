package dev.promobot.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import static dev.promobot.rules.Rule.R10;
import static dev.promobot.rules.Rule.R11;
import static dev.promobot.rules.Rule.R12;
import static dev.promobot.rules.Rule.R13;
import static dev.promobot.rules.Rule.R14;
import static dev.promobot.rules.Rule.R1;
import static dev.promobot.rules.Rule.R2;
import static dev.promobot.rules.Rule.R3;
import static dev.promobot.rules.Rule.R4;
import static dev.promobot.rules.Rule.R5;
import static dev.promobot.rules.Rule.R6;
import static dev.promobot.rules.Rule.R7;
import static dev.promobot.rules.Rule.R8;
import static dev.promobot.rules.Rule.R9;

/**
 * The rule engine: one pure function from (snapshot, actor, action) to a {@link Decision}. Chat, HTTP and CI all
 * ask it the same question and get the same answer.
 *
 * <p>Every applicable reason is collected, not just the first, so a person can fix everything at once. A reason
 * is left out only when an earlier one makes it meaningless (no image comparison when the source runs nothing).
 * The action methods say which rules apply to what; the rule methods below them each check one rule.
 */
public final class Rules {

    private Rules() {
    }

    public static Decision decide(Snapshot snapshot, Actor actor, Action action) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        if (action instanceof Action.View) {
            return view(actor);
        }
        if (action instanceof Action.Promote promote) {
            return promote(snapshot, actor, promote);
        }
        if (action instanceof Action.Approve approve) {
            return approve(snapshot, actor, approve.requestId());
        }
        if (action instanceof Action.Reject reject) {
            return reject(snapshot, actor, reject.requestId());
        }
        if (action instanceof Action.Rollback rollback) {
            return rollback(snapshot, actor, rollback);
        }
        if (action instanceof Action.LockEnv lock) {
            return lock(snapshot, actor, lock.environment());
        }
        if (action instanceof Action.UnlockEnv unlock) {
            return unlock(snapshot, actor, unlock.environment());
        }
        if (action instanceof Action.FreezeAll) {
            return freeze(snapshot, actor);
        }
        if (action instanceof Action.Unfreeze) {
            return unfreeze(snapshot, actor);
        }
        throw new IllegalArgumentException("no rules for action " + action);
    }

    // ---- actions ------------------------------------------------------------------------------------------------

    private static Decision view(Actor actor) {
        return outcome(access(actor, Permission.VIEW.leastRole(), "only team members may look"), Decision::allow);
    }

    private static Decision promote(Snapshot s, Actor actor, Action.Promote promote) {
        List<Reason> reasons = new ArrayList<>(access(actor, Permission.PROMOTE.leastRole(),
                "only deployers may promote to " + promote.environment()));
        if (isOutsider(actor)) {
            return Decision.refuse(reasons);
        }
        Optional<Environment> found = s.pipeline().environment(promote.environment());
        if (found.isEmpty()) {
            reasons.add(unknownEnvironment(s, promote.environment()));
            return Decision.refuse(reasons);
        }
        Environment target = found.get();
        reasons.addAll(frozen(s));
        reasons.addAll(freezeWindows(s, actor, target, promote.override()));
        reasons.addAll(locks(s, target));
        reasons.addAll(oneAtATime(s, target));

        Optional<Environment> source = s.pipeline().sourceOf(target);
        Optional<Digest> moving = source.flatMap(env -> s.state(env.name())).flatMap(EnvironmentState::digest);
        if (source.isEmpty()) {
            reasons.add(new Reason(R3, target.name() + " has no source environment; CI deploys it"));
        } else {
            reasons.addAll(sourcePresent(s, source.get(), target));
            reasons.addAll(digestIdentity(s, source.get()));
        }
        Optional<Image> image = moving.flatMap(s::imageByDigest);
        if (moving.isPresent()) {
            reasons.addAll(sourceImageExists(s, source.get(), moving.get()));
            image.ifPresent(img -> reasons.addAll(carriesImmutableTag(img, "the image " + source.get().name()
                    + " runs")));
        }
        promote.tag().ifPresent(tag -> reasons.addAll(namedTag(s, tag, source, target, moving)));
        moving.ifPresent(digest -> reasons.addAll(alreadyRuns(s, target, digest)));
        reasons.addAll(releaseTag(s, target, promote.releaseTag(), moving));
        reasons.addAll(noOpenRequest(s, target));

        if (!reasons.isEmpty() || image.isEmpty()) {
            return Decision.refuse(reasons);
        }
        Optional<Image> from = s.runningImage(target.name());
        return target.needsApproval()
                ? Decision.awaitApproval(image.get(), from, target.approvals())
                : Decision.deploy(image.get(), from);
    }

    private static Decision approve(Snapshot s, Actor actor, long requestId) {
        Optional<ApprovalRequest> found = s.openRequest(requestId);
        String onlyWho = "only approvers may approve "
                + found.map(ApprovalRequest::environment).orElse("requests");
        List<Reason> reasons = new ArrayList<>(access(actor, Permission.APPROVE.leastRole(), onlyWho));
        if (isOutsider(actor)) {
            return Decision.refuse(reasons);
        }
        if (found.isEmpty()) {
            reasons.add(noSuchRequest(requestId));
            return Decision.refuse(reasons);
        }
        ApprovalRequest request = found.get();
        Optional<Environment> target = s.pipeline().environment(request.environment());
        if (target.isEmpty()) {
            reasons.add(unknownEnvironment(s, request.environment()));
            return Decision.refuse(reasons);
        }
        Environment env = target.get();
        reasons.addAll(approvable(s, actor, request, env));
        reasons.addAll(requesterStillEntitled(s, request, env));
        if (!request.isRollback()) {
            // A promotion request deploys when approved: the freeze and freeze windows stop it then too.
            reasons.addAll(frozen(s));
            if (request.windowOverride().isEmpty()) {
                reasons.addAll(windowsInForce(s, env));
            }
        }
        reasons.addAll(locks(s, env));
        reasons.addAll(oneAtATime(s, env));
        Optional<Image> image = s.imageByDigest(request.digest());
        if (image.isEmpty()) {
            reasons.add(new Reason(R2, "the requested image " + request.tag() + " (digest "
                    + request.digest().shortForm() + ") is no longer in repository " + s.repository()));
        }
        reasons.addAll(alreadyRuns(s, env, request.digest()));
        request.releaseTag().ifPresent(tag -> reasons.addAll(releaseTagFree(s, tag, request.digest())));

        if (!reasons.isEmpty() || image.isEmpty()) {
            return Decision.refuse(reasons);
        }
        int needed = request.approvalsNeeded(env);
        boolean last = countingApprovals(s, request) + 1 >= needed;
        return Decision.approval(image.get(), s.runningImage(env.name()), needed, last);
    }

    private static Decision reject(Snapshot s, Actor actor, long requestId) {
        Optional<ApprovalRequest> found = s.openRequest(requestId);
        boolean isRequester = found.filter(request -> request.requesterUserId() == actor.userId()).isPresent();
        List<Reason> reasons = new ArrayList<>(access(actor, isRequester ? Role.VIEWER : Role.APPROVER,
                "only approvers or the requester may reject #" + requestId));
        if (isOutsider(actor)) {
            return Decision.refuse(reasons);
        }
        if (found.isEmpty()) {
            reasons.add(noSuchRequest(requestId));
        }
        return outcome(reasons, Decision::allow);
    }

    /** Rolling back an environment that needs approval changes it as much as a promotion would. */
    private static Role rollbackRole(Optional<Environment> environment) {
        return environment.filter(Environment::needsApproval).isPresent() ? Role.APPROVER
                : Permission.ROLL_BACK.leastRole();
    }

    private static Decision rollback(Snapshot s, Actor actor, Action.Rollback rollback) {
        Optional<Environment> found = s.pipeline().environment(rollback.environment());
        Role needed = rollbackRole(found);
        List<Reason> reasons = new ArrayList<>(access(actor, needed, "only " + needed.plural()
                + " may roll back " + rollback.environment()));
        if (isOutsider(actor)) {
            return Decision.refuse(reasons);
        }
        if (found.isEmpty()) {
            reasons.add(unknownEnvironment(s, rollback.environment()));
            return Decision.refuse(reasons);
        }
        Environment env = found.get();
        reasons.addAll(locks(s, env));
        reasons.addAll(oneAtATime(s, env));

        Optional<PastDeployment> previous = Optional.empty();
        if (rollback.tag().isEmpty()) {
            previous = previousImage(s, env);
            if (previous.isEmpty()) {
                reasons.add(new Reason(R11, env.name() + " has no earlier image to roll back to"));
            }
        } else {
            String tag = rollback.tag().get();
            Optional<String> malformed = ImageTag.parse(tag).reason();
            malformed.ifPresent(sentence -> reasons.add(new Reason(R1, sentence)));
            if (malformed.isEmpty()) {
                previous = ranBefore(s, env, tag);
                if (previous.isEmpty()) {
                    reasons.add(new Reason(R11, env.name() + " never ran " + tag
                            + "; it can only roll back to an image it ran before"));
                }
            }
        }
        Optional<Image> image = previous.flatMap(past -> s.imageByDigest(past.digest()));
        previous.ifPresent(past -> reasons.addAll(rollbackTargetUsable(s, env, past, image)));

        if (!reasons.isEmpty() || image.isEmpty()) {
            return Decision.refuse(reasons);
        }
        return Decision.deploy(image.get(), s.runningImage(env.name()));
    }

    private static Decision lock(Snapshot s, Actor actor, String name) {
        List<Reason> reasons = new ArrayList<>(access(actor, Permission.LOCK.leastRole(),
                "only admins may lock " + name));
        if (isOutsider(actor)) {
            return Decision.refuse(reasons);
        }
        Optional<Environment> env = s.pipeline().environment(name);
        if (env.isEmpty()) {
            reasons.add(unknownEnvironment(s, name));
        } else {
            s.lock(name).ifPresent(lock -> reasons.add(new Reason(R9, name + " is already " + describe(lock))));
        }
        return outcome(reasons, Decision::allow);
    }

    private static Decision unlock(Snapshot s, Actor actor, String name) {
        List<Reason> reasons = new ArrayList<>(access(actor, Permission.LOCK.leastRole(),
                "only admins may unlock " + name));
        if (isOutsider(actor)) {
            return Decision.refuse(reasons);
        }
        Optional<Environment> env = s.pipeline().environment(name);
        if (env.isEmpty()) {
            reasons.add(unknownEnvironment(s, name));
        } else if (s.lock(name).isEmpty()) {
            reasons.add(new Reason(R9, name + " is not locked"));
        }
        return outcome(reasons, Decision::allow);
    }

    private static Decision freeze(Snapshot s, Actor actor) {
        List<Reason> reasons = new ArrayList<>(access(actor, Permission.FREEZE.leastRole(),
                "only " + Permission.FREEZE.leastRole().plural() + " may freeze promotions"));
        if (isOutsider(actor)) {
            return Decision.refuse(reasons);
        }
        s.freeze().ifPresent(freeze -> reasons.add(new Reason(R13, "promotions are already " + describe(freeze))));
        return outcome(reasons, Decision::allow);
    }

    private static Decision unfreeze(Snapshot s, Actor actor) {
        List<Reason> reasons = new ArrayList<>(access(actor, Permission.UNFREEZE.leastRole(),
                "only approvers or admins may lift the freeze"));
        if (isOutsider(actor)) {
            return Decision.refuse(reasons);
        }
        if (s.freeze().isEmpty()) {
            reasons.add(new Reason(R13, "promotions are not frozen"));
        } else if (s.freeze().get().unfreezeVoterIds().contains(actor.userId())) {
            reasons.add(new Reason(R13, "you already asked to lift the freeze; it takes "
                    + Freeze.VOTES_TO_LIFT + " different approvers or admins, so another one must send /unfreeze"));
        }
        return outcome(reasons, Decision::allow);
    }

    // ---- R1 tag format ------------------------------------------------------------------------------------------

    /** R1: the image about to move must carry an immutable sha- tag; {@code which} says which image that is. */
    static List<Reason> carriesImmutableTag(Image image, String which) {
        if (image.imageTag().isPresent()) {
            return List.of();
        }
        String tags = image.tags().isEmpty() ? "none" : String.join(", ", image.tags());
        return List.of(new Reason(R1, which + " carries no immutable sha- tag (tags: " + tags + ")"));
    }

    // ---- R2 existence, R3 source --------------------------------------------------------------------------------

    /** R2: the image the source runs must still be in ECR. */
    static List<Reason> sourceImageExists(Snapshot s, Environment source, Digest digest) {
        if (s.imageByDigest(digest).isPresent()) {
            return List.of();
        }
        return List.of(new Reason(R2, "the image " + source.name() + " runs (digest " + digest.shortForm()
                + ") is no longer in repository " + s.repository()));
    }

    /**
     * R1, R2, R3 for a tag named in a promotion: it must be an immutable tag (R1), exist (R2), and be exactly the
     * image the source runs (R3). The comparison is skipped when the source runs nothing to compare with.
     */
    static List<Reason> namedTag(Snapshot s, String tag, Optional<Environment> source, Environment target,
                                 Optional<Digest> moving) {
        Optional<String> malformed = ImageTag.parse(tag).reason();
        if (malformed.isPresent()) {
            return List.of(new Reason(R1, malformed.get()));
        }
        Optional<Image> named = s.imageByTag(tag);
        if (named.isEmpty()) {
            return List.of(new Reason(R2, "image " + tag + " was not found in repository " + s.repository()));
        }
        if (source.isEmpty() || moving.isEmpty() || named.get().digest().equals(moving.get())) {
            return List.of();
        }
        String from = source.get().name();
        return List.of(new Reason(R3, from + " runs " + describe(s, from, moving.get()) + " (digest "
                + moving.get().shortForm() + "); " + target.name() + " may only receive that image, not " + tag));
    }

    /** R3: an environment name that is not in the pipeline. */
    static Reason unknownEnvironment(Snapshot s, String name) {
        return new Reason(R3, "there is no environment " + Phrases.quoted(name) + "; environments: "
                + String.join(", ", s.pipeline().names()));
    }

    // ---- R4 source present --------------------------------------------------------------------------------------

    /** R4: the source must run exactly one image, on every function, with a known digest. */
    static List<Reason> sourcePresent(Snapshot s, Environment source, Environment target) {
        Optional<EnvironmentState> state = s.state(source.name());
        if (state.flatMap(EnvironmentState::digest).isPresent()) {
            return List.of();
        }
        String detail = state.filter(st -> !st.consistent()).isPresent() ? " (its functions run different images)"
                : "";
        return List.of(new Reason(R4, source.name() + " runs no single image" + detail + ", so nothing can move to "
                + target.name()));
    }

    // ---- R5 no-op -----------------------------------------------------------------------------------------------

    /** R5: deploying what the environment already runs would change nothing. */
    static List<Reason> alreadyRuns(Snapshot s, Environment env, Digest digest) {
        boolean runs = s.state(env.name()).flatMap(EnvironmentState::digest).filter(digest::equals).isPresent();
        if (!runs) {
            return List.of();
        }
        return List.of(new Reason(R5, env.name() + " already runs " + describe(s, env.name(), digest)
                + " (digest " + digest.shortForm() + "); nothing to do"));
    }

    // ---- R6 release tag -----------------------------------------------------------------------------------------

    /** R6: a release tag exactly where the environment requires one, well formed, and not used for another image. */
    static List<Reason> releaseTag(Snapshot s, Environment env, Optional<String> given, Optional<Digest> moving) {
        if (!env.releaseTagRequired()) {
            return given.isPresent()
                    ? List.of(new Reason(R6, env.name() + " does not take a release tag"))
                    : List.of();
        }
        if (given.isEmpty()) {
            return List.of(new Reason(R6, env.name() + " needs a release tag: /promote " + env.name()
                    + " vMAJOR.MINOR.PATCH"));
        }
        Parsed<ReleaseTag> parsed = ReleaseTag.parse(given.get());
        if (parsed.reason().isPresent()) {
            return List.of(new Reason(R6, parsed.reason().get()));
        }
        return moving.map(digest -> releaseTagFree(s, parsed.value().orElseThrow(), digest)).orElse(List.of());
    }

    /** R6: one release tag names one digest forever. */
    static List<Reason> releaseTagFree(Snapshot s, ReleaseTag tag, Digest digest) {
        Optional<Digest> named = Optional.ofNullable(s.usedReleaseTags().get(tag));
        if (named.isEmpty() || named.get().equals(digest)) {
            return List.of();
        }
        return List.of(new Reason(R6, "release tag " + tag + " already names digest " + named.get().shortForm()
                + "; it cannot name " + digest.shortForm()));
    }

    // ---- R7 approval --------------------------------------------------------------------------------------------

    /** R7: one open request per environment; an expired request no longer blocks a new one. */
    static List<Reason> noOpenRequest(Snapshot s, Environment target) {
        if (!target.needsApproval()) {
            return List.of();
        }
        return s.openRequests().stream()
                .filter(request -> request.environment().equals(target.name()) && !request.expiredAt(s.now()))
                .findFirst()
                .map(request -> List.of(new Reason(R7, target.name() + " already has open approval request #"
                        + request.id() + " for " + request.tag() + "; approve or reject it first")))
                .orElse(List.of());
    }

    static Reason noSuchRequest(long requestId) {
        return new Reason(R7, "there is no open approval request #" + requestId);
    }

    /**
     * R7: an approval comes from someone other than the requester, once per person, before the request expires,
     * and only while the source still runs the requested digest (approval is bound to the digest).
     */
    /**
     * R12 at the moment it matters: earlier approvals count only while their approvers still hold the approver role
     * (an approver removed from the configuration since no longer vouches for the request).
     */
    public static int countingApprovals(Snapshot s, ApprovalRequest request) {
        return (int) request.approverUserIds().stream().filter(id -> s.holds(id, Role.APPROVER)).count();
    }

    /** R12: a request stands only while its requester may still ask for it. */
    private static List<Reason> requesterStillEntitled(Snapshot s, ApprovalRequest request, Environment env) {
        Role needed = request.isRollback() ? rollbackRole(Optional.of(env)) : Permission.PROMOTE.leastRole();
        if (s.holds(request.requesterUserId(), needed)) {
            return List.of();
        }
        return List.of(new Reason(R12, "request #" + request.id() + " cannot be approved: " + request.requesterName()
                + ", who asked for it, is no longer " + Phrases.withArticle(needed) + "; " + needed.plural()
                + " may ask again"));
    }

    static List<Reason> approvable(Snapshot s, Actor actor, ApprovalRequest request, Environment target) {
        List<Reason> reasons = new ArrayList<>();
        long id = request.id();
        if (request.requesterUserId() == actor.userId()) {
            reasons.add(new Reason(R7, "you requested #" + id + "; another approver must approve it"));
        }
        if (request.approverUserIds().contains(actor.userId())) {
            reasons.add(new Reason(R7, "you already approved #" + id));
        }
        if (request.expiredAt(s.now())) {
            reasons.add(new Reason(R7, "request #" + id + " expired at " + Phrases.minute(request.expiresAt())
                    + " UTC"));
        }
        if (request.isRollback()) {
            // A rollback request is bound to what the environment ran when it was asked for.
            Optional<Digest> now = s.state(target.name()).flatMap(EnvironmentState::digest);
            if (!now.equals(request.replaces())) {
                reasons.add(new Reason(R7, target.name() + " no longer runs the image it ran when rollback #" + id
                        + " was requested: request #" + id + " is void"));
            }
            return reasons;
        }
        s.pipeline().sourceOf(target).ifPresent(source -> {
            Optional<Digest> now = s.state(source.name()).flatMap(EnvironmentState::digest);
            if (now.isEmpty()) {
                reasons.addAll(sourcePresent(s, source, target));
            } else if (!now.get().equals(request.digest())) {
                reasons.add(new Reason(R7, source.name() + " now runs " + describe(s, source.name(), now.get())
                        + " (digest " + now.get().shortForm() + "), not the requested " + request.tag()
                        + ": request #" + id + " is void"));
            }
        });
        return reasons;
    }

    // ---- R8 digest identity -------------------------------------------------------------------------------------

    /**
     * R8: each source function was deployed by tag; if ECR now gives that tag another digest than the function
     * resolved, someone pushed over the tag and the tag no longer names what runs.
     */
    static List<Reason> digestIdentity(Snapshot s, Environment source) {
        return s.state(source.name()).map(EnvironmentState::functions).orElse(List.of()).stream()
                .flatMap(function -> overwritten(s, source.name(), function).stream())
                .distinct()
                .toList();
    }

    private static Optional<Reason> overwritten(Snapshot s, String env, FunctionImage function) {
        Optional<String> tag = function.deployedTag();
        Optional<Digest> deployed = function.resolvedDigest();
        Optional<Digest> inEcr = tag.flatMap(s::imageByTag).map(Image::digest);
        if (tag.isEmpty() || deployed.isEmpty() || inEcr.isEmpty() || inEcr.get().equals(deployed.get())) {
            return Optional.empty();
        }
        return Optional.of(new Reason(R8, env + " was deployed as " + tag.get() + " with digest "
                + deployed.get().shortForm() + ", but ECR now gives " + tag.get() + " digest "
                + inEcr.get().shortForm() + ": the tag was overwritten"));
    }

    // ---- R9 locks, R10 one at a time ----------------------------------------------------------------------------

    /** R9: a locked environment takes no promotion, approval or rollback. */
    static List<Reason> locks(Snapshot s, Environment env) {
        return s.lock(env.name())
                .map(lock -> List.of(new Reason(R9, env.name() + " is " + describe(lock))))
                .orElse(List.of());
    }

    /** R10: at most one deployment per environment at a time. */
    static List<Reason> oneAtATime(Snapshot s, Environment env) {
        return s.inFlight(env.name())
                .map(running -> List.of(new Reason(R10, "a deployment to " + env.name()
                        + " is already running, started by " + running.startedByName() + " at "
                        + Phrases.clock(running.since()) + " UTC")))
                .orElse(List.of());
    }

    // ---- R13 freeze, R14 freeze windows ------------------------------------------------------------------------

    /** R13: while the line is stopped, no promotion moves anywhere (rollbacks are not asked about this). */
    static List<Reason> frozen(Snapshot s) {
        return s.freeze().map(freeze -> {
            int votes = freeze.unfreezeVoterIds().size();
            String sofar = votes == 0 ? "" : " (" + votes + " of " + Freeze.VOTES_TO_LIFT + " so far)";
            return List.of(new Reason(R13, "every promotion is " + describe(freeze) + "; it lifts when "
                    + Freeze.VOTES_TO_LIFT + " approvers or admins send /unfreeze" + sofar));
        }).orElse(List.of());
    }

    /**
     * R14 for a promotion: each freeze window in force on the environment refuses it, unless an admin overrides
     * the windows with a reason. An override overrides only freeze windows, so one where no window is in force is
     * refused rather than recorded as if it had mattered.
     */
    static List<Reason> freezeWindows(Snapshot s, Actor actor, Environment env, Optional<String> override) {
        List<Reason> inForce = windowsInForce(s, env);
        if (override.isEmpty()) {
            return inForce;
        }
        List<Reason> reasons = new ArrayList<>(roleAllows(actor, Permission.OVERRIDE_WINDOW.leastRole(),
                "only admins may override a freeze window"));
        if (override.get().isBlank()) {
            reasons.add(new Reason(R14, "an override needs a reason: --override <reason>"));
        }
        if (inForce.isEmpty()) {
            reasons.add(new Reason(R14, env.name() + " is in no freeze window now; --override overrides only a "
                    + "freeze window, so promote without it"));
        }
        if (!reasons.isEmpty()) {
            reasons.addAll(inForce);
        }
        return reasons;
    }

    /** R14: one reason per freeze window in force on the environment, naming it and when it ends. */
    static List<Reason> windowsInForce(Snapshot s, Environment env) {
        return s.windowsInForce(env.name()).stream()
                .map(window -> new Reason(R14, env.name() + " is in freeze window " + Phrases.quoted(window.name())
                        + " until " + Phrases.minute(window.end()) + " UTC"
                        + (window.reason().isBlank() ? "" : ": " + window.reason())
                        + "; an admin may override it by ending /promote with --override <reason>"))
                .toList();
    }

    // ---- R11 rollback -------------------------------------------------------------------------------------------

    /** R11: without a tag, the newest image the environment ran that is not what it runs now. */
    static Optional<PastDeployment> previousImage(Snapshot s, Environment env) {
        List<Digest> current = currentDigests(s, env);
        return s.history(env.name()).stream().filter(past -> !current.contains(past.digest())).findFirst();
    }

    /** R11: with a tag, the newest time the environment ran it. */
    static Optional<PastDeployment> ranBefore(Snapshot s, Environment env, String tag) {
        return s.history(env.name()).stream().filter(past -> past.tag().equals(tag)).findFirst();
    }

    /**
     * R5, R2, R8, R1 for a rollback target: not what runs now, still in ECR (the lifecycle policy may have expired
     * it), its tag not moved to another image since, and carrying an immutable tag.
     */
    static List<Reason> rollbackTargetUsable(Snapshot s, Environment env, PastDeployment past, Optional<Image> image) {
        List<Reason> reasons = new ArrayList<>();
        if (currentDigests(s, env).contains(past.digest())) {
            reasons.add(new Reason(R5, env.name() + " already runs " + past.tag() + "; nothing to do"));
        }
        if (image.isEmpty()) {
            reasons.add(new Reason(R2, past.tag() + ", which " + env.name() + " ran before, is no longer in "
                    + "repository " + s.repository() + "; the lifecycle policy expired it"));
        }
        s.imageByTag(past.tag()).map(Image::digest).filter(digest -> !digest.equals(past.digest()))
                .ifPresent(now -> reasons.add(new Reason(R8, env.name() + " ran " + past.tag() + " with digest "
                        + past.digest().shortForm() + ", but ECR now gives " + past.tag() + " digest "
                        + now.shortForm() + ": the tag was overwritten")));
        image.ifPresent(img -> reasons.addAll(carriesImmutableTag(img, "the image " + env.name()
                + " ran before (digest " + img.digest().shortForm() + ")")));
        return reasons;
    }

    /** Every digest any function of the environment runs; more than one while it is half deployed. */
    private static List<Digest> currentDigests(Snapshot s, Environment env) {
        return s.state(env.name()).map(EnvironmentState::digests).orElse(List.of());
    }

    // ---- R12 access ---------------------------------------------------------------------------------------------

    /**
     * R12 without a snapshot: whether the actor's role allows the permission at all, wherever the command came from.
     * Empty when it does; else the one reason, e.g. "only deployers may promote; you are a viewer". The chat asks
     * this before it runs any command, so a stranger costs promobot no AWS read.
     */
    public static List<Reason> access(Actor actor, Permission permission) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(permission, "permission");
        return roleAllows(actor, permission.leastRole(), "only " + permission.leastRole().plural() + " may "
                + permission.verb());
    }

    /**
     * R12: commands come from the team's configured chats, from a user with a role that includes {@code needed}.
     * {@code onlyWho} is the sentence for a role that is too low, e.g. "only deployers may promote to staging".
     */
    static List<Reason> access(Actor actor, Role needed, String onlyWho) {
        List<Reason> reasons = new ArrayList<>();
        if (!actor.inTeamChat()) {
            reasons.add(new Reason(R12, "commands are only taken in the team's configured chats"));
        }
        reasons.addAll(roleAllows(actor, needed, onlyWho));
        return reasons;
    }

    private static List<Reason> roleAllows(Actor actor, Role needed, String onlyWho) {
        List<Reason> reasons = new ArrayList<>();
        if (actor.role().isEmpty()) {
            reasons.add(new Reason(R12, "user " + actor.userId()
                    + " has no role in promobot; ask an admin to add you"));
        } else if (!actor.role().get().includes(needed)) {
            reasons.add(new Reason(R12, onlyWho + "; you are " + Phrases.withArticle(actor.role().get())));
        }
        return reasons;
    }

    /**
     * Someone outside the team learns nothing but the access refusal: the other reasons would reveal locks,
     * images and requests to a stranger.
     */
    private static boolean isOutsider(Actor actor) {
        return !actor.inTeamChat() || actor.role().isEmpty();
    }

    // ---- wording ------------------------------------------------------------------------------------------------

    /** How to name the image behind a digest an environment runs: its ECR label, else the tag it was deployed as. */
    private static String describe(Snapshot s, String env, Digest digest) {
        return s.imageByDigest(digest).map(Image::label)
                .or(() -> s.state(env).stream()
                        .flatMap(state -> state.functions().stream())
                        .filter(function -> function.resolvedDigest().filter(digest::equals).isPresent())
                        .flatMap(function -> function.deployedTag().stream())
                        .findFirst())
                .orElse("an untagged image");
    }

    /** "frozen by Ann since 2025-11-27 14:05 UTC: incident 42". */
    private static String describe(Freeze freeze) {
        String why = freeze.reason().isBlank() ? "" : ": " + freeze.reason();
        return "frozen by " + freeze.frozenByName() + " since " + Phrases.minute(freeze.since()) + " UTC" + why;
    }

    /** "locked by Ann since 2025-11-27 14:05 UTC: release freeze". */
    private static String describe(Lock lock) {
        String why = lock.reason().isBlank() ? "" : ": " + lock.reason();
        return "locked by " + lock.lockedByName() + " since " + Phrases.minute(lock.since()) + " UTC" + why;
    }

    private static Decision outcome(List<Reason> reasons, Supplier<Decision> allowed) {
        return reasons.isEmpty() ? allowed.get() : Decision.refuse(reasons);
    }
}
