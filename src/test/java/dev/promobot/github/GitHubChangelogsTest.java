package dev.promobot.github;

import dev.promobot.StandIns;
import dev.promobot.promotion.Changelog;
import dev.promobot.sandbox.GitHubStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changelogs read from the GitHub stand-in over real HTTP. A Quarkus test because the REST client needs a running
 * Quarkus application; each test makes its own client, with its own token and timeout.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class GitHubChangelogsTest {

    private static final Instant AT = Instant.parse("2025-11-27T09:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static GitHubStandIn github;

    private final List<GitHubChangelogs> made = new ArrayList<>();

    @BeforeAll
    static void startGitHub() {
        github = GitHubStandIn.start();
    }

    @AfterAll
    static void stopGitHub() {
        github.close();
    }

    @BeforeEach
    void emptyHistory() {
        github.reset();
    }

    @AfterEach
    void closeClients() {
        made.forEach(GitHubChangelogs::close);
        made.clear();
    }

    private GitHubChangelogs changelogs(URI apiUrl, String token, Duration timeout) {
        GitHubChangelogs changelogs = new GitHubChangelogs(apiUrl, token, timeout);
        made.add(changelogs);
        return changelogs;
    }

    private GitHubChangelogs changelogs() {
        return changelogs(github.apiUrl(), github.token(), TIMEOUT);
    }

    private static String sha(int n) {
        return String.format("%07x", 0x1a00000 + n) + "e".repeat(33);
    }

    private static String shortSha(int n) {
        return sha(n).substring(0, 7);
    }

    /** Commits {@code from..to} on main, "Change n" by "Dev n". */
    private static void onMain(int from, int to) {
        IntStream.rangeClosed(from, to).forEach(n -> github.commit(new GitHubStandIn.Commit(sha(n),
                "Change " + n + "\n\nThe body, never shown.", "Dev " + n, "dev" + n, AT), true));
    }

    @Test
    void aFewCommitsAheadAreAllListedNewestFirst() {
        onMain(1, 4);

        Changelog changelog = changelogs().between(github.repository(), shortSha(1), shortSha(4));

        assertThat(changelog).isEqualTo(new Changelog.Listed(shortSha(1), shortSha(4), 3, List.of(
                new Changelog.Commit(shortSha(4), "Change 4", "Dev 4"),
                new Changelog.Commit(shortSha(3), "Change 3", "Dev 3"),
                new Changelog.Commit(shortSha(2), "Change 2", "Dev 2")),
                "https://github.com/" + github.repository() + "/compare/" + shortSha(1) + "..." + shortSha(4)));
    }

    @Test
    void eachRepositorysChangelogListsItsOwnCommitsWithOneClient() {
        onMain(1, 3);
        GitHubStandIn.Repository other = github.serve("team/other");
        other.commit(new GitHubStandIn.Commit(sha(1), "Start", "Ari", "", AT), true);
        other.commit(new GitHubStandIn.Commit(sha(9), "Only in team/other", "Ari", "", AT), true);
        GitHubChangelogs changelogs = changelogs();

        Changelog ours = changelogs.between(github.repository(), shortSha(1), shortSha(3));
        Changelog theirs = changelogs.between("team/other", shortSha(1), shortSha(9));
        Changelog unknownThere = changelogs.between("team/other", shortSha(1), shortSha(3));

        assertThat(ours).isInstanceOfSatisfying(Changelog.Listed.class, listed -> assertThat(listed.total())
                .isEqualTo(2));
        assertThat(theirs).isEqualTo(new Changelog.Listed(shortSha(1), shortSha(9), 1,
                List.of(new Changelog.Commit(shortSha(9), "Only in team/other", "Ari")),
                "https://github.com/team/other/compare/" + shortSha(1) + "..." + shortSha(9)));
        assertThat(unknownThere).isEqualTo(new Changelog.CannotCompare("GitHub cannot compare " + shortSha(1)
                + " with " + shortSha(3) + ": one of them is not a commit of team/other"));
    }

    @Test
    void manyCommitsAheadListTheNewestTenFromTheLastPagesAndCountTheRest() {
        onMain(0, 205); // 205 ahead: pages of 100 hold 100, 100 and 5

        Changelog.Listed changelog = (Changelog.Listed) changelogs().between(github.repository(), shortSha(0),
                shortSha(205));

        assertThat(changelog.total()).isEqualTo(205);
        assertThat(changelog.more()).isEqualTo(195);
        assertThat(changelog.newest()).extracting(Changelog.Commit::subject).containsExactly("Change 205",
                "Change 204", "Change 203", "Change 202", "Change 201", "Change 200", "Change 199", "Change 198",
                "Change 197", "Change 196");
    }

    @Test
    void theSameCommitIsIdentical() {
        onMain(1, 2);

        assertThat(changelogs().between(github.repository(), shortSha(2), sha(2)))
                .isEqualTo(new Changelog.Identical(shortSha(2), shortSha(2)));
    }

    @Test
    void anOlderCandidateGoesBack() {
        onMain(1, 5);

        Changelog changelog = changelogs().between(github.repository(), shortSha(5), shortSha(3));

        assertThat(changelog).isInstanceOfSatisfying(Changelog.GoesBack.class, back ->
                assertThat(back.commits()).isEqualTo(2));
    }

    @Test
    void divergedHistoriesCannotBeCompared() {
        onMain(1, 1);
        github.commit(new GitHubStandIn.Commit(sha(90), "Hotfix", "Dev", "", AT), false);
        onMain(2, 4);

        Changelog changelog = changelogs().between(github.repository(), shortSha(90), shortSha(4));

        assertThat(changelog).isEqualTo(new Changelog.CannotCompare("the histories of " + shortSha(90) + " and "
                + shortSha(4) + " diverged: " + shortSha(4) + " has 3 commits that " + shortSha(90)
                + " lacks, and lacks 1 commit it has"));
    }

    @Test
    void anUnknownShaCannotBeCompared() {
        onMain(1, 2);

        Changelog changelog = changelogs().between(github.repository(), "deadbee", shortSha(2));

        assertThat(changelog).isEqualTo(new Changelog.CannotCompare("GitHub cannot compare deadbee with "
                + shortSha(2) + ": one of them is not a commit of " + github.repository()));
    }

    @Test
    void historiesWithNothingInCommonCannotBeCompared() {
        github.commit(new GitHubStandIn.Commit(sha(80), "Orphan", "Dev", "", AT), false);
        onMain(1, 1);

        assertThat(changelogs().between(github.repository(), shortSha(80), shortSha(1)))
                .isEqualTo(new Changelog.CannotCompare("GitHub cannot compare " + shortSha(80) + " with "
                        + shortSha(1) + ": they share no history"));
    }

    @Test
    void aServerErrorMakesItUnavailable() {
        onMain(1, 2);
        github.failNext(500);

        assertThat(changelogs().between(github.repository(), shortSha(1), shortSha(2)))
                .isEqualTo(new Changelog.Unavailable("GitHub failed with 500"));
    }

    @Test
    void aStalledGitHubMakesItUnavailableAfterTheTimeout() {
        onMain(1, 2);
        github.stallNext();
        long started = System.nanoTime();

        Changelog changelog = changelogs(github.apiUrl(), github.token(), Duration.ofMillis(300))
                .between(github.repository(), shortSha(1), shortSha(2));

        assertThat(changelog).isEqualTo(new Changelog.Unavailable("GitHub did not answer in time"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aRefusedTokenMakesItUnavailableWithoutTheToken() {
        onMain(1, 2);
        String token = "ghp_secret0123456789";

        Changelog changelog = changelogs(github.apiUrl(), token, TIMEOUT).between(github.repository(), shortSha(1),
                shortSha(2));

        assertThat(changelog).isEqualTo(new Changelog.Unavailable("GitHub refused the token (401)"));
        assertThat(changelog.toString()).doesNotContain(token);
    }

    @Test
    void anUnreachableGitHubMakesItUnavailable() {
        URI gone;
        try (GitHubStandIn closed = GitHubStandIn.start()) {
            gone = closed.apiUrl();
        }

        assertThat(changelogs(gone, github.token(), TIMEOUT).between(github.repository(), "1a2b3c4", "2b3c4d5"))
                .isEqualTo(new Changelog.Unavailable("GitHub could not be reached"));
    }

    @Test
    void onlyTheFirstLineIsTheSubjectCutWhenLongAndTheLoginStandsInForAMissingName() {
        onMain(1, 1);
        github.commit(new GitHubStandIn.Commit(sha(2), "  " + "word ".repeat(30) + "\r\nbody", "", "eve", AT),
                true);

        Changelog.Listed changelog = (Changelog.Listed) changelogs().between(github.repository(), shortSha(1),
                shortSha(2));

        Changelog.Commit commit = changelog.newest().get(0);
        assertThat(commit.subject()).hasSizeLessThanOrEqualTo(GitHubChangelogs.SUBJECT_LENGTH).endsWith("word…")
                .startsWith("word word");
        assertThat(commit.author()).isEqualTo("eve");
    }

    @Test
    void somethingThatIsNotAGitShaIsNotSentToGitHub() {
        int before = github.requestCount();

        assertThat(changelogs().between(github.repository(), "../../etc", "1a2b3c4"))
                .isInstanceOf(Changelog.CannotCompare.class);
        assertThat(github.requestCount()).isEqualTo(before);
    }
}
