package dev.promobot.rules;

import dev.promobot.Cast;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.promobot.rules.Fixture.ADMIN;
import static dev.promobot.rules.Fixture.APPROVER;
import static dev.promobot.rules.Fixture.DEPLOYER;
import static dev.promobot.rules.Fixture.DEPLOYER_IN_OTHER_CHAT;
import static dev.promobot.rules.Fixture.DEV_IMAGE;
import static dev.promobot.rules.Fixture.NIGHTLY_IMAGE;
import static dev.promobot.rules.Fixture.OLD_IMAGE;
import static dev.promobot.rules.Fixture.PROD_IMAGE;
import static dev.promobot.rules.Fixture.SECOND_APPROVER;
import static dev.promobot.rules.Fixture.STAGING_IMAGE;
import static dev.promobot.rules.Fixture.STRANGER;
import static dev.promobot.rules.Fixture.STRANGER_IN_OTHER_CHAT;
import static dev.promobot.rules.Fixture.VIEWER;
import static dev.promobot.rules.Fixture.digest;
import static dev.promobot.rules.Fixture.image;
import static dev.promobot.rules.Fixture.prodRequest;
import static dev.promobot.rules.Fixture.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class RulesTest {

    private static final String DEV_TAG = "sha-ccccccc-20251127143005";
    private static final String STAGING_TAG = "sha-bbbbbbb-20251125";
    private static final String PROD_TAG = "sha-aaaaaaa-20251120";
    private static final String OLD_TAG = "sha-1111111-20251101";
    private static final String EXPIRED_TAG = "sha-eeeeeee-20251001";
    private static final String REPO = "repository dr-daily-report-telegram-api";

    // ---- allowed ------------------------------------------------------------------------------------------------

    static Stream<Arguments> allowed() {
        return Stream.of(
                arguments("R1 a named tag that is the image dev runs", snapshot(), DEPLOYER,
                        promote("staging", DEV_TAG)),
                arguments("R2 the image dev runs is still in the repository", snapshot(), DEPLOYER,
                        promote("staging")),
                arguments("R3 prod receives what staging runs", snapshot(), DEPLOYER, release("prod", "v1.1.0")),
                arguments("R4 dev runs one image on every function", snapshot(), DEPLOYER, promote("staging")),
                arguments("R5 staging runs an older image than dev", snapshot(), DEPLOYER, promote("staging")),
                arguments("R6 a fresh release tag", snapshot(), DEPLOYER, release("prod", "v1.1.0")),
                arguments("R6 a release tag that already names this very image",
                        snapshot().releaseTagUsed("v1.1.0", STAGING_IMAGE.digest()), DEPLOYER,
                        release("prod", "v1.1.0")),
                arguments("R7 an expired request no longer blocks a new one",
                        snapshot().request(prodRequest(7, DEPLOYER)).at(Instant.parse("2025-11-29T00:00:00Z")),
                        DEPLOYER, release("prod", "v1.1.0")),
                arguments("R7 another approver approves", snapshot().request(prodRequest(7, DEPLOYER)), APPROVER,
                        new Action.Approve(7)),
                arguments("R7 the requester rejects their own request", snapshot().request(prodRequest(7, DEPLOYER)),
                        DEPLOYER, new Action.Reject(7)),
                arguments("R7 an approver rejects", snapshot().request(prodRequest(7, DEPLOYER)), APPROVER,
                        new Action.Reject(7)),
                arguments("R8 the tag still gives the digest dev resolved", snapshot(), DEPLOYER,
                        promote("staging")),
                arguments("R9 admin locks an unlocked environment", snapshot(), ADMIN, new Action.LockEnv("prod")),
                arguments("R9 admin unlocks a locked environment", snapshot().locked("prod", ADMIN, "freeze"), ADMIN,
                        new Action.UnlockEnv("prod")),
                arguments("R9 a lock on prod does not stop staging", snapshot().locked("prod", ADMIN, ""), DEPLOYER,
                        promote("staging")),
                arguments("R10 a deployment to prod does not block staging",
                        snapshot().deploying("prod", APPROVER), DEPLOYER, promote("staging")),
                arguments("R11 rollback to the image before the current one", snapshot(), DEPLOYER,
                        rollback("staging")),
                arguments("R11 rollback to a named image the environment ran", snapshot(), DEPLOYER,
                        rollback("staging", OLD_TAG)),
                arguments("R12 a viewer views", snapshot(), VIEWER, new Action.View()),
                arguments("R12 a deployer rolls back staging", snapshot(), DEPLOYER, rollback("staging")),
                arguments("R12 an approver rolls back prod", snapshot(), APPROVER, rollback("prod")),
                arguments("R13 a deployer stops the line", snapshot(), DEPLOYER, new Action.FreezeAll()),
                arguments("R13 rollbacks stay allowed while frozen", snapshot().frozen(DEPLOYER, "incident 42"),
                        DEPLOYER, rollback("staging")),
                arguments("R13 a rollback request is approved while frozen",
                        snapshot().frozen(DEPLOYER, "").request(prodRollbackRequest(8, APPROVER)), SECOND_APPROVER,
                        new Action.Approve(8)),
                arguments("R13 an approver asks to lift the freeze", snapshot().frozen(DEPLOYER, ""), APPROVER,
                        new Action.Unfreeze()),
                arguments("R13 whoever froze may be one of the two who lift it",
                        snapshot().frozen(APPROVER, "", SECOND_APPROVER.userId()), APPROVER, new Action.Unfreeze()),
                arguments("R14 a window on prod does not stop staging", snapshot().window("weekend", List.of("prod"),
                        "2025-11-27T14:00:00Z", "2025-11-30T06:00:00Z", ""), DEPLOYER, promote("staging")),
                arguments("R14 a window that has ended stops nothing", snapshot().window("night",
                        List.of("staging"), "2025-11-26T22:00:00Z", "2025-11-27T15:00:00Z", ""), DEPLOYER,
                        promote("staging")),
                arguments("R14 a window that starts later stops nothing", snapshot().window("night",
                        List.of("staging"), "2025-11-27T15:00:01Z", "2025-11-28T06:00:00Z", ""), DEPLOYER,
                        promote("staging")),
                arguments("R14 an admin overrides a window with a reason", snapshot().window("weekend",
                        List.of("staging"), "2025-11-27T14:00:00Z", "2025-11-30T06:00:00Z", ""), ADMIN,
                        override("staging", "hotfix for incident 42")),
                arguments("R14 a request opened under an override is approved during the window",
                        snapshot().window("weekend", List.of("prod"), "2025-11-27T14:00:00Z",
                                "2025-11-30T06:00:00Z", "").request(overriddenProdRequest(7, ADMIN)), APPROVER,
                        new Action.Approve(7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void allowed(String behaviour, Fixture.Builder snapshot, Actor actor, Action action) {
        Decision decision = Rules.decide(snapshot.build(), actor, action);

        assertThat(decision.sentences()).isEmpty();
        assertThat(decision.allowed()).isTrue();
    }

    // ---- refused ------------------------------------------------------------------------------------------------

    static Stream<Arguments> refused() {
        return Stream.of(
                // R1 tag format
                arguments("R1 a mutable name is never a deploy target", snapshot(), DEPLOYER,
                        promote("staging", "latest"), Rule.R1,
                        "'latest' is a mutable name; only immutable sha-<gitsha>-<yyyymmdd> tags can be deployed"),
                arguments("R1 the image dev runs has no sha- tag", snapshot().runs("dev", NIGHTLY_IMAGE), DEPLOYER,
                        promote("staging"), Rule.R1,
                        "the image dev runs carries no immutable sha- tag (tags: nightly)"),
                arguments("R1 a release tag is not a rollback target", snapshot(), DEPLOYER,
                        rollback("staging", "v1.2.3"), Rule.R1,
                        "'v1.2.3' is a release tag, not an image tag; promote the sha- image it names"),
                // R2 existence
                arguments("R2 the image dev runs was deleted", snapshot().withoutImage(DEV_IMAGE), DEPLOYER,
                        promote("staging"), Rule.R2,
                        "the image dev runs (digest cccccccccccc) is no longer in " + REPO),
                arguments("R2 a named tag that is not in the repository", snapshot(), DEPLOYER,
                        promote("staging", "sha-9999999-20251127"), Rule.R2,
                        "image sha-9999999-20251127 was not found in " + REPO),
                arguments("R2 a rollback target the lifecycle policy expired", snapshot(), APPROVER,
                        rollback("prod", EXPIRED_TAG), Rule.R2,
                        EXPIRED_TAG + ", which prod ran before, is no longer in " + REPO
                                + "; the lifecycle policy expired it"),
                arguments("R2 an approved image that was deleted meanwhile",
                        snapshot().request(prodRequest(7, DEPLOYER)).withoutImage(STAGING_IMAGE), APPROVER,
                        new Action.Approve(7), Rule.R2,
                        "the requested image " + STAGING_TAG + " (digest bbbbbbbbbbbb) is no longer in " + REPO),
                // R3 source
                arguments("R3 an environment that does not exist", snapshot(), DEPLOYER, promote("qa"), Rule.R3,
                        "there is no environment 'qa'; environments: dev, staging, prod"),
                arguments("R3 dev is deployed by CI, not promoted", snapshot(), DEPLOYER, promote("dev"), Rule.R3,
                        "dev has no source environment; CI deploys it"),
                arguments("R3 a named tag that is not what dev runs", snapshot(), DEPLOYER,
                        promote("staging", STAGING_TAG), Rule.R3,
                        "dev runs " + DEV_TAG + " (digest cccccccccccc); staging may only receive that image, not "
                                + STAGING_TAG),
                // R4 source present
                arguments("R4 dev runs nothing", snapshot().runsNothing("dev"), DEPLOYER, promote("staging"),
                        Rule.R4, "dev runs no single image, so nothing can move to staging"),
                arguments("R4 dev is half deployed", snapshot().runsMixed("dev", DEV_IMAGE, STAGING_IMAGE),
                        DEPLOYER, promote("staging"), Rule.R4,
                        "dev runs no single image (its functions run different images), so nothing can move to "
                                + "staging"),
                arguments("R4 a dev function reports no digest",
                        snapshot().functions("dev", Fixture.deployed("report-api-dev", DEV_TAG, DEV_IMAGE.digest()),
                                new FunctionImage("report-worker-dev", Optional.empty(), Optional.empty())),
                        DEPLOYER, promote("staging"), Rule.R4,
                        "dev runs no single image, so nothing can move to staging"),
                // R5 no-op
                arguments("R5 staging already runs what dev runs", snapshot().runs("staging", DEV_IMAGE), DEPLOYER,
                        promote("staging"), Rule.R5,
                        "staging already runs " + DEV_TAG + " (digest cccccccccccc); nothing to do"),
                arguments("R5 rollback to the image that runs now", snapshot(), DEPLOYER,
                        rollback("staging", STAGING_TAG), Rule.R5, "staging already runs " + STAGING_TAG
                                + "; nothing to do"),
                arguments("R5 approving what prod already runs",
                        snapshot().request(prodRequest(7, DEPLOYER)).runs("prod", STAGING_IMAGE), APPROVER,
                        new Action.Approve(7), Rule.R5,
                        "prod already runs " + STAGING_TAG + " (digest bbbbbbbbbbbb); nothing to do"),
                // R6 release tag
                arguments("R6 prod without a release tag", snapshot(), DEPLOYER, promote("prod"), Rule.R6,
                        "prod needs a release tag: /promote prod vMAJOR.MINOR.PATCH"),
                arguments("R6 a malformed release tag", snapshot(), DEPLOYER, release("prod", "v1.02.0"), Rule.R6,
                        "'v1.02.0' has a leading zero in 02; release tag numbers are written without them"),
                arguments("R6 a release tag that names another image", snapshot(), DEPLOYER,
                        release("prod", "v1.0.0"), Rule.R6,
                        "release tag v1.0.0 already names digest aaaaaaaaaaaa; it cannot name bbbbbbbbbbbb"),
                arguments("R6 staging takes no release tag", snapshot(), DEPLOYER, release("staging", "v1.1.0"),
                        Rule.R6, "staging does not take a release tag"),
                // R7 approval
                arguments("R7 one open request per environment", snapshot().request(prodRequest(7, DEPLOYER)),
                        DEPLOYER, release("prod", "v1.1.0"), Rule.R7,
                        "prod already has open approval request #7 for " + STAGING_TAG
                                + "; approve or reject it first"),
                arguments("R7 approving a request that is not open", snapshot(), APPROVER, new Action.Approve(99),
                        Rule.R7, "there is no open approval request #99"),
                arguments("R7 the requester cannot approve", snapshot().request(prodRequest(7, APPROVER)), APPROVER,
                        new Action.Approve(7), Rule.R7, "you requested #7; another approver must approve it"),
                arguments("R7 nobody approves twice",
                        snapshot().prodApprovals(2).request(prodRequest(7, DEPLOYER, APPROVER.userId())), APPROVER,
                        new Action.Approve(7), Rule.R7, "you already approved #7"),
                arguments("R7 an expired request",
                        snapshot().request(prodRequest(7, DEPLOYER)).at(Instant.parse("2025-11-28T09:00:00Z")),
                        APPROVER, new Action.Approve(7), Rule.R7, "request #7 expired at 2025-11-28 09:00 UTC"),
                arguments("R7 staging moved on: the approval is void",
                        snapshot().request(prodRequest(7, DEPLOYER)).runs("staging", DEV_IMAGE), APPROVER,
                        new Action.Approve(7), Rule.R7,
                        "staging now runs " + DEV_TAG + " (digest cccccccccccc), not the requested " + STAGING_TAG
                                + ": request #7 is void"),
                arguments("R7 rejecting a request that is not open", snapshot(), APPROVER, new Action.Reject(8),
                        Rule.R7, "there is no open approval request #8"),
                // R8 digest identity
                arguments("R8 dev's tag was pushed over",
                        snapshot().withoutImage(DEV_IMAGE).withImage(image('c', "2025-11-27T14:30:10Z"))
                                .withImage(image('f', "2025-11-27T16:00:00Z", DEV_TAG)),
                        DEPLOYER, promote("staging"), Rule.R8,
                        "dev was deployed as " + DEV_TAG + " with digest cccccccccccc, but ECR now gives " + DEV_TAG
                                + " digest ffffffffffff: the tag was overwritten"),
                arguments("R8 a rollback target's tag was pushed over",
                        snapshot().withoutImage(OLD_IMAGE).withImage(image('1', "2025-11-01T08:00:00Z"))
                                .withImage(image('f', "2025-11-27T16:00:00Z", OLD_TAG)),
                        DEPLOYER, rollback("staging", OLD_TAG), Rule.R8,
                        "staging ran " + OLD_TAG + " with digest 111111111111, but ECR now gives " + OLD_TAG
                                + " digest ffffffffffff: the tag was overwritten"),
                // R9 locks
                arguments("R9 a locked environment takes no promotion",
                        snapshot().locked("staging", ADMIN, "release freeze"), DEPLOYER, promote("staging"), Rule.R9,
                        "staging is locked by " + ADMIN.name() + " since 2025-11-27 09:30 UTC: release freeze"),
                arguments("R9 a lock without a reason", snapshot().locked("staging", ADMIN, " "), DEPLOYER,
                        promote("staging"), Rule.R9,
                        "staging is locked by " + ADMIN.name() + " since 2025-11-27 09:30 UTC"),
                arguments("R9 a locked environment takes no rollback", snapshot().locked("prod", ADMIN, "audit"),
                        APPROVER, rollback("prod"), Rule.R9,
                        "prod is locked by " + ADMIN.name() + " since 2025-11-27 09:30 UTC: audit"),
                arguments("R9 a locked environment takes no approval",
                        snapshot().request(prodRequest(7, DEPLOYER)).locked("prod", ADMIN, "audit"), APPROVER,
                        new Action.Approve(7), Rule.R9,
                        "prod is locked by " + ADMIN.name() + " since 2025-11-27 09:30 UTC: audit"),
                arguments("R9 locking twice", snapshot().locked("prod", ADMIN, "audit"), ADMIN,
                        new Action.LockEnv("prod"), Rule.R9,
                        "prod is already locked by " + ADMIN.name() + " since 2025-11-27 09:30 UTC: audit"),
                arguments("R9 unlocking what is not locked", snapshot(), ADMIN, new Action.UnlockEnv("prod"),
                        Rule.R9, "prod is not locked"),
                // R10 one at a time
                arguments("R10 a deployment is already running", snapshot().deploying("staging", APPROVER),
                        DEPLOYER, promote("staging"), Rule.R10,
                        "a deployment to staging is already running, started by " + APPROVER.name() + " at 14:55 UTC"),
                arguments("R10 no rollback while deploying", snapshot().deploying("staging", APPROVER), DEPLOYER,
                        rollback("staging"), Rule.R10,
                        "a deployment to staging is already running, started by " + APPROVER.name() + " at 14:55 UTC"),
                // R11 rollback
                arguments("R11 nothing earlier to roll back to", snapshot().ran("dev", DEV_IMAGE), DEPLOYER,
                        rollback("dev"), Rule.R11, "dev has no earlier image to roll back to"),
                arguments("R11 only images the environment ran", snapshot(), DEPLOYER, rollback("staging", DEV_TAG),
                        Rule.R11, "staging never ran " + DEV_TAG + "; it can only roll back to an image it ran before"),
                // R12 access
                arguments("R12 a chat that is not configured", snapshot(), DEPLOYER_IN_OTHER_CHAT,
                        promote("staging"), Rule.R12, "commands are only taken in the team's configured chats"),
                arguments("R12 a user without a role", snapshot(), STRANGER, new Action.View(), Rule.R12,
                        "user " + STRANGER.userId() + " has no role in promobot; ask an admin to add you"),
                arguments("R12 a viewer cannot promote", snapshot(), VIEWER, promote("staging"), Rule.R12,
                        "only deployers may promote to staging; you are a viewer"),
                arguments("R12 a deployer cannot approve", snapshot().request(prodRequest(7, VIEWER)), DEPLOYER,
                        new Action.Approve(7), Rule.R12, "only approvers may approve prod; you are a deployer"),
                arguments("R12 a viewer cannot reject someone else's request",
                        snapshot().request(prodRequest(7, DEPLOYER)), VIEWER, new Action.Reject(7), Rule.R12,
                        "only approvers or the requester may reject #7; you are a viewer"),
                arguments("R12 a deployer cannot roll back prod", snapshot(), DEPLOYER, rollback("prod"), Rule.R12,
                        "only approvers may roll back prod; you are a deployer"),
                arguments("R12 an approver cannot lock", snapshot(), APPROVER, new Action.LockEnv("prod"), Rule.R12,
                        "only admins may lock prod; you are an approver"),
                arguments("R12 a deployer cannot unlock", snapshot().locked("prod", ADMIN, ""), DEPLOYER,
                        new Action.UnlockEnv("prod"), Rule.R12, "only admins may unlock prod; you are a deployer"),
                // R13 freeze
                arguments("R13 a frozen line takes no promotion", snapshot().frozen(DEPLOYER, "incident 42"),
                        DEPLOYER, promote("staging"), Rule.R13, "every promotion is frozen by " + DEPLOYER.name()
                                + " since 2025-11-27 10:00 UTC: incident 42; it lifts when 2 approvers or admins "
                                + "send /unfreeze"),
                arguments("R13 the freeze counts who asked to lift it",
                        snapshot().frozen(DEPLOYER, "", APPROVER.userId()), DEPLOYER, release("prod", "v1.1.0"),
                        Rule.R13, "every promotion is frozen by " + DEPLOYER.name() + " since 2025-11-27 10:00 UTC; "
                                + "it lifts when 2 approvers or admins send /unfreeze (1 of 2 so far)"),
                arguments("R13 an admin's override does not lift the freeze",
                        snapshot().frozen(DEPLOYER, "").window("weekend", List.of("staging"), "2025-11-27T14:00:00Z",
                                "2025-11-30T06:00:00Z", ""), ADMIN, override("staging", "hotfix"), Rule.R13,
                        "every promotion is frozen by " + DEPLOYER.name() + " since 2025-11-27 10:00 UTC; it lifts "
                                + "when 2 approvers or admins send /unfreeze"),
                arguments("R13 a frozen line takes no approval of a promotion",
                        snapshot().frozen(DEPLOYER, "").request(prodRequest(7, DEPLOYER)), APPROVER,
                        new Action.Approve(7), Rule.R13, "every promotion is frozen by " + DEPLOYER.name()
                                + " since 2025-11-27 10:00 UTC; it lifts when 2 approvers or admins send /unfreeze"),
                arguments("R13 freezing twice", snapshot().frozen(DEPLOYER, "incident 42"), APPROVER,
                        new Action.FreezeAll(), Rule.R13, "promotions are already frozen by " + DEPLOYER.name()
                                + " since 2025-11-27 10:00 UTC: incident 42"),
                arguments("R13 lifting what is not frozen", snapshot(), APPROVER, new Action.Unfreeze(), Rule.R13,
                        "promotions are not frozen"),
                arguments("R13 the same approver twice does not lift it",
                        snapshot().frozen(DEPLOYER, "", APPROVER.userId()), APPROVER, new Action.Unfreeze(),
                        Rule.R13, "you already asked to lift the freeze; it takes 2 different approvers or admins, "
                                + "so another one must send /unfreeze"),
                arguments("R12 a viewer cannot freeze", snapshot(), VIEWER, new Action.FreezeAll(), Rule.R12,
                        "only deployers may freeze promotions; you are a viewer"),
                arguments("R12 a deployer cannot lift the freeze", snapshot().frozen(DEPLOYER, ""), DEPLOYER,
                        new Action.Unfreeze(), Rule.R12, "only approvers or admins may lift the freeze; you are a "
                                + "deployer"),
                // R14 freeze windows
                arguments("R14 a window in force refuses a promotion, naming it and its end",
                        snapshot().window("weekend", List.of("staging", "prod"), "2025-11-27T14:00:00Z",
                                "2025-11-30T06:00:00Z", "weekend release freeze"), DEPLOYER, promote("staging"),
                        Rule.R14, "staging is in freeze window 'weekend' until 2025-11-30 06:00 UTC: weekend release "
                                + "freeze; an admin may override it by ending /promote with --override <reason>"),
                arguments("R14 a window that starts this very minute is in force", snapshot().window("night",
                        List.of("staging"), "2025-11-27T15:00:00Z", "2025-11-28T06:00:00Z", ""), DEPLOYER,
                        promote("staging"), Rule.R14, "staging is in freeze window 'night' until 2025-11-28 06:00 "
                                + "UTC; an admin may override it by ending /promote with --override <reason>"),
                arguments("R14 a window refuses the approval of a promotion request",
                        snapshot().window("weekend", List.of("prod"), "2025-11-27T14:00:00Z", "2025-11-30T06:00:00Z",
                                "").request(prodRequest(7, DEPLOYER)), APPROVER, new Action.Approve(7), Rule.R14,
                        "prod is in freeze window 'weekend' until 2025-11-30 06:00 UTC; an admin may override it "
                                + "by ending /promote with --override <reason>"),
                arguments("R12 only admins override a window", snapshot().window("weekend", List.of("staging"),
                        "2025-11-27T14:00:00Z", "2025-11-30T06:00:00Z", ""), APPROVER, override("staging", "hotfix"),
                        Rule.R12, "only admins may override a freeze window; you are an approver"),
                arguments("R14 an override without a reason", snapshot().window("weekend", List.of("staging"),
                        "2025-11-27T14:00:00Z", "2025-11-30T06:00:00Z", ""), ADMIN, override("staging", " "),
                        Rule.R14, "an override needs a reason: --override <reason>"),
                arguments("R14 an override where no window is in force", snapshot(), ADMIN,
                        override("staging", "hotfix"), Rule.R14, "staging is in no freeze window now; --override "
                                + "overrides only a freeze window, so promote without it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void refused(String behaviour, Fixture.Builder snapshot, Actor actor, Action action, Rule rule,
                 String sentence) {
        Decision decision = Rules.decide(snapshot.build(), actor, action);

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.refusedBy(rule)).as("refused by %s: %s", rule, decision.reasons()).isTrue();
        assertThat(decision.reasons()).contains(new Reason(rule, sentence));
        assertThat(decision.deployNow()).isFalse();
    }

    // ---- what an allowed decision carries -----------------------------------------------------------------------

    @Test
    void promoteToStagingDeploysExactlyWhatDevRuns() {
        Decision decision = Rules.decide(snapshot().build(), DEPLOYER, promote("staging"));

        assertThat(decision.image()).contains(DEV_IMAGE);
        assertThat(decision.from()).contains(STAGING_IMAGE);
        assertThat(decision.approvalsNeeded()).isZero();
        assertThat(decision.deployNow()).isTrue();
    }

    @Test
    void promoteToProdOpensAnApprovalRequestForWhatStagingRuns() {
        Decision decision = Rules.decide(snapshot().build(), DEPLOYER, release("prod", "v1.1.0"));

        assertThat(decision.image()).contains(STAGING_IMAGE);
        assertThat(decision.from()).contains(PROD_IMAGE);
        assertThat(decision.approvalsNeeded()).isEqualTo(1);
        assertThat(decision.deployNow()).isFalse();
    }

    @Test
    void promoteToAnEnvironmentThatRunsNothingYetHasNoFrom() {
        Decision decision = Rules.decide(snapshot().runsNothing("staging").build(), DEPLOYER, promote("staging"));

        assertThat(decision.image()).contains(DEV_IMAGE);
        assertThat(decision.from()).isEmpty();
    }

    @Test
    void theLastApprovalNeededDeploys() {
        Snapshot s = snapshot().request(prodRequest(7, DEPLOYER)).build();

        Decision decision = Rules.decide(s, APPROVER, new Action.Approve(7));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.image()).contains(STAGING_IMAGE);
        assertThat(decision.from()).contains(PROD_IMAGE);
        assertThat(decision.deployNow()).isTrue();
    }

    @Test
    void anApprovalShortOfTheRequiredCountRecordsButDoesNotDeploy() {
        Snapshot first = snapshot().prodApprovals(2).request(prodRequest(7, DEPLOYER)).build();
        Snapshot second = snapshot().prodApprovals(2).request(prodRequest(7, DEPLOYER, APPROVER.userId())).build();

        assertThat(Rules.decide(first, APPROVER, new Action.Approve(7)).deployNow()).isFalse();
        assertThat(Rules.decide(second, SECOND_APPROVER, new Action.Approve(7)).deployNow()).isTrue();
        assertThat(Rules.decide(second, SECOND_APPROVER, new Action.Approve(7)).approvalsNeeded()).isEqualTo(2);
    }

    @Test
    void anEarlierApprovalBySomeoneNoLongerAnApproverDoesNotCount() {
        Map<Long, Role> ariRemoved = new HashMap<>(Cast.roles());
        ariRemoved.remove(APPROVER.userId());
        Snapshot s = snapshot().prodApprovals(2).request(prodRequest(7, DEPLOYER, APPROVER.userId()))
                .roles(ariRemoved).build();

        Decision decision = Rules.decide(s, SECOND_APPROVER, new Action.Approve(7));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.deployNow()).as("Bea's is the only approval that counts").isFalse();
        assertThat(Rules.countingApprovals(s, s.openRequest(7).orElseThrow())).isZero();
    }

    @Test
    void aRequestWhoseRequesterIsNoLongerADeployerCannotBeApproved() {
        Map<Long, Role> danaDemoted = new HashMap<>(Cast.roles());
        danaDemoted.put(DEPLOYER.userId(), Role.VIEWER);
        Snapshot s = snapshot().request(prodRequest(7, DEPLOYER)).roles(danaDemoted).build();

        Decision decision = Rules.decide(s, APPROVER, new Action.Approve(7));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reasons()).extracting(Reason::sentence).containsExactly("request #7 cannot be approved: "
                + "Dana, who asked for it, is no longer a deployer; deployers may ask again");
    }

    @Test
    void rollbackWithoutTagReturnsToTheImageBeforeTheCurrentOne() {
        Decision decision = Rules.decide(snapshot().build(), DEPLOYER, rollback("staging"));

        assertThat(decision.image()).contains(PROD_IMAGE);
        assertThat(decision.from()).contains(STAGING_IMAGE);
        assertThat(decision.deployNow()).isTrue();
    }

    @Test
    void rollbackWithTagReturnsToThatImage() {
        Decision decision = Rules.decide(snapshot().build(), DEPLOYER, rollback("staging", OLD_TAG));

        assertThat(decision.image()).contains(OLD_IMAGE);
        assertThat(decision.from()).contains(STAGING_IMAGE);
    }

    @Test
    void rollbackOfAHalfDeployedEnvironmentSkipsEveryImageItStillRuns() {
        Snapshot s = snapshot().runsMixed("dev", DEV_IMAGE, STAGING_IMAGE).build();

        Decision decision = Rules.decide(s, DEPLOYER, rollback("dev"));

        assertThat(decision.image()).contains(PROD_IMAGE);
        assertThat(decision.from()).isEmpty();
    }

    // ---- every reason at once -----------------------------------------------------------------------------------

    @Test
    void aViewerPromotingToALockedEnvironmentWithADeploymentInFlightHearsEveryReason() {
        Snapshot s = snapshot().locked("staging", ADMIN, "release freeze").deploying("staging", APPROVER).build();

        Decision decision = Rules.decide(s, VIEWER, promote("staging"));

        assertThat(decision.rules()).containsExactly(Rule.R12, Rule.R9, Rule.R10);
        assertThat(decision.sentences()).containsExactly(
                "only deployers may promote to staging; you are a viewer",
                "staging is locked by " + ADMIN.name() + " since 2025-11-27 09:30 UTC: release freeze",
                "a deployment to staging is already running, started by " + APPROVER.name() + " at 14:55 UTC");
    }

    @Test
    void someoneOutsideTheTeamLearnsNothingButTheAccessRefusal() {
        Snapshot s = snapshot().locked("staging", ADMIN, "incident 42").deploying("staging", APPROVER).build();

        Decision fromOtherChat = Rules.decide(s, DEPLOYER_IN_OTHER_CHAT, promote("staging"));
        Decision withoutRole = Rules.decide(s, STRANGER, promote("staging"));

        assertThat(fromOtherChat.rules()).containsExactly(Rule.R12);
        assertThat(withoutRole.rules()).containsExactly(Rule.R12);
        assertThat(withoutRole.sentences()).noneMatch(sentence -> sentence.contains("incident"));
    }

    @Test
    void aStrangerInAnotherChatHearsBothAccessReasons() {
        Decision decision = Rules.decide(snapshot().build(), STRANGER_IN_OTHER_CHAT, new Action.View());

        assertThat(decision.sentences()).containsExactly("commands are only taken in the team's configured chats",
                "user " + STRANGER_IN_OTHER_CHAT.userId() + " has no role in promobot; ask an admin to add you");
    }

    @Test
    void promotingToProdFromAnEmptyStagingWithoutReleaseTagNamesBothAndComparesNothing() {
        Decision decision = Rules.decide(snapshot().runsNothing("staging").build(), DEPLOYER,
                promote("prod", STAGING_TAG));

        assertThat(decision.sentences()).containsExactly(
                "staging runs no single image, so nothing can move to prod",
                "prod needs a release tag: /promote prod vMAJOR.MINOR.PATCH");
    }

    @Test
    void aStaleExpiredApprovalOnALockedProdListsEveryProblem() {
        Snapshot s = snapshot().request(prodRequest(7, DEPLOYER)).runs("staging", DEV_IMAGE)
                .locked("prod", ADMIN, "").at(Instant.parse("2025-11-29T00:00:00Z")).build();

        Decision decision = Rules.decide(s, APPROVER, new Action.Approve(7));

        assertThat(decision.sentences()).containsExactly(
                "request #7 expired at 2025-11-28 09:00 UTC",
                "staging now runs " + DEV_TAG + " (digest cccccccccccc), not the requested " + STAGING_TAG
                        + ": request #7 is void",
                "prod is locked by " + ADMIN.name() + " since 2025-11-27 09:30 UTC");
    }

    @Test
    void aNamedTagThatIsMalformedAndAReleaseTagForStagingAreBothReported() {
        Decision decision = Rules.decide(snapshot().build(), DEPLOYER,
                new Action.Promote("staging", Optional.of("SHA-ccccccc"), Optional.of("v1.0.0")));

        assertThat(decision.rules()).containsExactly(Rule.R1, Rule.R6);
    }

    @Test
    void anUnknownEnvironmentIsNamedForEveryKindOfAction() {
        Snapshot s = snapshot().build();
        String sentence = "there is no environment 'qa'; environments: dev, staging, prod";

        assertThat(Rules.decide(s, APPROVER, rollback("qa")).sentences()).containsExactly(sentence);
        assertThat(Rules.decide(s, ADMIN, new Action.LockEnv("qa")).sentences()).containsExactly(sentence);
        assertThat(Rules.decide(s, ADMIN, new Action.UnlockEnv("qa")).sentences()).containsExactly(sentence);
    }

    @Test
    void aRefusalNeverCarriesAnImageToDeploy() {
        Decision decision = Rules.decide(snapshot().locked("staging", ADMIN, "").build(), DEPLOYER,
                promote("staging"));

        assertThat(decision.image()).isEmpty();
        assertThat(decision.deployNow()).isFalse();
    }

    @Test
    void theImageDevRunsIsNamedByItsDeployedTagWhenItIsNoLongerInTheRepository() {
        Decision decision = Rules.decide(snapshot().withoutImage(DEV_IMAGE).build(), DEPLOYER,
                promote("staging", STAGING_TAG));

        assertThat(decision.sentences()).contains("dev runs " + DEV_TAG
                + " (digest cccccccccccc); staging may only receive that image, not " + STAGING_TAG);
    }

    @Test
    void anImageDeployedByDigestIsComparedByDigestAlone() {
        FunctionImage byDigest = new FunctionImage("report-api-staging",
                Optional.of(Fixture.REGISTRY + "@" + digest('b')), Optional.of(digest('b')));

        Decision decision = Rules.decide(snapshot().functions("staging", byDigest).build(), DEPLOYER,
                release("prod", "v1.1.0"));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.image()).contains(STAGING_IMAGE);
    }

    // ---- actions ------------------------------------------------------------------------------------------------

    private static Action override(String target, String reason) {
        return new Action.Promote(target, Optional.empty(), Optional.empty(), Optional.of(reason));
    }

    /** A rollback of prod to the image it ran before, asked for by {@code requester}. */
    private static ApprovalRequest prodRollbackRequest(long id, Actor requester) {
        return new ApprovalRequest(id, "prod", OLD_IMAGE.digest(), OLD_TAG, Optional.empty(), requester.userId(),
                requester.name(), Instant.parse("2025-11-28T09:00:00Z"), List.of(), RequestKind.ROLLBACK, 1,
                Optional.of(PROD_IMAGE.digest()));
    }

    /** A promotion request an admin opened through a freeze window, with their reason. */
    private static ApprovalRequest overriddenProdRequest(long id, Actor requester) {
        ApprovalRequest plain = prodRequest(id, requester);
        return new ApprovalRequest(plain.id(), plain.environment(), plain.digest(), plain.tag(), plain.releaseTag(),
                plain.requesterUserId(), plain.requesterName(), plain.expiresAt(), plain.approverUserIds(),
                plain.kind(), plain.rollbackApprovals(), plain.replaces(), Optional.of("hotfix for incident 42"));
    }

    private static Action promote(String target) {
        return new Action.Promote(target, Optional.empty(), Optional.empty());
    }

    private static Action promote(String target, String tag) {
        return new Action.Promote(target, Optional.of(tag), Optional.empty());
    }

    private static Action release(String target, String releaseTag) {
        return new Action.Promote(target, Optional.empty(), Optional.of(releaseTag));
    }

    private static Action rollback(String environment) {
        return new Action.Rollback(environment, Optional.empty());
    }

    private static Action rollback(String environment, String tag) {
        return new Action.Rollback(environment, Optional.of(tag));
    }
}
