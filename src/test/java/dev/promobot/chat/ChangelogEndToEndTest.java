package dev.promobot.chat;

import dev.promobot.AwsConsole;
import dev.promobot.Conversation;
import dev.promobot.GitHubStandIns;
import dev.promobot.StandIns;
import dev.promobot.sandbox.GitHubStandIn;
import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.DEPLOYER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With GitHub configured, a prod request and the outcome of a staging promotion show what changes: the commits
 * from the git sha the environment runs to the candidate's, as the GitHub stand-in compares them; and GitHub
 * failing or not knowing a commit never keeps a request from opening.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
@TestProfile(ChangelogEndToEndTest.WithGitHub.class)
class ChangelogEndToEndTest {

    public static class WithGitHub implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(GitHubStandIns.class));
        }
    }

    private static final Instant AT = Instant.parse("2025-11-27T09:00:00Z");
    private static final AtomicInteger RELEASE = new AtomicInteger(1);
    private static final String COMPARE = "https://github.com/" + GitHubStandIn.REPOSITORY + "/compare/";

    @Inject
    Db db;

    private final Conversation team = Conversation.team();
    private GitHubStandIn github;

    @BeforeEach
    void fresh() {
        StandIns.reseedAws();
        github = GitHubStandIns.github();
        github.reset();
        db.update("UPDATE approval_request SET status = 'void' WHERE status = 'open'");
    }

    /** The git sha in the image tag the function runs. */
    private static String gitShaOf(String function) {
        return StandIns.aws().imageUriOf(function).replaceAll(".*:sha-([0-9a-f]+)-.*", "$1");
    }

    /** A full sha for a short one, as GitHub knows the commit the image was built from. */
    private static String full(String shortSha) {
        return shortSha + "0".repeat(40 - shortSha.length());
    }

    /** A commit of no image: f000001, f000002, ... */
    private static String filler(int n) {
        return String.format("f%06x", n) + "9".repeat(33);
    }

    private void onMain(String sha, String subject) {
        github.commit(new GitHubStandIn.Commit(sha, subject, "Dev", "dev", AT), true);
    }

    private void fillers(int from, int to) {
        IntStream.rangeClosed(from, to).forEach(n -> github.commit(new GitHubStandIn.Commit(filler(n),
                "Change " + n + "\n\nWhy it changed.", "Dev " + n, "dev" + n, AT), true));
    }

    /** Tags a release at staging's commit, which must be on main, and asks for prod under it. */
    private SentMessage requestProd() {
        String release = "v4." + RELEASE.getAndIncrement() + ".0";
        github.lightweightTag(release, full(gitShaOf(Seed.STAGING_FUNCTION)));
        return team.replyTo(team.says(DEPLOYER, "/promote prod " + release),
                message -> message.text().contains("Promotion request #"));
    }

    @Test
    void aProdRequestListsTheNewestTenCommitsSinceWhatProdRunsAndCountsTheRest() {
        String prod = gitShaOf(Seed.PROD_FUNCTION);
        String staging = gitShaOf(Seed.STAGING_FUNCTION);
        onMain(full(prod), "What prod runs");
        fillers(1, 11);
        onMain(full(staging), "Show the changelog in prod requests");

        SentMessage request = requestProd();

        assertThat(request.text())
                .contains("📝 12 commits from <code>" + prod + "</code> to <code>" + staging + "</code> · "
                        + "<a href=\"" + COMPARE + prod + "..." + staging + "\">full comparison</a>\n"
                        + "• <code>" + staging + "</code> Show the changelog in prod requests · Dev\n"
                        + "• <code>f00000b</code> Change 11 · Dev 11\n")
                .contains("• <code>f000003</code> Change 3 · Dev 3\nand 2 more\n\nwaiting for approval")
                .doesNotContain("<code>f000002</code>").doesNotContain("Why it changed");

        team.replyTo(team.replies(APPROVER, "/approve prod", request));
        assertThat(team.current(request, message -> message.text().contains("✅ deployed")).text())
                .as("the request keeps its changelog through every edit")
                .contains("📝 12 commits from <code>" + prod + "</code>").contains("and 2 more");
    }

    @Test
    void aRebuildOfTheCommitProdRunsChangesNoCommits() {
        String prod = gitShaOf(Seed.PROD_FUNCTION);
        onMain(full(prod), "What prod runs");
        String rebuild = "sha-" + prod + "-" + DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
                .withZone(ZoneOffset.UTC).format(Instant.now());
        StandIns.aws().pushImage(Seed.REPOSITORY, List.of(rebuild), Instant.now(), 190_000_000L);
        AwsConsole.deploy(Seed.STAGING_FUNCTION, StandIns.aws().repositoryUri(Seed.REPOSITORY) + ":" + rebuild);

        SentMessage request = requestProd();

        assertThat(request.text()).contains("📝 No commits change: <code>" + prod + "</code> is the commit prod runs");
    }

    @Test
    void aProdOnAHotfixBranchHasDivergedAndTheRequestSaysSo() {
        String prod = gitShaOf(Seed.PROD_FUNCTION);
        String staging = gitShaOf(Seed.STAGING_FUNCTION);
        fillers(1, 1);
        github.commit(new GitHubStandIn.Commit(full(prod), "Hotfix", "Dev", "", AT), false);
        fillers(2, 3);
        onMain(full(staging), "Release");

        SentMessage request = requestProd();

        assertThat(request.text()).contains("📝 Changelog cannot be computed: the histories of " + prod + " and "
                + staging + " diverged: " + staging + " has 3 commits that " + prod + " lacks, and lacks 1 commit "
                + "it has");
    }

    @Test
    void aShaGitHubDoesNotKnowIsNamedAndTheRequestStillOpens() {
        String prod = gitShaOf(Seed.PROD_FUNCTION);
        String staging = gitShaOf(Seed.STAGING_FUNCTION);
        onMain(full(staging), "Release");

        SentMessage request = requestProd();

        assertThat(request.text()).contains("📝 Changelog cannot be computed: GitHub cannot compare " + prod
                + " with " + staging + ": one of them is not a commit of " + GitHubStandIn.REPOSITORY)
                .contains("waiting for approval");
    }

    @Test
    void whenProdRunsNoImageTagWithAGitShaTheChangelogCannotBeComputed() {
        StandIns.aws().pushImage(Seed.REPOSITORY, List.of("hotfix-build"), Instant.now(), 190_000_000L);
        AwsConsole.deploy(Seed.PROD_FUNCTION, StandIns.aws().repositoryUri(Seed.REPOSITORY) + ":hotfix-build");
        onMain(full(gitShaOf(Seed.STAGING_FUNCTION)), "Release");
        int before = github.requestCount();

        SentMessage request = requestProd();

        assertThat(request.text()).contains("📝 Changelog cannot be computed: prod runs hotfix-build, with no git "
                + "sha to start from");
        assertThat(github.requestCount() - before).as("the release tag check's requests only").isLessThanOrEqualTo(2);
    }

    @Test
    void gitHubFailingLeavesTheChangelogUnavailableAndTheRequestOpens() {
        String prod = gitShaOf(Seed.PROD_FUNCTION);
        onMain(full(prod), "What prod runs");
        onMain(full(gitShaOf(Seed.STAGING_FUNCTION)), "Release");
        github.failNext(500, "compare/" + prod);

        SentMessage request = requestProd();

        assertThat(request.text()).contains("📝 Changelog unavailable: GitHub failed with 500")
                .contains("waiting for approval");
        assertThat(request.callbackData()).hasSize(2);
    }

    @Test
    void gitHubStallingLeavesTheChangelogUnavailableAndTheRequestOpens() {
        String prod = gitShaOf(Seed.PROD_FUNCTION);
        onMain(full(prod), "What prod runs");
        onMain(full(gitShaOf(Seed.STAGING_FUNCTION)), "Release");
        github.stallNext("compare/" + prod);

        SentMessage request = requestProd();

        assertThat(request.text()).contains("📝 Changelog unavailable: GitHub did not answer in time")
                .contains("waiting for approval");
    }

    @Test
    void commitSubjectsAndAuthorsAreEscapedAndOnlyTheFirstLineShows() {
        String prod = gitShaOf(Seed.PROD_FUNCTION);
        onMain(full(prod), "What prod runs");
        github.commit(new GitHubStandIn.Commit(filler(1), "<b>Deploy</b> & <script>\n\n<i>the body</i>",
                "<i>Eve</i> & co", "eve", AT), true);
        onMain(full(gitShaOf(Seed.STAGING_FUNCTION)), "Release");

        String text = requestProd().text();

        assertThat(text).contains("• <code>f000001</code> &lt;b&gt;Deploy&lt;/b&gt; &amp; &lt;script&gt; · "
                + "&lt;i&gt;Eve&lt;/i&gt; &amp; co").doesNotContain("the body").doesNotContain("<script>");
    }

    @Test
    void aStagingPromotionsOutcomeShowsTheCommitsItBrought() {
        String staging = gitShaOf(Seed.STAGING_FUNCTION);
        String dev = gitShaOf(Seed.DEV_FUNCTION);
        onMain(full(staging), "What staging runs");
        fillers(1, 2);
        onMain(full(dev), "Add the changelog");

        SentMessage progress = team.replyTo(team.says(DEPLOYER, "/promote staging"));
        String outcome = team.current(progress, message -> message.text().startsWith("✅")).text();

        assertThat(outcome).startsWith("✅ <b>staging</b> now runs <code>sha-" + dev)
                .contains("\n\n📝 3 commits from <code>" + staging + "</code> to <code>" + dev + "</code>")
                .contains("• <code>" + dev + "</code> Add the changelog · Dev\n• <code>f000002</code> Change 2");
    }
}
