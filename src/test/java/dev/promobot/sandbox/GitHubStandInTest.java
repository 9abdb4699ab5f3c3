package dev.promobot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The GitHub stand-in's compare endpoint answers in the shape GitHub documents for "Compare two commits"
 * (https://docs.github.com/rest/commits/commits#compare-two-commits): the fields of a commit comparison, commits
 * oldest first, at most 250 without pagination, pages of per_page when asked, 404 for an unknown sha or histories
 * with nothing in common. And the sandbox's seeded history holds the commit of every seeded image.
 */
class GitHubStandInTest {

    private static final Instant AT = Instant.parse("2025-11-27T09:00:00Z");
    private static final List<String> COMPARISON_FIELDS = List.of("url", "html_url", "permalink_url", "diff_url",
            "patch_url", "base_commit", "merge_base_commit", "status", "ahead_by", "behind_by", "total_commits",
            "commits", "files");
    private static final List<String> COMMIT_FIELDS = List.of("sha", "node_id", "commit", "url", "html_url",
            "comments_url", "author", "committer", "parents");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private GitHubStandIn github;

    @BeforeEach
    void start() {
        github = GitHubStandIn.start();
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private static String sha(int n) {
        return String.format("%07x", 0xabc0000 + n) + "f".repeat(33);
    }

    private void mainCommits(int from, int to) {
        IntStream.rangeClosed(from, to).forEach(n -> github.commit(new GitHubStandIn.Commit(sha(n),
                "Change " + n + "\n\nWhy it changed.", "Dev " + n, n % 2 == 0 ? "dev" + n : "", AT), true));
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(github.apiUrl() + "/repos/"
                        + github.repository() + "/" + path)).header("User-Agent", "test")
                .header("Authorization", "Bearer " + github.token()).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()));
    }

    private static List<String> shas(JsonNode commits) {
        List<String> shas = new ArrayList<>();
        commits.forEach(commit -> shas.add(commit.path("sha").asText()));
        return shas;
    }

    @Test
    void aComparisonHasTheDocumentedFieldsAndListsTheCommitsOldestFirst() throws Exception {
        mainCommits(1, 4);

        Answer answer = get("compare/" + sha(1) + "..." + sha(4));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.fieldNames()).toIterable().containsAll(COMPARISON_FIELDS);
        assertThat(body.path("status").asText()).isEqualTo("ahead");
        assertThat(body.path("ahead_by").asInt()).isEqualTo(3);
        assertThat(body.path("behind_by").asInt()).isZero();
        assertThat(body.path("total_commits").asInt()).isEqualTo(3);
        assertThat(body.path("html_url").asText()).isEqualTo("https://github.com/" + github.repository()
                + "/compare/" + sha(1) + "..." + sha(4));
        assertThat(body.path("merge_base_commit").path("sha").asText()).isEqualTo(sha(1));
        assertThat(shas(body.path("commits"))).containsExactly(sha(2), sha(3), sha(4));
        JsonNode commit = body.path("commits").get(1);
        assertThat(commit.fieldNames()).toIterable().containsAll(COMMIT_FIELDS);
        assertThat(commit.path("commit").path("message").asText()).isEqualTo("Change 3\n\nWhy it changed.");
        assertThat(commit.path("commit").path("author").path("name").asText()).isEqualTo("Dev 3");
        assertThat(commit.path("commit").path("committer").path("date").asText()).isEqualTo(AT.toString());
        assertThat(commit.path("author").isNull()).as("an author email no account has").isTrue();
        assertThat(body.path("commits").get(0).path("author").path("login").asText()).isEqualTo("dev2");
        assertThat(commit.path("parents").get(0).path("sha").asText()).isEqualTo(sha(2));
    }

    @Test
    void shortShasWorkOnEitherSideAndTheSameCommitIsIdentical() throws Exception {
        mainCommits(1, 2);

        JsonNode body = get("compare/" + sha(2).substring(0, 7) + "..." + sha(2)).body();

        assertThat(body.path("status").asText()).isEqualTo("identical");
        assertThat(body.path("total_commits").asInt()).isZero();
        assertThat(body.path("commits")).isEmpty();
    }

    @Test
    void anOlderHeadIsBehind() throws Exception {
        mainCommits(1, 5);

        JsonNode body = get("compare/" + sha(5) + "..." + sha(2)).body();

        assertThat(body.path("status").asText()).isEqualTo("behind");
        assertThat(body.path("behind_by").asInt()).isEqualTo(3);
        assertThat(body.path("ahead_by").asInt()).isZero();
    }

    @Test
    void aBranchOffAnOlderCommitHasDiverged() throws Exception {
        mainCommits(1, 1);
        github.commit(new GitHubStandIn.Commit(sha(50), "Hotfix", "Dev", "", AT), false);
        mainCommits(2, 4);

        JsonNode body = get("compare/" + sha(50) + "..." + sha(4)).body();

        assertThat(body.path("status").asText()).isEqualTo("diverged");
        assertThat(body.path("ahead_by").asInt()).isEqualTo(3);
        assertThat(body.path("behind_by").asInt()).isEqualTo(1);
        assertThat(body.path("merge_base_commit").path("sha").asText()).isEqualTo(sha(1));
        assertThat(shas(body.path("commits"))).containsExactly(sha(2), sha(3), sha(4));
    }

    @Test
    void withoutPaginationAtMost250CommitsAreListedButAllAreCounted() throws Exception {
        mainCommits(0, 260);

        JsonNode body = get("compare/" + sha(0) + "..." + sha(260)).body();

        assertThat(body.path("total_commits").asInt()).isEqualTo(260);
        assertThat(body.path("commits")).hasSize(250);
        assertThat(body.path("commits").get(0).path("sha").asText()).isEqualTo(sha(1));
    }

    @Test
    void pagesListPerPageCommitsOldestFirst() throws Exception {
        mainCommits(0, 120);

        JsonNode second = get("compare/" + sha(0) + "..." + sha(120) + "?per_page=100&page=2").body();
        JsonNode beyond = get("compare/" + sha(0) + "..." + sha(120) + "?per_page=100&page=3").body();

        assertThat(second.path("total_commits").asInt()).isEqualTo(120);
        assertThat(shas(second.path("commits"))).hasSize(20).startsWith(sha(101)).endsWith(sha(120));
        assertThat(beyond.path("commits")).isEmpty();
    }

    @Test
    void anUnknownShaIsNotFoundInGitHubsErrorShape() throws Exception {
        mainCommits(1, 2);

        Answer answer = get("compare/" + sha(1) + "...deadbee");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("message").asText()).isEqualTo("Not Found");
        assertThat(answer.body().has("documentation_url")).isTrue();
    }

    @Test
    void historiesWithNothingInCommonAreNotFoundWithGitHubsMessage() throws Exception {
        // Two roots: a side commit with main still empty, then a main commit.
        github.commit(new GitHubStandIn.Commit(sha(7), "Orphan", "Dev", "", AT), false);
        mainCommits(8, 8);

        Answer answer = get("compare/" + sha(7) + "..." + sha(8));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body().path("message").asText()).startsWith("No common ancestor between");
    }

    @Test
    void aFailureAimedAtOnePathLeavesOthersAlone() throws Exception {
        mainCommits(1, 2);
        github.failNext(500, "compare/" + sha(1).substring(0, 7));

        assertThat(get("compare/main..." + sha(2)).status()).isEqualTo(200);
        assertThat(get("compare/" + sha(1).substring(0, 7) + "..." + sha(2)).status()).isEqualTo(500);
        assertThat(get("compare/" + sha(1).substring(0, 7) + "..." + sha(2)).status()).isEqualTo(200);
    }

    @Test
    void aReleaseTagAskedForIsTaggedAtTheCommitNamedThenAndStaysThere() throws Exception {
        mainCommits(1, 3);
        String[] at = {sha(2).substring(0, 7)};
        github.tagReleasesAt(() -> Optional.of(at[0]));

        JsonNode tagged = get("git/ref/tags/v1.2.3").body();
        at[0] = sha(3).substring(0, 7);

        assertThat(tagged.path("object").path("sha").asText()).isEqualTo(sha(2));
        assertThat(get("git/ref/tags/v1.2.3").body().path("object").path("sha").asText()).isEqualTo(sha(2));
        assertThat(get("git/ref/tags/not-a-release").status()).isEqualTo(404);
    }

    @Test
    void theSeededHistoryHoldsTheCommitOfEverySeededImageOnMain() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2025-11-27T08:30:00Z"), ZoneOffset.UTC);
        List<GitHubStandIn.Commit> history = Seed.history(clock);
        Seed.applyHistory(github, clock);
        List<Seed.SeedImage> images;
        List<Seed.SeedImage> workerImages;
        try (AwsStandIn aws = AwsStandIn.start(0, "ap-southeast-1", clock)) {
            images = Seed.apply(aws, clock);
            workerImages = Seed.applyReportWorker(aws, clock);
        }

        assertThat(history).hasSizeBetween(Seed.IMAGE_COUNT, 4 * Seed.IMAGE_COUNT);
        assertThat(history.stream().map(c -> c.sha().substring(0, 7)).distinct()).hasSameSizeAs(history);
        assertThat(history.stream().map(GitHubStandIn.Commit::authorName).distinct()).hasSizeGreaterThan(3);
        for (Seed.SeedImage image : images) {
            String gitSha = image.tag().replaceAll("^sha-([0-9a-f]+)-.*", "$1");
            Optional<GitHubStandIn.Commit> built = history.stream().filter(c -> c.sha().startsWith(gitSha))
                    .findFirst();
            assertThat(built).as(image.tag()).isPresent();
            assertThat(built.get().committedAt()).isBefore(image.pushedAt());
            assertThat(get("compare/main..." + gitSha).body().path("status").asText()).isIn("behind", "identical");
        }
        List<String> workerHistory = Seed.workerHistory(clock).stream().map(GitHubStandIn.Commit::sha).toList();
        for (Seed.SeedImage image : workerImages) {
            String gitSha = image.tag().replaceAll("^sha-([0-9a-f]+)-.*", "$1");
            assertThat(workerHistory).as(image.tag()).anyMatch(sha -> sha.startsWith(gitSha));
            assertThat(github.serve(Seed.WORKER_GITHUB_REPOSITORY).name()).isEqualTo(Seed.WORKER_GITHUB_REPOSITORY);
        }
        String sandboxProd = images.get(32).tag().substring(4, 11);
        String staging = images.get(2).tag().substring(4, 11);
        JsonNode changelog = get("compare/" + sandboxProd + "..." + staging).body();
        assertThat(changelog.path("status").asText()).isEqualTo("ahead");
        assertThat(changelog.path("total_commits").asInt()).as("a changelog with more than ten commits")
                .isGreaterThan(30);
    }
}
