package dev.promobot.github;

import dev.promobot.StandIns;
import dev.promobot.sandbox.GitHubStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Commit times read from the GitHub stand-in over real HTTP, where lead time for changes starts. A Quarkus test
 * because the REST client needs a running Quarkus application.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class GitHubCommitTimesTest {

    private static final String FIRST = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    private static final String SECOND = "2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
    private static final Instant FIRST_COMMITTED = Instant.parse("2025-11-26T08:15:00Z");
    private static final Instant SECOND_COMMITTED = Instant.parse("2025-11-27T17:45:30Z");

    private static GitHubStandIn github;

    private final List<GitHubCommitTimes> made = new ArrayList<>();

    @BeforeAll
    static void startGitHub() {
        github = GitHubStandIn.start();
    }

    @AfterAll
    static void stopGitHub() {
        github.close();
    }

    @BeforeEach
    void twoCommitsOnMain() {
        github.reset();
        github.commit(FIRST, true, FIRST_COMMITTED);
        github.commit(SECOND, true, SECOND_COMMITTED);
    }

    @AfterEach
    void closeClients() {
        made.forEach(GitHubCommitTimes::close);
        made.clear();
    }

    private GitHubCommitTimes times(String token) {
        GitHubCommitTimes times = new GitHubCommitTimes(github.apiUrl(), token, Duration.ofSeconds(5));
        made.add(times);
        return times;
    }

    private static Set<String> shas(String... shas) {
        return new LinkedHashSet<>(List.of(shas));
    }

    @Test
    void theCommitTimeOfEachImagesGitShaIsReadFromGitHub() {
        Map<String, Instant> times = times(github.token()).of(github.repository(), shas("1a2b3c4", SECOND));

        assertThat(times).containsExactlyInAnyOrderEntriesOf(Map.of("1a2b3c4", FIRST_COMMITTED,
                SECOND, SECOND_COMMITTED));
    }

    @Test
    void aCommitGitHubDoesNotKnowIsLeftOutAndTheOthersAreStillAsked() {
        Map<String, Instant> times = times(github.token()).of(github.repository(), shas("fedcba9", "1a2b3c4"));

        assertThat(times).containsExactly(Map.entry("1a2b3c4", FIRST_COMMITTED));
        assertThat(github.requestCount()).isEqualTo(2);
    }

    @Test
    void aCommitTimeOnceReadIsNotAskedForAgain() {
        GitHubCommitTimes times = times(github.token());

        times.of(github.repository(), shas("1a2b3c4"));
        Map<String, Instant> again = times.of(github.repository(), shas("1a2b3c4"));

        assertThat(again).containsExactly(Map.entry("1a2b3c4", FIRST_COMMITTED));
        assertThat(github.requestCount()).isEqualTo(1);
    }

    @Test
    void eachRepositoryIsAskedForItsOwnCommitsAndWhatOneAnsweredIsNeverGivenForAnother() {
        GitHubStandIn.Repository other = github.serve("team/other");
        Instant otherCommitted = Instant.parse("2025-11-20T10:00:00Z");
        other.commit(SECOND, true, otherCommitted);
        GitHubCommitTimes times = times(github.token());

        Map<String, Instant> ours = times.of(github.repository(), shas("1a2b3c4", SECOND));
        Map<String, Instant> theirs = times.of("team/other", shas("1a2b3c4", SECOND));

        assertThat(ours).containsExactlyInAnyOrderEntriesOf(Map.of("1a2b3c4", FIRST_COMMITTED,
                SECOND, SECOND_COMMITTED));
        assertThat(theirs).as("1a2b3c4 is not a commit of team/other; its copy of SECOND has a time of its own")
                .containsExactly(Map.entry(SECOND, otherCommitted));
        assertThat(github.requestCount()).isEqualTo(4);
    }

    @Test
    void whenGitHubFailsNothingMoreIsAskedAndNoTimeIsGiven() {
        github.failNext(503);

        Map<String, Instant> times = times(github.token()).of(github.repository(), shas("1a2b3c4", SECOND));

        assertThat(times).isEmpty();
        assertThat(github.requestCount()).as("one failure, then no more waiting on GitHub").isEqualTo(1);
    }

    @Test
    void aRefusedTokenGivesNoTimesAndAsksOnce() {
        Map<String, Instant> times = times("not-the-token").of(github.repository(), shas("1a2b3c4", SECOND));

        assertThat(times).isEmpty();
        assertThat(github.requestCount()).isEqualTo(1);
    }

    @Test
    void somethingThatIsNotAGitShaIsNeverSentToGitHub() {
        Map<String, Instant> times = times(github.token()).of(github.repository(), shas("../../orgs", "1A2B3C4"));

        assertThat(times).isEmpty();
        assertThat(github.requestCount()).isZero();
    }
}
