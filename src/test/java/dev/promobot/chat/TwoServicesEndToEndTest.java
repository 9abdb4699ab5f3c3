package dev.promobot.chat;

import dev.promobot.Cast;
import dev.promobot.Conversation;
import dev.promobot.GitHubStandIns;
import dev.promobot.StandIns;
import dev.promobot.sandbox.GitHubStandIn;
import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.store.Db;
import dev.promobot.summary.DailySummary;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.promobot.Cast.ADMIN;
import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.DEPLOYER;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * One promobot for two services: the seeded Telegram API (today's single-service keys, unchanged) and a report
 * worker with its own repository and functions. Each command names the service it means, and nothing one service
 * holds (a lock, a freeze, an image) touches the other. Only the report worker has a GitHub repository, in the
 * GitHub stand-in: its release tags, changelogs, commit links and commit times come from there, and the Telegram
 * API gets none of them.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
@TestProfile(TwoServicesEndToEndTest.TwoServices.class)
class TwoServicesEndToEndTest {

    static final String API = Seed.REPOSITORY;
    static final String WORKER = "report-worker";
    static final String WORKER_GITHUB = "team/report-worker";

    public static class TwoServices implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GitHubStandIns.class, Map.of(GitHubStandIns.SINGLE, "false",
                    GitHubStandIns.SERVICE + WORKER, WORKER_GITHUB)));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // The first service's functions are set, as they must be once another service is configured.
            return Map.of("promobot.environments.dev.functions", Seed.DEV_FUNCTION,
                    "promobot.environments.staging.functions", Seed.STAGING_FUNCTION,
                    "promobot.environments.prod.functions", Seed.PROD_FUNCTION,
                    "promobot.services.report-worker.ecr.repository", WORKER,
                    "promobot.services.report-worker.environments.dev.functions", "report-worker-dev",
                    "promobot.services.report-worker.environments.staging.functions", "report-worker-staging",
                    "promobot.services.report-worker.environments.prod.functions", "report-worker-prod",
                    "promobot.services.report-worker.chats", String.valueOf(Cast.FUZZ_TEAM_CHAT));
        }
    }

    @Inject
    Db db;

    @Inject
    DailySummary summary;

    private static final AtomicInteger RELEASE = new AtomicInteger(1);

    private final Conversation team = Conversation.team();

    /** The report worker's digests, newest first: dev runs the first, staging and prod the second. */
    private List<String> workerDigests;
    /** The git sha of the report worker's newest image, which dev runs; staging and prod run 0000001. */
    private String workerDev;
    private GitHubStandIn.Repository workerSource;

    /** A full sha for a short one, as GitHub knows the commit an image was built from. */
    private static String full(String shortSha) {
        return shortSha + "0".repeat(40 - shortSha.length());
    }

    @BeforeEach
    void fresh() {
        StandIns.reseedAws();
        db.update("DELETE FROM environment_lock");
        db.update("UPDATE promotion_freeze SET in_force = NULL");
        db.update("UPDATE approval_request SET status = 'void' WHERE status = 'open'");
        var aws = StandIns.aws();
        aws.createRepository(WORKER, "IMMUTABLE");
        // The same tag as the Telegram API's newest image: in another repository it is another image.
        String sameTag = StandIns.seededImages().get(0).tag();
        String newest = aws.pushImage(WORKER, List.of(sameTag), Instant.now().minusSeconds(60), 1L << 20);
        String older = aws.pushImage(WORKER, List.of("sha-0000001-20251101"), Instant.parse("2025-11-01T00:00:00Z"),
                1L << 20);
        workerDigests = List.of(newest, older);
        String uri = aws.repositoryUri(WORKER);
        aws.createFunction("report-worker-dev", uri + ":" + sameTag);
        aws.createFunction("report-worker-staging", uri + ":sha-0000001-20251101");
        aws.createFunction("report-worker-prod", uri + ":sha-0000001-20251101");
        // The report worker's source: 0000001, two commits, then what dev runs; any release tag asked for names it.
        workerDev = sameTag.replaceAll("^sha-([0-9a-f]+)-.*", "$1");
        GitHubStandIns.github().reset();
        workerSource = GitHubStandIns.github().serve(WORKER_GITHUB);
        workerSource.commit(new GitHubStandIn.Commit(full("0000001"), "What prod runs", "Dev", "", Instant.now()
                .minusSeconds(7200)), true);
        workerSource.commit(new GitHubStandIn.Commit("e".repeat(40), "Batch the report queries", "Ari Tanaka", "",
                Instant.now().minusSeconds(5400)), true);
        workerSource.commit(new GitHubStandIn.Commit("d".repeat(40), "Retry a report once", "Bea Moreno", "",
                Instant.now().minusSeconds(4800)), true);
        workerSource.commit(new GitHubStandIn.Commit(full(workerDev), "Render reports in the worker", "Dana",
                "", Instant.now().minusSeconds(3600)), true);
        workerSource.tagReleasesAt(() -> Optional.of(workerDev));
    }

    @Test
    void aCommandThatCouldMeanEitherServiceIsAnsweredWithOneLineListingThemAndChangesNothing() {
        String stagingBefore = StandIns.aws().imageUriOf(Seed.STAGING_FUNCTION);

        String answer = team.replyTo(team.says(DEPLOYER, "/promote staging")).text();

        assertThat(answer).isEqualTo("Which service? /promote &lt;service&gt; staging, with one of: " + API + ", "
                + WORKER + ".");
        assertThat(StandIns.aws().imageUriOf(Seed.STAGING_FUNCTION)).isEqualTo(stagingBefore);
        assertThat(StandIns.aws().imageUriOf("report-worker-staging")).endsWith(":sha-0000001-20251101");
    }

    @Test
    void promotingOneServiceDeploysItsOwnImageByDigestAndLeavesTheOtherAlone() {
        String apiStagingBefore = StandIns.aws().imageUriOf(Seed.STAGING_FUNCTION);

        String answer = team.replyTo(team.says(DEPLOYER, "/promote " + WORKER + " staging"),
                message -> message.text().contains("✅")).text();

        assertThat(answer).startsWith("✅ " + WORKER + " <b>staging</b> now runs");
        assertThat(StandIns.aws().resolvedDigestOf("report-worker-staging")).isEqualTo(workerDigests.get(0));
        assertThat(StandIns.aws().imageUriOf(Seed.STAGING_FUNCTION)).isEqualTo(apiStagingBefore);
    }

    @Test
    void aLockOnOneServiceNeverStopsTheOther() {
        team.replyTo(team.says(ADMIN, "/lock " + WORKER + " staging incident"));

        String refused = team.replyTo(team.says(DEPLOYER, "/promote " + WORKER + " staging")).text();
        String promoted = team.replyTo(team.says(DEPLOYER, "/promote " + API + " staging"),
                message -> message.text().contains("✅")).text();

        assertThat(refused).contains("staging is locked");
        assertThat(promoted).contains("staging");
        assertThat(StandIns.aws().resolvedDigestOf("report-worker-staging")).isEqualTo(workerDigests.get(1));
    }

    @Test
    void aFreezeOfOneServiceStopsOnlyItsPromotions() {
        team.replyTo(team.says(ADMIN, "/freeze " + WORKER + " load test"));

        String refused = team.replyTo(team.says(DEPLOYER, "/promote " + WORKER + " staging")).text();
        String promoted = team.replyTo(team.says(DEPLOYER, "/promote " + API + " staging"),
                message -> message.text().contains("✅")).text();

        assertThat(refused).contains("frozen");
        assertThat(promoted).contains("staging");
    }

    @Test
    void unfreezeWithoutAServiceLiftsTheOnlyServiceFrozenOnItsOwn() {
        team.replyTo(team.says(ADMIN, "/freeze " + WORKER + " load test"));

        String asked = team.replyTo(team.says(APPROVER, "/unfreeze")).text();

        assertThat(asked).contains("1 of 2");
    }

    @Test
    void statusWithoutAServiceIsOneCompactLinePerService() {
        String status = team.replyTo(team.says(DEPLOYER, "/status")).text();

        List<String> lines = status.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("<b>Status</b> · 2 services");
        assertThat(lines.get(1)).startsWith("<b>" + API + "</b> · dev <code>");
        assertThat(lines.get(2)).startsWith("<b>" + WORKER + "</b> · dev <code>")
                .contains("· staging <code>0000001</code>").contains("↓1");
        assertThat(lines.get(3)).isEqualTo("/status &lt;service&gt; shows one in full.");
    }

    @Test
    void aWordThatIsNeitherAServiceNorLeftOutIsAnsweredWithTheServicesAndChangesNothing() {
        String answer = team.replyTo(team.says(DEPLOYER, "/promote nosuch staging")).text();

        assertThat(answer).isEqualTo("Which service? /promote &lt;service&gt; nosuch staging, with one of: " + API
                + ", " + WORKER + ".");
        assertThat(StandIns.aws().imageUriOf("report-worker-staging")).endsWith(":sha-0000001-20251101");
    }

    @Test
    void aReleaseTagAndOpenRequestsBelongToTheirService() {
        String release = "v9." + RELEASE.getAndIncrement() + ".0";
        SentMessage apiRequest = team.replyTo(team.says(DEPLOYER, "/promote " + API + " prod " + release),
                message -> message.text().contains("Promotion request #"));
        team.replyTo(team.says(DEPLOYER, "/promote " + WORKER + " staging"), message -> message.text().contains("✅"));

        // The same release tag names another digest in the other service's repository: it is a request of its own.
        SentMessage workerRequest = team.replyTo(team.says(DEPLOYER, "/promote " + WORKER + " prod " + release),
                message -> message.text().contains("Promotion request #"));
        String ambiguous = team.replyTo(team.says(APPROVER, "/approve prod")).text();
        team.replies(APPROVER, "/approve prod", workerRequest);
        team.current(workerRequest, message -> message.text().contains("✅ deployed"));

        assertThat(apiRequest.text()).containsPattern("^✋ <b>Promotion request #\\d+</b> · " + API + " prod\n");
        assertThat(workerRequest.text()).containsPattern("^✋ <b>Promotion request #\\d+</b> · " + WORKER + " prod\n");
        assertThat(ambiguous).isEqualTo("prod has 2 open requests (" + API + ", " + WORKER
                + "); reply to the one you mean.");
        assertThat(StandIns.aws().resolvedDigestOf("report-worker-prod")).isEqualTo(workerDigests.get(0));
        assertThat(team.current(apiRequest, message -> true).buttons()).isNotEmpty(); // still open
    }

    @Test
    void theDailySummaryHasASectionPerServiceAndOneAwsCannotShowDoesNotHideTheOther() {
        String both = summary.compose(Instant.now());
        team.replyTo(team.says(ADMIN, "/freeze " + WORKER + " load test"));
        StandIns.reseedAws(); // the report worker's repository and functions are gone

        String oneGone = summary.compose(Instant.now());

        assertThat(both).contains("<b>▸ " + API + "</b>", "<b>▸ " + WORKER + "</b>")
                .doesNotContain("could not be read");
        String worker = oneGone.substring(oneGone.indexOf("<b>▸ " + WORKER), oneGone.indexOf("<b>Last 24 h</b>"));
        // What the database holds is still shown; what only AWS could tell is not.
        assertThat(worker.lines().skip(1).findFirst().orElseThrow())
                .contains("promotions frozen</b> by " + ADMIN.firstName()).contains("load test");
        assertThat(worker).contains("⚠️ AWS could not be read: ").contains(WORKER)
                .contains("<b>Latest lifecycle audit</b>").doesNotContain("Rollback readiness");
        assertThat(oneGone.substring(oneGone.indexOf("<b>▸ " + API), oneGone.indexOf("<b>▸ " + WORKER)))
                .contains("<b>Rollback readiness</b>");
    }

    @Test
    void eachServicesLatestLifecycleAuditHasItsOwnGauges() {
        team.replyTo(team.says(ADMIN, "/audit"), message -> message.text().contains(WORKER));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();

        for (String service : List.of(API, WORKER)) {
            int dangers = db.one("SELECT dangers FROM lifecycle_audit_run WHERE service = ? "
                    + "ORDER BY ran_at DESC, id DESC LIMIT 1", rs -> rs.getInt(1), service).orElseThrow();
            assertThat(metrics).contains("promobot_lifecycle_images_at_risk{service=\"" + service + "\"} "
                    + (double) dangers);
        }
    }

    @Test
    void aChatBoundToOneServiceMeansItAndARequestOfAnotherOpenedThereIsApprovedByReplying() {
        Conversation workerChat = Conversation.fuzzTeamChat();
        String release = "v9." + RELEASE.getAndIncrement() + ".0";

        String promoted = workerChat.replyTo(workerChat.says(DEPLOYER, "/promote staging"),
                message -> message.text().contains("✅")).text();
        SentMessage apiRequest = workerChat.replyTo(workerChat.says(DEPLOYER, "/promote " + API + " prod " + release),
                message -> message.text().contains("Promotion request #"));
        workerChat.replies(APPROVER, "/approve prod", apiRequest);

        assertThat(promoted).startsWith("✅ " + WORKER + " <b>staging</b>");
        assertThat(workerChat.current(apiRequest, message -> message.text().contains("✅ deployed")).text())
                .contains("· " + API + " prod");
        assertThat(StandIns.aws().resolvedDigestOf(Seed.PROD_FUNCTION))
                .isEqualTo(StandIns.aws().resolvedDigestOf(Seed.STAGING_FUNCTION));
    }

    @Test
    void helpAndUsageShowWhereTheServiceGoesAndNameTheServices() {
        String help = team.replyTo(team.says(ADMIN, "/help")).text();
        String usage = team.replyTo(team.says(ADMIN, "/lock " + WORKER)).text();

        assertThat(help).contains("\n/promote [service] &lt;env&gt; [tag], /promote prod vX.Y.Z")
                .contains("\n/status [service] - what runs where\n")
                .contains("\n/whoami - ")
                .endsWith("\nServices: " + API + ", " + WORKER
                        + ". Name one first where a command could mean several.");
        assertThat(usage).isEqualTo("Usage: /lock [service] &lt;env&gt; [reason]");
    }

    @Test
    void theStatusOfOneServiceNamesItsRepository() {
        String status = team.replyTo(team.says(DEPLOYER, "/status " + WORKER)).text();

        assertThat(status).startsWith("<b>Status</b> · " + WORKER + "\n").doesNotContain(API);
    }

    @Test
    void aProdRequestOfTheWorkerChecksItsReleaseTagAndListsItsChangelogInItsOwnRepository() {
        String release = "v9." + RELEASE.getAndIncrement() + ".0";
        String staged = team.replyTo(team.says(DEPLOYER, "/promote " + WORKER + " staging"),
                message -> message.text().contains("✅")).text();

        SentMessage request = team.replyTo(team.says(DEPLOYER, "/promote " + WORKER + " prod " + release),
                message -> message.text().contains("Promotion request #"));

        String github = "https://github.com/" + WORKER_GITHUB;
        assertThat(staged).contains("📝 3 commits from <code>0000001</code> to <code>" + workerDev + "</code> · "
                + "<a href=\"" + github + "/compare/0000001..." + workerDev + "\">full comparison</a>");
        assertThat(request.text())
                .contains("git: <a href=\"" + github + "/commit/" + workerDev + "\">" + workerDev + "</a>")
                .contains("release tag " + release + " checked on GitHub: exists, points at " + workerDev
                        + ", reachable from main")
                .contains("📝 3 commits from <code>0000001</code> to <code>" + workerDev + "</code>")
                .contains("• <code>" + workerDev + "</code> Render reports in the worker · Dana\n"
                        + "• <code>ddddddd</code> Retry a report once · Bea Moreno\n"
                        + "• <code>eeeeeee</code> Batch the report queries · Ari Tanaka\n")
                .doesNotContain(GitHubStandIn.REPOSITORY);
    }

    @Test
    void aReleaseTagOfTheWorkerIsLookedUpInItsOwnRepositoryNotTheSingleServicesOne() {
        String release = "v9." + RELEASE.getAndIncrement() + ".0";
        workerSource.tagReleasesAt(Optional::empty);
        GitHubStandIns.github().commit(full(workerDev), true);
        GitHubStandIns.github().lightweightTag(release, full(workerDev)); // in the other repository only
        team.replyTo(team.says(DEPLOYER, "/promote " + WORKER + " staging"), message -> message.text().contains("✅"));

        String refused = team.replyTo(team.says(DEPLOYER, "/promote " + WORKER + " prod " + release)).text();

        assertThat(refused).contains("release tag " + release + " does not exist in " + WORKER_GITHUB);
        assertThat(StandIns.aws().resolvedDigestOf("report-worker-prod")).isEqualTo(workerDigests.get(1));
    }

    @Test
    void aServiceWithoutAGitHubRepositoryGetsNoReleaseCheckChangelogCommitLinkOrCommitTimes() {
        String release = "v9." + RELEASE.getAndIncrement() + ".0";

        SentMessage request = team.replyTo(team.says(DEPLOYER, "/promote " + API + " prod " + release),
                message -> message.text().contains("Promotion request #"));
        String apiDora = team.replyTo(team.says(DEPLOYER, "/dora " + API + " staging")).text();
        team.replyTo(team.says(DEPLOYER, "/promote " + WORKER + " staging"), message -> message.text().contains("✅"));
        String workerDora = team.replyTo(team.says(DEPLOYER, "/dora " + WORKER + " staging")).text();

        assertThat(request.text()).doesNotContain("github.com")
                .contains("release tag not checked against GitHub: promobot.github.repository is not set")
                .contains("📝 Changelog: set promobot.github.repository and promobot.github.token");
        assertThat(apiDora).contains("Lead time from the build time in the image tag to the deployment.");
        assertThat(workerDora).contains("Lead time from the commit time on GitHub to the deployment.");
    }

    @Test
    void theDecisionEndpointNeedsTheServiceWhenThereAreSeveral() {
        given().header("Authorization", "Bearer " + StandIns.API_TOKEN).queryParam("target", "staging")
                .when().get("/api/decisions")
                .then().statusCode(400).body("error", containsString(WORKER));
        given().header("Authorization", "Bearer " + StandIns.API_TOKEN).queryParam("target", "staging")
                .queryParam("service", WORKER)
                .when().get("/api/decisions")
                .then().statusCode(200).body("allowed", equalTo(true));
    }
}
