package dev.promobot.dora;

import dev.promobot.dora.DeploymentRecord.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DORA figures over one seeded history, as of a fixed moment: Monday 2025-12-01 09:00 UTC, with the default
 * failure window of 24 hours.
 *
 * <p>prod: A promoted 10 days ago; B promoted and rolled back to A 40 minutes later; C promoted and rolled back 30
 * hours later (outside the failure window); D promoted yesterday. staging: B promoted, replaced outside promobot,
 * the outside image rolled back; a promotion that failed. dev: nothing.
 */
class DoraTest {

    private static final Instant NOW = Instant.parse("2025-12-01T09:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);
    private static final String C = "sha256:" + "c".repeat(64);
    private static final String D = "sha256:" + "d".repeat(64);
    private static final String X = "sha256:" + "e".repeat(64);

    private static final List<DeploymentRecord> HISTORY = List.of(
            promotion("prod", A, "aaaaaaa", "2025-11-20T12:00:00Z", "2025-11-21T09:00:00Z"),
            promotion("staging", B, "bbbbbbb", "2025-11-25T00:00:00Z", "2025-11-25T10:00:00Z"),
            deployment("staging", Kind.OUTSIDE, true, X, Optional.of(B), "2025-11-25T12:00:00Z"),
            deployment("staging", Kind.ROLLBACK, true, B, Optional.of(X), "2025-11-25T13:00:00Z"),
            promotion("prod", B, "bbbbbbb", "2025-11-25T00:00:00Z", "2025-11-26T09:00:00Z"),
            deployment("prod", Kind.ROLLBACK, true, A, Optional.of(B), "2025-11-26T09:40:00Z"),
            deployment("staging", Kind.PROMOTION, false, C, Optional.of(B), "2025-11-27T08:00:00Z"),
            promotion("prod", C, "ccccccc", "2025-11-27T06:00:00Z", "2025-11-28T09:00:00Z"),
            deployment("prod", Kind.ROLLBACK, true, A, Optional.of(C), "2025-11-29T15:00:00Z"),
            promotion("prod", D, "ddddddd", "2025-11-30T00:00:00Z", "2025-11-30T12:00:00Z"));

    private static final List<String> PIPELINE = List.of("dev", "staging", "prod");

    @ParameterizedTest(name = "{0} over {1} days: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            prod    | 7  | 5 deployments (5.0/week) · lead time 27 h · 1 of 5 failed (20%), restored in 40 min
            prod    | 30 | 6 deployments (1.4/week) · lead time 24 h · 1 of 6 failed (17%), restored in 40 min
            staging | 7  | 2 deployments (2.0/week) · lead time 10 h · none failed; 1 outside deployment not counted
            staging | 30 | 2 deployments (0.5/week) · lead time 10 h · none failed; 1 outside deployment not counted
            dev     | 7  | no deployments
            dev     | 30 | no deployments
            prod    | 1  | 1 deployment (7.0/week) · lead time 12 h · none failed
            prod    | 2  | 2 deployments (7.0/week) · lead time 12 h · none failed
            """)
    void eachEnvironmentsFiguresOverTheSeededHistoryReadAsExpected(String environment, int days, String line) {
        Figures figures = Dora.figures(HISTORY, Map.of(), environment, days, NOW, DAY);

        assertThat(Dora.line(figures)).isEqualTo(line);
    }

    @Test
    void theWeekInProdCountsPromotionsAndRollbacksAndTakesMediansOfLeadTimeAndRestore() {
        Figures figures = Dora.figures(HISTORY, Map.of(), "prod", 7, NOW, DAY);

        assertThat(figures.deployments()).isEqualTo(5);
        assertThat(figures.perWeek()).isEqualTo(5.0);
        // B 33 h, C 27 h, D 12 h from their build times; rollbacks deliver no change and have no lead time.
        assertThat(figures.leadTimes()).isEqualTo(3);
        assertThat(figures.leadTime()).contains(Duration.ofHours(27));
        assertThat(figures.leadTimesFromCommits()).isZero();
        // B, rolled back after 40 minutes; C was rolled back too, but 30 hours later.
        assertThat(figures.failed()).isEqualTo(1);
        assertThat(figures.failureRate()).contains(0.2);
        assertThat(figures.timeToRestore()).contains(Duration.ofMinutes(40));
    }

    @Test
    void leadTimesStartAtTheCommitsTimeOnGitHubAndFallBackToTheBuildTimeForCommitsItDidNotAnswerFor() {
        Map<String, Instant> commitTimes = Map.of(
                "bbbbbbb", Instant.parse("2025-11-24T09:00:00Z"),   // B went live 48 h later
                "ccccccc", Instant.parse("2025-11-27T09:00:00Z"));  // C went live 24 h later
        // D: not answered, so 12 h from its build time.

        Figures figures = Dora.figures(HISTORY, commitTimes, "prod", 7, NOW, DAY);

        assertThat(figures.leadTime()).contains(Duration.ofHours(24));
        assertThat(figures.leadTimes()).isEqualTo(3);
        assertThat(figures.leadTimesFromCommits()).isEqualTo(2);
        assertThat(Dora.leadTimeSource(List.of(figures), true))
                .isEqualTo("the commit time on GitHub, else the build time in the image tag");
    }

    @ParameterizedTest(name = "a rollback {0} after the deployment: failed {1}")
    @CsvSource(textBlock = """
            PT1M,       true
            PT23H59M,   true
            PT24H,      true
            PT24H0M1S,  false
            PT72H,      false
            """)
    void aDeploymentFailedWhenARollbackReplacedItWithinTheFailureWindow(Duration after, boolean failed) {
        Instant live = NOW.minus(Duration.ofDays(4));
        List<DeploymentRecord> history = List.of(
                promotion("prod", B, "bbbbbbb", "2025-11-25T00:00:00Z", live.toString()),
                deployment("prod", Kind.ROLLBACK, true, A, Optional.of(B), live.plus(after).toString()));

        Figures figures = Dora.figures(history, Map.of(), "prod", 7, NOW, DAY);

        assertThat(figures.deployments()).isEqualTo(2);
        assertThat(figures.failed()).isEqualTo(failed ? 1 : 0);
        assertThat(figures.timeToRestore()).isEqualTo(failed ? Optional.of(after) : Optional.empty());
    }

    @Test
    void aRollbackReplacesOnlyTheDeploymentWhoseImageItMovedAwayFrom() {
        List<DeploymentRecord> history = List.of(
                promotion("prod", B, "bbbbbbb", "2025-11-25T00:00:00Z", "2025-11-28T09:00:00Z"),
                // Names C as the image it replaced: something unrecorded ran between B and the rollback.
                deployment("prod", Kind.ROLLBACK, true, A, Optional.of(C), "2025-11-28T10:00:00Z"));

        assertThat(Dora.figures(history, Map.of(), "prod", 7, NOW, DAY).failed()).isZero();
    }

    @Test
    void aRollbackAfterAnOutsideDeploymentReplacedTheOutsideImageNotThePromotionBeforeIt() {
        Figures figures = Dora.figures(HISTORY, Map.of(), "staging", 7, NOW, DAY);

        assertThat(figures.failed()).isZero();
        assertThat(figures.outside()).isEqualTo(1);
        assertThat(figures.deployments()).as("the promotion and the rollback; not the failed promotion")
                .isEqualTo(2);
    }

    @Test
    void aRollbackThatIsItselfRolledBackIsAFailedDeploymentToo() {
        List<DeploymentRecord> history = List.of(
                promotion("prod", B, "bbbbbbb", "2025-11-25T00:00:00Z", "2025-11-28T09:00:00Z"),
                deployment("prod", Kind.ROLLBACK, true, C, Optional.of(B), "2025-11-28T10:00:00Z"),
                deployment("prod", Kind.ROLLBACK, true, A, Optional.of(C), "2025-11-28T12:00:00Z"));

        Figures figures = Dora.figures(history, Map.of(), "prod", 7, NOW, DAY);

        assertThat(figures.failed()).isEqualTo(2);
        assertThat(figures.timeToRestore()).as("the median of 1 h and 2 h").contains(Duration.ofMinutes(90));
        assertThat(Dora.line(figures)).isEqualTo(
                "3 deployments (3.0/week) · lead time 3 d 9 h · 2 of 3 failed (67%), restored in 1 h 30 min");
    }

    @Test
    void deploymentsStillRunningOrThatFailedAreNotCounted() {
        List<DeploymentRecord> history = List.of(
                deployment("prod", Kind.PROMOTION, false, B, Optional.of(A), "2025-11-28T09:00:00Z"),
                new DeploymentRecord("prod", Kind.PROMOTION, false, C, Optional.of(A), Optional.of("ccccccc"),
                        Optional.of(Instant.parse("2025-11-28T06:00:00Z")), NOW.minusSeconds(60), Optional.empty()));

        Figures figures = Dora.figures(history, Map.of(), "prod", 7, NOW, DAY);

        assertThat(figures.deployments()).isZero();
        assertThat(Dora.line(figures)).isEqualTo("no deployments");
    }

    @Test
    void aWindowTakesWhatWentLiveAfterItsStartAndNotAfterNow() {
        List<DeploymentRecord> history = List.of(
                promotion("prod", A, "aaaaaaa", "2025-11-20T00:00:00Z", NOW.minus(Duration.ofDays(7)).toString()),
                promotion("prod", B, "bbbbbbb", "2025-11-20T00:00:00Z",
                        NOW.minus(Duration.ofDays(7)).plusSeconds(1).toString()),
                promotion("prod", C, "ccccccc", "2025-11-20T00:00:00Z", NOW.toString()),
                promotion("prod", D, "ddddddd", "2025-11-20T00:00:00Z", NOW.plusSeconds(1).toString()));

        assertThat(Dora.figures(history, Map.of(), "prod", 7, NOW, DAY).deployments()).isEqualTo(2);
        assertThat(Dora.commitsToLookUp(history, NOW.minus(Duration.ofDays(7)), NOW))
                .containsExactly("bbbbbbb", "ccccccc");
    }

    @Test
    void anEmptyHistoryGivesEveryEnvironmentNoDeploymentsAndNoMedians() {
        List<Figures> figures = Dora.figures(List.of(), Map.of(), PIPELINE, 30, NOW, DAY);

        assertThat(figures).extracting(Figures::environment).containsExactly("dev", "staging", "prod");
        assertThat(figures).allSatisfy(figure -> {
            assertThat(figure.deployments()).isZero();
            assertThat(figure.perWeek()).isZero();
            assertThat(figure.leadTime()).isEmpty();
            assertThat(figure.failureRate()).isEmpty();
            assertThat(figure.timeToRestore()).isEmpty();
            assertThat(Dora.line(figure)).isEqualTo("no deployments");
        });
        assertThat(Dora.leadTimeSource(figures, false)).isEqualTo("the build time in the image tag");
        assertThat(Dora.leadTimeSource(figures, true)).isEqualTo("the commit time on GitHub");
    }

    @Test
    void anEnvironmentOnlyRolledBackHasNoLeadTime() {
        List<DeploymentRecord> history = List.of(
                deployment("staging", Kind.ROLLBACK, true, A, Optional.of(B), "2025-11-28T09:00:00Z"));

        assertThat(Dora.line(Dora.figures(history, Map.of(), "staging", 7, NOW, DAY)))
                .isEqualTo("1 deployment (1.0/week) · lead time – · none failed");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Dora.median(List.of(Duration.ofHours(4), Duration.ofHours(1), Duration.ofHours(2),
                Duration.ofHours(10)))).contains(Duration.ofHours(3));
        assertThat(Dora.median(List.of(Duration.ofHours(5)))).contains(Duration.ofHours(5));
        assertThat(Dora.median(List.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = '|', textBlock = """
            PT45S      | 45 s
            PT40M      | 40 min
            PT1H       | 1 h
            PT5H20M    | 5 h 20 min
            PT24H      | 24 h
            PT47H59M   | 47 h 59 min
            PT48H      | 2 d
            PT81H      | 3 d 9 h
            PT720H     | 30 d
            """)
    void durationsReadAsPeopleSayThem(Duration duration, String words) {
        assertThat(Dora.duration(duration)).isEqualTo(words);
    }

    private static DeploymentRecord promotion(String environment, String digest, String gitSha, String built,
                                              String live) {
        return new DeploymentRecord(environment, Kind.PROMOTION, true, digest, Optional.empty(), Optional.of(gitSha),
                Optional.of(Instant.parse(built)), Instant.parse(live).minusSeconds(40),
                Optional.of(Instant.parse(live)));
    }

    private static DeploymentRecord deployment(String environment, Kind kind, boolean succeeded, String digest,
                                               Optional<String> previous, String live) {
        return new DeploymentRecord(environment, kind, succeeded, digest, previous, Optional.empty(),
                Optional.empty(), Instant.parse(live).minusSeconds(40), Optional.of(Instant.parse(live)));
    }
}
