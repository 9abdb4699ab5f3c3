package dev.promobot.chat;

import dev.promobot.AwsConsole;
import dev.promobot.Cast.Person;
import dev.promobot.Conversation;
import dev.promobot.StandIns;
import dev.promobot.promotion.ExpireRequests;
import dev.promobot.promotion.SettleDeployments;
import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.promobot.Cast.ADMIN;
import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.SECOND_APPROVER;
import static dev.promobot.Lambda.dev;
import static dev.promobot.Lambda.prod;
import static dev.promobot.Lambda.staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Prod promotions by approval, rollbacks and locks, as the team lives them in the chat. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class ApprovalEndToEndTest {

    private static final AtomicInteger RELEASE = new AtomicInteger(100);

    @Inject
    Db db;

    @Inject
    ExpireRequests expiryJob;

    @Inject
    SettleDeployments settling;

    private final Conversation team = Conversation.team();

    @BeforeEach
    void fresh() {
        StandIns.reseedAws();
        db.update("UPDATE approval_request SET status = 'void' WHERE status = 'open'");
        db.update("DELETE FROM environment_lock");
    }

    private static String nextRelease() {
        return "v1." + RELEASE.getAndIncrement() + ".0";
    }

    /** Sends /promote prod vX.Y.Z and returns the request message. */
    private SentMessage requestProd(String release) {
        SentMessage command = team.says(DEPLOYER, "/promote prod " + release);
        return team.replyTo(command, message -> message.text().contains("Promotion request #"));
    }

    private static long requestId(SentMessage request) {
        return Long.parseLong(request.text().replaceAll("(?s).*Promotion request #([0-9]+).*", "$1"));
    }

    @Test
    void aProdRequestShowsWhatWouldMoveAndWaitsForApproval() {
        String release = nextRelease();

        SentMessage request = requestProd(release);

        assertThat(request.text()).contains("image: <code>sha-").contains(staging().substring(7, 19))
                .contains("release tag: <code>" + release + "</code>").contains("prod runs now: <code>sha-")
                .contains("requested by " + DEPLOYER.firstName()).contains("expires ")
                .contains("release tag not checked against GitHub")
                .contains("\n\n📝 Changelog: set promobot.github.repository and promobot.github.token to see the "
                        + "commits each promotion brings\n\nwaiting for approval");
        assertThat(request.callbackData()).containsExactly("approve:" + requestId(request),
                "reject:" + requestId(request));
        assertThat(prod()).isNotEqualTo(staging());
    }

    @Test
    void approvingByReplyDeploysExactlyWhatStagingRunsToProd() {
        String stagingDigest = staging();
        SentMessage request = requestProd(nextRelease());

        SentMessage approval = team.replies(APPROVER, "/approve prod", request);

        assertThat(team.replyTo(approval).text()).startsWith("Approved #" + requestId(request));
        SentMessage done = team.current(request, message -> message.text().contains("✅ deployed"));
        assertThat(done.text()).contains("approval of " + APPROVER.firstName());
        assertThat(done.callbackData()).isEmpty();
        assertThat(prod()).isEqualTo(stagingDigest);
    }

    @Test
    void longNamesNeverStopAnApprovalFromDeploying() {
        // Longer than Telegram allows (64), as a forged update could carry them.
        Person longDana = new Person(DEPLOYER.id(), "Dana" + "d".repeat(296), "dana", DEPLOYER.role());
        Person longAri = new Person(APPROVER.id(), "Ari" + "a".repeat(297), "ari", APPROVER.role());
        String stagingDigest = staging();
        SentMessage command = team.says(longDana, "/promote prod " + nextRelease());
        SentMessage request = team.replyTo(command, message -> message.text().contains("Promotion request #"));

        SentMessage approval = team.replies(longAri, "/approve prod", request);

        assertThat(team.replyTo(approval).text()).startsWith("Approved #" + requestId(request));
        await().atMost(Duration.ofSeconds(30)).until(() -> prod().equals(stagingDigest));
        assertThat(db.one("SELECT COUNT(*) FROM audit_event WHERE command = 'approve' AND outcome = 'approved' "
                + "AND user_name = ?", rs -> rs.getLong(1), "Ari" + "a".repeat(61)).orElseThrow())
                .as("audited under the name cut to Telegram's 64 characters").isEqualTo(1);
        SentMessage status = team.says(ADMIN, "/status");
        assertThat(team.replyTo(status).text()).contains("Dana" + "d".repeat(60) + ", approved by "
                + "Ari" + "a".repeat(61));
    }

    @Test
    void anApprovalThatFindsNoRequestIsAnsweredAndAudited() {
        SentMessage approval = team.says(APPROVER, "/approve prod " + nextRelease()); // unique text to find it by

        assertThat(team.replyTo(approval).text()).isEqualTo("There is no open request for prod.");
        assertThat(refusalsOf(approval)).containsExactly("prod: There is no open request for prod.");
    }

    @Test
    void anApprovalThatCannotTellWhichOfSeveralOpenRequestsIsMeantIsAnsweredAndAudited() {
        db.update("UPDATE approval_request SET status = 'void' WHERE status = 'open'");
        for (int i = 0; i < 2; i++) { // as two replicas could have opened them at one moment
            db.insert("INSERT INTO approval_request (service, environment, tag, digest, requester_user_id, "
                    + "requester_name, "
                            + "status, created_at, expires_at, chat_id, kind, approvals_needed) VALUES "
                            + "('dr-daily-report-telegram-api', "
                            + "'prod', "
                            + "'sha-x', ?, ?, ?, 'open', ?, ?, ?, 'promotion', 1)", staging(), DEPLOYER.id(),
                    DEPLOYER.firstName(), Instant.now(), Instant.now().plus(Duration.ofHours(1)), team.chatId());
        }
        try {
            SentMessage approval = team.says(APPROVER, "/approve prod " + nextRelease());

            assertThat(team.replyTo(approval).text()).isEqualTo("prod has 2 open requests; reply to the one you mean.");
            assertThat(refusalsOf(approval)).containsExactly("prod: prod has 2 open requests; reply to the one you "
                    + "mean.");
        } finally {
            db.update("UPDATE approval_request SET status = 'void' WHERE status = 'open'");
        }
    }

    @Test
    void anApprovalReplyingToARequestWithAnEnvironmentThatDoesNotExistIsToldTheEnvironments() {
        SentMessage request = team.replyTo(team.says(DEPLOYER, "/promote prod " + nextRelease()),
                message -> message.text().contains("Promotion request #"));

        SentMessage approval = team.replies(APPROVER, "/approve prdo", request);

        assertThat(team.replyTo(approval).text())
                .isEqualTo("There is no environment 'prdo'; the environments are dev, staging, prod.");
        assertThat(team.current(request, message -> true).text()).as("still open").contains("Promotion request #");
    }

    @Test
    void anApprovalReplyingToARequestForAnotherEnvironmentIsAnsweredAndAudited() {
        SentMessage command = team.says(DEPLOYER, "/promote prod " + nextRelease());
        SentMessage request = team.replyTo(command, message -> message.text().contains("Promotion request #"));

        SentMessage approval = team.replies(APPROVER, "/approve staging", request);

        assertThat(team.replyTo(approval).text()).isEqualTo("That request is for prod, not staging.");
        assertThat(db.list("SELECT environment, detail FROM audit_event WHERE outcome = 'refused' "
                        + "AND command = 'approve' AND user_id = ? ORDER BY id DESC", rs -> rs.getString(1) + ": "
                        + rs.getString(2), APPROVER.id())).first()
                .isEqualTo("staging: That request is for prod, not staging.");
        assertThat(team.current(request, message -> true).text()).as("still open").contains("Promotion request #");
    }

    @Test
    void aRejectionNamingAnEnvironmentThatDoesNotExistIsAnsweredShortlyAndAuditedWithoutIt() {
        String environment = "e".repeat(70);

        SentMessage rejection = team.says(APPROVER, "/reject " + environment + " because " + nextRelease());

        assertThat(team.replyTo(rejection).text()).isEqualTo("There is no environment '" + "e".repeat(40)
                + "…'; the environments are dev, staging, prod.");
        assertThat(refusalsOf(rejection)).containsExactly("-: There is no environment '" + "e".repeat(40)
                + "…'; the environments are dev, staging, prod.");
        SentMessage history = team.says(ADMIN, "/history 3");
        assertThat(team.replyTo(history).text()).contains("There is no environment").doesNotContain("SQL")
                .doesNotContainIgnoringCase("exception");
    }

    /** The audit trail's refusals of one command, as "environment: detail". */
    private List<String> refusalsOf(SentMessage command) {
        return db.list("SELECT environment, detail FROM audit_event WHERE outcome = 'refused' AND text = ? "
                + "ORDER BY id", rs -> (rs.getString(1) == null ? "-" : rs.getString(1)) + ": " + rs.getString(2),
                command.text());
    }

    @Test
    void approvingWithTheButtonDeploysAndAnswersTheButton() {
        String stagingDigest = staging();
        SentMessage request = requestProd(nextRelease());

        String press = team.presses(APPROVER, request, "approve:" + requestId(request));

        await().atMost(Duration.ofSeconds(30)).until(() -> prod().equals(stagingDigest));
        assertThat(StandIns.telegram().callbackAnswer(press)).hasValueSatisfying(answer ->
                assertThat(answer.text()).hasValueSatisfying(text -> assertThat(text).startsWith("Approved #")));
    }

    @Test
    void nobodyApprovesTheirOwnRequest() {
        String before = prod();
        SentMessage command = team.says(APPROVER, "/promote prod " + nextRelease());
        SentMessage request = team.replyTo(command, message -> message.text().contains("Promotion request #"));

        String press = team.presses(APPROVER, request, "approve:" + requestId(request));

        await().atMost(Duration.ofSeconds(10)).until(() -> StandIns.telegram().callbackAnswer(press).isPresent());
        assertThat(StandIns.telegram().callbackAnswer(press).orElseThrow().text()).hasValueSatisfying(text ->
                assertThat(text).contains("you requested #" + requestId(request)));
        assertThat(prod()).isEqualTo(before);
    }

    @Test
    void aRejectedRequestIsClosedAndNothingMoves() {
        String before = prod();
        SentMessage request = requestProd(nextRelease());

        SentMessage rejection = team.replies(APPROVER, "/reject prod not during the sale", request);

        assertThat(team.replyTo(rejection).text()).isEqualTo("Rejected #" + requestId(request) + ".");
        assertThat(team.current(request, message -> message.text().contains("rejected by")).text())
                .contains("rejected by " + APPROVER.firstName() + ": not during the sale");
        SentMessage late = team.replies(SECOND_APPROVER, "/approve prod", request);
        assertThat(team.replyTo(late).text()).contains("there is no open approval request #" + requestId(request));
        assertThat(prod()).isEqualTo(before);
    }

    @Test
    void anExpiredRequestIsClosedAndItsMessageSaysSo() {
        SentMessage request = requestProd(nextRelease());
        db.update("UPDATE approval_request SET expires_at = ? WHERE id = ?", Instant.now().minusSeconds(60),
                requestId(request));

        expiryJob.closeStale();

        assertThat(team.current(request, message -> message.text().contains("expired")).text()).contains("⌛ expired");
        assertThat(team.replyTo(team.replies(APPROVER, "/approve prod", request)).text())
                .contains("no open approval request");
    }

    @Test
    void aRequestIsVoidWhenStagingChangesBeforeApproval() {
        String before = prod();
        SentMessage request = requestProd(nextRelease());
        team.replyTo(team.says(DEPLOYER, "/promote staging"), message -> message.text().startsWith("✅"));

        SentMessage approval = team.replies(APPROVER, "/approve prod", request);

        assertThat(team.replyTo(approval).text()).contains("is void");
        assertThat(team.current(request, message -> message.text().contains("void")).text()).contains("⚠️ void");
        assertThat(prod()).isEqualTo(before);
    }

    @Test
    void aReleaseTagOnceDeployedNamesThatDigestForever() {
        String release = nextRelease();
        SentMessage request = requestProd(release);
        team.replies(APPROVER, "/approve prod", request);
        team.current(request, message -> message.text().contains("✅ deployed"));
        team.replyTo(team.says(DEPLOYER, "/promote staging"), message -> message.text().startsWith("✅"));

        SentMessage reuse = team.says(DEPLOYER, "/promote prod " + release);

        assertThat(team.replyTo(reuse).text()).contains("release tag " + release + " already names digest")
                .contains("it cannot name");
    }

    @Test
    void anApproverRollsProdBackToThePreviousImageAtOnce() {
        String original = prod();
        SentMessage request = requestProd(nextRelease());
        team.replies(APPROVER, "/approve prod", request);
        team.current(request, message -> message.text().contains("✅ deployed"));
        assertThat(prod()).isNotEqualTo(original);

        SentMessage rollback = team.says(APPROVER, "/rollback prod");

        SentMessage done = team.replyTo(rollback, message -> message.text().startsWith("✅"));
        assertThat(done.text()).contains("<b>prod</b> now runs").contains(" → ");
        assertThat(prod()).isEqualTo(original);
    }

    @Test
    void aDeployerMayNotRollBackProd() {
        assertThat(team.replyTo(team.says(DEPLOYER, "/rollback prod")).text())
                .contains("only approvers may roll back prod");
    }

    @Test
    void rollingBackToAnImageTheLifecyclePolicyExpiredIsRefused() {
        db.update("INSERT INTO deployment (service, environment, functions, tag, digest, kind, actor_user_id, "
                + "actor_name, "
                        + "status, started_at, finished_at) VALUES ('dr-daily-report-telegram-api', "
                        + "'staging', 'telegram-api-staging', "
                        + "'sha-dead000-20200101', ?, 'promotion', ?, ?, 'succeeded', ?, ?)",
                "sha256:" + "d".repeat(64), DEPLOYER.id(), DEPLOYER.firstName(), Instant.now().minusSeconds(3600),
                Instant.now().minusSeconds(3600));

        SentMessage rollback = team.says(DEPLOYER, "/rollback staging sha-dead000-20200101");

        assertThat(team.replyTo(rollback).text()).contains("sha-dead000-20200101, which staging ran before, is no "
                + "longer in repository dr-daily-report-telegram-api");
    }

    @Test
    void aLockedEnvironmentRefusesPromotionsUntilUnlocked() {
        team.replyTo(team.says(ADMIN, "/lock staging release freeze"));

        String refused = team.replyTo(team.says(DEPLOYER, "/promote staging")).text();
        String status = team.replyTo(team.says(DEPLOYER, "/status")).text();
        team.replyTo(team.says(ADMIN, "/unlock staging"));
        String promoted = team.replyTo(team.says(DEPLOYER, "/promote staging"),
                message -> !message.text().startsWith("⏳")).text();

        assertThat(refused).contains("staging is locked by " + ADMIN.firstName() + " since")
                .contains("release freeze");
        assertThat(status).contains("🔒 locked by " + ADMIN.firstName());
        assertThat(promoted).startsWith("✅");
    }

    @Test
    void onlyAdminsLock() {
        assertThat(team.replyTo(team.says(DEPLOYER, "/lock prod")).text())
                .isEqualTo("Only admins may lock or unlock environments; you are a deployer.");
    }

    @Test
    void anApproverWhoTriesToLockIsToldSoInGoodEnglish() {
        assertThat(team.replyTo(team.says(APPROVER, "/lock prod")).text())
                .isEqualTo("Only admins may lock or unlock environments; you are an approver.");
        assertThat(team.replyTo(team.says(APPROVER, "/unlock prod")).text())
                .isEqualTo("Only admins may lock or unlock environments; you are an approver.");
    }

    @Test
    void twoPromotionsToStagingAtOnceDeployExactlyOnce() {
        StandIns.aws().updateReadsUntilDone(4);
        SentMessage first = team.says(DEPLOYER, "/promote staging");
        SentMessage second = team.says(ADMIN, "/promote staging");

        assertThat(team.replyTo(second).text())
                .contains("a deployment to staging is already running, started by " + DEPLOYER.firstName());
        assertThat(team.replyTo(first, message -> message.text().startsWith("✅")).text()).contains("now runs");
        assertThat(StandIns.aws().requestCount("UpdateFunctionCode")).isEqualTo(1);
    }

    @Test
    void aDeploymentWhoseOwnerDiedAfterLambdaFinishedIsSettledAsSucceeded() {
        String devDigest = dev();
        String devTag = StandIns.aws().imageUriOf(Seed.DEV_FUNCTION).replaceAll(".*:", "");
        String stagingBefore = staging();
        // As if promobot died after Lambda was told, before it recorded the outcome: no lease holds it any more.
        long id = db.insert("INSERT INTO deployment (service, environment, functions, tag, digest, previous_digest, "
                + "kind, "
                        + "actor_user_id, actor_name, status, started_at, in_flight_environment, chat_id) "
                        + "VALUES ('dr-daily-report-telegram-api', "
                        + "'staging', 'telegram-api-staging', ?, ?, ?, 'promotion', ?, ?, 'in_progress', ?, "
                        + "'staging', ?)",
                devTag, devDigest, stagingBefore, DEPLOYER.id(), DEPLOYER.firstName(), Instant.now(), team.chatId());
        AwsConsole.deploy(Seed.STAGING_FUNCTION, StandIns.aws().imageUriOf(Seed.DEV_FUNCTION));

        assertThat(settling.sweep()).singleElement().satisfies(settled ->
                assertThat(settled.sentence()).isEqualTo("the deployment of " + devTag + " to staging finished; "
                        + "staging runs it"));
        await().atMost(Duration.ofSeconds(10)).until(() -> team.botMessages().stream()
                .anyMatch(message -> message.text().equals("✅ The deployment of " + devTag
                        + " to staging finished; staging runs it.")));
        assertThat(db.one("SELECT status FROM deployment WHERE id = ?", rs -> rs.getString(1), id))
                .contains("succeeded");
        assertThat(db.one("SELECT COUNT(*) FROM deployment WHERE in_flight_environment IS NOT NULL",
                rs -> rs.getLong(1))).contains(0L);
    }

    @Test
    void aDeploymentWhoseOwnerDiedBeforeLambdaChangedIsSettledAsFailedWithNothingPutBack() {
        String devDigest = dev();
        long id = db.insert("INSERT INTO deployment (service, environment, functions, tag, digest, previous_digest, "
                + "kind, "
                        + "actor_user_id, actor_name, status, started_at, in_flight_environment) VALUES "
                        + "('dr-daily-report-telegram-api', "
                        + "'staging', "
                        + "'telegram-api-staging', 'sha-x', ?, ?, 'promotion', ?, ?, 'in_progress', ?, 'staging')",
                devDigest, staging(), DEPLOYER.id(), DEPLOYER.firstName(), Instant.now());

        int updates = StandIns.aws().requestCount("UpdateFunctionCode");

        assertThat(settling.sweep()).singleElement().satisfies(settled ->
                assertThat(settled.sentence()).contains("did not change anything; staging still runs"));
        assertThat(db.one("SELECT status FROM deployment WHERE id = ?", rs -> rs.getString(1), id)).contains("failed");
        assertThat(staging()).isNotEqualTo(devDigest);
        assertThat(StandIns.aws().requestCount("UpdateFunctionCode")).isEqualTo(updates);
    }

    @Test
    void anAdminSettlesADeploymentOnDemandOnceItsOwnersLeaseHasRunOut() {
        assertThat(team.replyTo(team.says(ADMIN, "/settle staging")).text())
                .isEqualTo("Nothing to settle: no deployment to <b>staging</b> is in progress.");
        assertThat(team.replyTo(team.says(DEPLOYER, "/settle staging")).text())
                .isEqualTo("Only admins may settle deployments; you are a deployer.");
        String devDigest = dev();
        String devTag = StandIns.aws().imageUriOf(Seed.DEV_FUNCTION).replaceAll(".*:", "");
        // Another replica owns it for the next hour, and Lambda has already finished it.
        long id = db.insert("INSERT INTO deployment (service, environment, functions, tag, digest, previous_digest, "
                + "kind, "
                        + "actor_user_id, actor_name, status, started_at, in_flight_environment, owner, epoch, "
                        + "lease_until) VALUES ('dr-daily-report-telegram-api', "
                        + "'staging', 'telegram-api-staging', ?, ?, ?, 'promotion', ?, ?, "
                        + "'in_progress', ?, 'staging', 'another-replica', 1, ?)",
                devTag, devDigest, staging(), DEPLOYER.id(), DEPLOYER.firstName(), Instant.now(),
                Instant.now().plus(Duration.ofHours(1)));
        AwsConsole.deploy(Seed.STAGING_FUNCTION, StandIns.aws().imageUriOf(Seed.DEV_FUNCTION));

        assertThat(team.replyTo(team.says(ADMIN, "/settle staging")).text()).isEqualTo("⏳ Deployment #" + id
                + " to <b>staging</b> is still in progress: its replica is still working on it and renews its lease; "
                + "Lambda reports: the deployment of " + devTag + " to staging finished; staging runs it. promobot "
                + "keeps waiting and settles it when Lambda is done.");
        assertThat(db.one("SELECT status || ' ' || epoch FROM deployment WHERE id = ?", rs -> rs.getString(1), id))
                .as("left to its owner").contains("in_progress 1");

        db.update("UPDATE deployment SET lease_until = ? WHERE id = ?", Instant.now().minusSeconds(1), id);
        assertThat(team.replyTo(team.says(ADMIN, "/settle staging")).text()).isEqualTo("✅ Deployment #" + id
                + ": the deployment of " + devTag + " to staging finished; staging runs it.");
        assertThat(db.one("SELECT status || ' ' || epoch FROM deployment WHERE id = ?", rs -> rs.getString(1), id))
                .contains("succeeded 2");
    }

    @Test
    void settlingOnDemandWhileTheOwnerWaitsOnLambdaLeavesTheDeploymentToTheOwner() {
        StandIns.aws().holdUpdates(true);
        try {
            team.says(DEPLOYER, "/promote staging");
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    StandIns.aws().requestCount("UpdateFunctionCode") > 0);

            assertThat(team.replyTo(team.says(ADMIN, "/settle staging")).text())
                    .startsWith("⏳ Deployment #").contains("is still in progress: its replica is still working on "
                            + "it and renews its lease; Lambda reports: Lambda is still updating "
                            + Seed.STAGING_FUNCTION);
        } finally {
            StandIns.aws().holdUpdates(false);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> db.one("SELECT COUNT(*) FROM deployment "
                + "WHERE in_flight_environment IS NOT NULL", rs -> rs.getLong(1)).orElse(1L) == 0L);
        assertThat(staging()).isEqualTo(dev());
    }

    @Test
    void aRequestApprovedByAReplicaThatStoppedBeforeDeployingIsFailedByTheSweep() {
        long id = db.insert("INSERT INTO approval_request (service, environment, tag, digest, requester_user_id, "
                        + "requester_name, status, created_at, expires_at, closed_at, chat_id, kind, "
                        + "approvals_needed) VALUES ('dr-daily-report-telegram-api', "
                        + "'prod', 'sha-x', ?, ?, ?, 'approved', ?, ?, ?, ?, "
                        + "'promotion', 1)", staging(), DEPLOYER.id(), DEPLOYER.firstName(),
                Instant.now().minus(Duration.ofHours(3)), Instant.now().plus(Duration.ofHours(1)),
                Instant.now().minus(Duration.ofHours(2)), team.chatId());

        settling.sweep();

        assertThat(db.one("SELECT status || ': ' || closed_reason FROM approval_request WHERE id = ?",
                rs -> rs.getString(1), id)).contains("failed: promobot stopped before it could deploy it; "
                + "open a new request");
        assertThat(db.one("SELECT COUNT(*) FROM audit_event WHERE text = ? AND outcome = 'failed'",
                rs -> rs.getLong(1), "request #" + id)).contains(1L);
    }

    @Test
    void aThirdImageFoundWhenSettlingIsRecordedAsAnOutsideChangeAndNeverOverwritten() {
        List<Seed.SeedImage> images = StandIns.seededImages();
        String previous = staging();
        // The deployment meant dev's image; while its owner was gone, CI put yet another image on staging.
        long id = db.insert("INSERT INTO deployment (service, environment, functions, tag, digest, previous_tag, "
                        + "previous_digest, kind, actor_user_id, actor_name, status, started_at, "
                        + "in_flight_environment) VALUES ('dr-daily-report-telegram-api', "
                        + "'staging', 'telegram-api-staging', ?, ?, ?, ?, 'promotion', "
                        + "?, ?, 'in_progress', ?, 'staging')", images.get(0).tag(), images.get(0).digest(),
                images.get(2).tag(), previous, DEPLOYER.id(), DEPLOYER.firstName(), Instant.now());
        AwsConsole.deploy(Seed.STAGING_FUNCTION, StandIns.aws().repositoryUri(Seed.REPOSITORY) + ":"
                + images.get(5).tag());
        int updates = StandIns.aws().requestCount("UpdateFunctionCode");

        assertThat(settling.sweep()).singleElement().satisfies(settled ->
                assertThat(settled.sentence()).isEqualTo("while promobot deployed " + images.get(0).tag()
                        + " to staging, staging was changed outside promobot: telegram-api-staging runs "
                        + images.get(5).tag() + "; promobot recorded that and changed nothing"));
        assertThat(staging()).isEqualTo(images.get(5).digest());
        assertThat(StandIns.aws().requestCount("UpdateFunctionCode")).isEqualTo(updates);
        assertThat(db.one("SELECT status FROM deployment WHERE id = ?", rs -> rs.getString(1), id))
                .contains("overtaken");
        assertThat(db.one("SELECT kind FROM deployment WHERE environment = 'staging' ORDER BY id DESC LIMIT 1",
                rs -> rs.getString(1))).contains("outside");
    }
}
