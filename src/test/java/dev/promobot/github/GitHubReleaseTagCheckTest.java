package dev.promobot.github;

import dev.promobot.StandIns;
import dev.promobot.promotion.ReleaseTagCheck.Outcome;
import dev.promobot.promotion.ReleaseTagCheck;
import dev.promobot.rules.ReleaseTag;
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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check against the GitHub stand-in over real HTTP. A Quarkus test because the REST client the check builds
 * needs a running Quarkus application; the check itself is made here, not injected, so each test picks its own
 * API URL, token and timeout.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class GitHubReleaseTagCheckTest {

    private static final ReleaseTag V1_2_3 = new ReleaseTag(1, 2, 3);
    private static final String EARLIER = "0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b";
    private static final String RELEASED = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d";
    private static final String LATER = "2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e";
    private static final String SIDE = "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c";
    private static final String TAG_OBJECT = "5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80";
    private static final String IMAGE_SHA = "1a2b3c4";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static GitHubStandIn github;

    private final List<GitHubReleaseTagCheck> made = new ArrayList<>();

    @BeforeAll
    static void startGitHub() {
        github = GitHubStandIn.start();
    }

    @AfterAll
    static void stopGitHub() {
        github.close();
    }

    @BeforeEach
    void mainHasThreeCommits() {
        github.reset();
        github.commit(EARLIER, true);
        github.commit(RELEASED, true);
        github.commit(LATER, true);
    }

    @AfterEach
    void closeChecks() {
        made.forEach(GitHubReleaseTagCheck::close);
        made.clear();
    }

    private GitHubReleaseTagCheck newCheck(URI apiUrl, String token, Duration timeout) {
        GitHubReleaseTagCheck check = new GitHubReleaseTagCheck(apiUrl, token, "main", timeout);
        made.add(check);
        return check;
    }

    private GitHubReleaseTagCheck checkWithToken(String token) {
        return newCheck(github.apiUrl(), token, TIMEOUT);
    }

    private GitHubReleaseTagCheck check() {
        return checkWithToken(github.token());
    }

    @Test
    void lightweightTagOnMainPointingAtTheImagesShaPasses() {
        github.lightweightTag("v1.2.3", RELEASED);

        Outcome result = check().check(github.repository(), V1_2_3, IMAGE_SHA);

        assertThat(result.made()).isTrue();
        assertThat(result.ok()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(result.summary())
                .isEqualTo("release tag v1.2.3 checked on GitHub: exists, points at 1a2b3c4, reachable from main");
        assertThat(github.requestCount()).isEqualTo(2);
    }

    @Test
    void aReleaseTagIsLookedUpInTheRepositoryAskedAbout() {
        github.lightweightTag("v1.2.3", RELEASED);
        GitHubStandIn.Repository other = github.serve("team/other");
        other.commit(RELEASED, true);
        GitHubReleaseTagCheck check = check();

        Outcome ours = check.check(github.repository(), V1_2_3, IMAGE_SHA);
        Outcome theirs = check.check("team/other", V1_2_3, IMAGE_SHA);

        assertThat(ours.ok()).isTrue();
        assertThat(theirs.problems()).containsExactly("release tag v1.2.3 does not exist in team/other");
    }

    @Test
    void tagAtTheHeadOfMainPasses() {
        github.lightweightTag("v1.2.3", LATER);

        Outcome result = check().check(github.repository(), V1_2_3, LATER);

        assertThat(result.ok()).isTrue();
        assertThat(result.summary()).contains("points at 2b3c4d5", "reachable from main");
    }

    @Test
    void annotatedTagIsPeeledToItsCommitAndPasses() {
        github.annotatedTag("v1.2.3", TAG_OBJECT, RELEASED);

        Outcome result = check().check(github.repository(), V1_2_3, IMAGE_SHA);

        assertThat(result.ok()).isTrue();
        assertThat(result.summary())
                .isEqualTo("release tag v1.2.3 checked on GitHub: exists, points at 1a2b3c4, reachable from main");
        assertThat(github.requestCount()).isEqualTo(3);
    }

    @Test
    void missingTagIsAProblem() {
        Outcome result = check().check(github.repository(), V1_2_3, IMAGE_SHA);

        assertThat(result.made()).isTrue();
        assertThat(result.ok()).isFalse();
        assertThat(result.problems())
                .containsExactly("release tag v1.2.3 does not exist in promobot-sandbox/service");
        assertThat(github.requestCount()).isEqualTo(1);
    }

    @Test
    void tagPointingAtAnotherCommitNamesBoth() {
        github.lightweightTag("v1.2.3", EARLIER);

        Outcome result = check().check(github.repository(), V1_2_3, IMAGE_SHA);

        assertThat(result.ok()).isFalse();
        assertThat(result.problems())
                .containsExactly("release tag v1.2.3 points at 0e1f2a3, not at the image's git sha 1a2b3c4");
    }

    @Test
    void tagOnASideBranchIsNotReachableFromMain() {
        github.commit(SIDE, false);
        github.lightweightTag("v1.2.3", SIDE);

        Outcome result = check().check(github.repository(), V1_2_3, "9f8e7d6c");

        assertThat(result.ok()).isFalse();
        assertThat(result.problems())
                .containsExactly("release tag v1.2.3 (commit 9f8e7d6) is not reachable from main");
    }

    @Test
    void tagOnASideBranchThatMainMovedAwayFromIsNotReachableEither() {
        github.commit(SIDE, false);
        github.commit("3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f", true);
        github.annotatedTag("v1.2.3", TAG_OBJECT, SIDE);

        Outcome result = check().check(github.repository(), V1_2_3, SIDE);

        assertThat(result.problems())
                .containsExactly("release tag v1.2.3 (commit 9f8e7d6) is not reachable from main");
    }

    @Test
    void wrongTokenGivesOneSentenceWithoutTheToken() {
        String wrongToken = "wrong-" + github.token();

        Outcome result = checkWithToken(wrongToken).check(github.repository(), V1_2_3, IMAGE_SHA);

        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).hasSize(1);
        assertThat(result.summary()).isEqualTo("could not check release tag v1.2.3: GitHub refused the token (401)");
        assertThat(allText(result)).doesNotContain(wrongToken).doesNotContain(github.token());
    }

    @Test
    void badGatewayGivesOneSentence() {
        github.lightweightTag("v1.2.3", RELEASED);
        github.failNext(502);

        Outcome result = check().check(github.repository(), V1_2_3, IMAGE_SHA);

        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).containsExactly("could not check release tag v1.2.3: GitHub failed with 502");
    }

    @Test
    void forbiddenGivesOneSentenceNamingTheRepository() {
        github.failNext(403);

        Outcome result = check().check(github.repository(), V1_2_3, IMAGE_SHA);

        assertThat(result.problems()).containsExactly("could not check release tag v1.2.3: GitHub refused the token"
                + " access to promobot-sandbox/service (403)");
    }

    @Test
    void slowGitHubGivesOneSentence() {
        github.stallNext();
        GitHubReleaseTagCheck impatient = newCheck(github.apiUrl(), github.token(), Duration.ofMillis(300));

        Outcome result = impatient.check(github.repository(), V1_2_3, IMAGE_SHA);

        assertThat(result.problems()).containsExactly("could not check release tag v1.2.3: GitHub did not answer in"
                + " time");
    }

    @Test
    void unreachableGitHubGivesOneSentence() {
        URI gone;
        try (GitHubStandIn closed = GitHubStandIn.start()) {
            gone = closed.apiUrl();
        }
        GitHubReleaseTagCheck check = newCheck(gone, github.token(), TIMEOUT);

        Outcome result = check.check(github.repository(), V1_2_3, IMAGE_SHA);

        assertThat(result.problems()).containsExactly("could not check release tag v1.2.3: GitHub could not be"
                + " reached");
    }

    @Test
    void imageShaThatIsNotHexIsRefusedWithoutAskingGitHub() {
        Outcome result = check().check(github.repository(), V1_2_3, "not-a-sha");

        assertThat(result.ok()).isFalse();
        assertThat(result.summary()).contains("not 7 to 40 hex digits");
        assertThat(github.requestCount()).isZero();
    }

    @Test
    void notMadeSummaryNamesTheMissingKey() {
        ReleaseTagCheck none = new NoReleaseTagCheck();

        Outcome result = none.check(github.repository(), V1_2_3, IMAGE_SHA);

        assertThat(result.made()).isFalse();
        assertThat(result.ok()).isTrue();
        assertThat(result.problems()).isEmpty();
        assertThat(result.summary())
                .isEqualTo("release tag not checked against GitHub: promobot.github.repository is not set");
    }

    @Test
    void tokenNeverAppearsInAnyResultText() {
        List<Supplier<Outcome>> scenarios = List.of(
                () -> {
                    github.lightweightTag("v1.2.3", RELEASED);
                    return check().check(github.repository(), V1_2_3, IMAGE_SHA);
                },
                () -> check().check(github.repository(), V1_2_3, IMAGE_SHA),
                () -> {
                    github.lightweightTag("v1.2.3", EARLIER);
                    return check().check(github.repository(), V1_2_3, IMAGE_SHA);
                },
                () -> {
                    github.commit(SIDE, false);
                    github.annotatedTag("v1.2.3", TAG_OBJECT, SIDE);
                    return check().check(github.repository(), V1_2_3, IMAGE_SHA);
                },
                () -> checkWithToken("x" + github.token()).check(github.repository(), V1_2_3, IMAGE_SHA),
                () -> {
                    github.failNext(401);
                    return check().check(github.repository(), V1_2_3, IMAGE_SHA);
                },
                () -> {
                    github.failNext(403);
                    return check().check(github.repository(), V1_2_3, IMAGE_SHA);
                },
                () -> {
                    github.failNext(502);
                    return check().check(github.repository(), V1_2_3, IMAGE_SHA);
                },
                () -> check().check(github.repository(), V1_2_3, github.token()));

        List<String> texts = new ArrayList<>();
        for (Supplier<Outcome> scenario : scenarios) {
            mainHasThreeCommits();
            texts.add(allText(scenario.get()));
        }

        assertThat(texts).hasSize(scenarios.size()).allSatisfy(text -> assertThat(text)
                .isNotBlank()
                .doesNotContain(github.token())
                .doesNotContain("Bearer"));
    }

    @Test
    void checkDescribesItselfWithoutTheToken() {
        assertThat(check().toString()).contains(github.apiUrl().toString()).doesNotContain(github.token());
    }

    private static String allText(Outcome result) {
        return result.summary() + "\n" + result.note() + "\n" + String.join("\n", result.problems());
    }
}
