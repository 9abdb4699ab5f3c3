package dev.promobot.promotion;

import dev.promobot.promotion.Deployments.Deployment;
import dev.promobot.promotion.FunctionStatus.Update;
import dev.promobot.rules.Digest;
import dev.promobot.rules.FunctionImage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How a deployment is judged from what Lambda reports of each function, case by case. */
class SettlingTest {

    private static final Digest NEW = digest('b');
    private static final Digest OLD = digest('a');
    private static final Digest THIRD = digest('c');
    private static final Duration LIMIT = Duration.ofMinutes(11);

    private static Digest digest(char hex) {
        return Digest.parse("sha256:" + String.valueOf(hex).repeat(64)).value().orElseThrow();
    }

    private static Deployment deployment(Optional<Digest> previous) {
        return new Deployment(7, "api", "staging", Optional.of("sha-bbbbbbb-20251127"), NEW,
                previous.map(p -> "sha-aaaaaaa-20251120"), previous.map(Digest::value), DeploymentKind.PROMOTION,
                Optional.of(111111L), "Dana", DeploymentStatus.IN_PROGRESS, Instant.parse("2025-11-27T10:00:00Z"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("replica-a"), 1);
    }

    private static FunctionStatus function(String name, Digest digest, Update update) {
        String tag = "sha-" + String.valueOf(digest.value().charAt(7)).repeat(7) + "-20251101";
        return new FunctionStatus(new FunctionImage(name, Optional.of("repo:" + tag), Optional.of(digest)), update);
    }

    private static Settling.Verdict judge(Optional<Digest> previous, Duration waited, FunctionStatus... functions) {
        return Settling.judge(deployment(previous), List.of(functions), waited, LIMIT);
    }

    @Test
    void aFunctionStillUpdatingKeepsTheDeploymentWaiting() {
        Settling.Verdict verdict = judge(Optional.of(OLD), Duration.ofMinutes(2),
                function("api-a", NEW, Update.SUCCESSFUL), function("api-b", OLD, Update.IN_PROGRESS));

        assertThat(verdict.settled()).isFalse();
        assertThat(verdict.sentence()).isEqualTo("Lambda is still updating api-b");
    }

    @Test
    void anUpdateStillRunningPastTheLimitIsFailedSoTheEnvironmentIsFreeAgain() {
        Settling.Verdict verdict = judge(Optional.of(OLD), Duration.ofMinutes(12),
                function("api-a", OLD, Update.IN_PROGRESS));

        assertThat(verdict.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(verdict.sentence()).startsWith("Lambda was still updating api-a after 12 minutes");
    }

    @Test
    void everyFunctionOnTheNewDigestSucceeded() {
        Settling.Verdict verdict = judge(Optional.of(OLD), Duration.ofMinutes(2),
                function("api-a", NEW, Update.SUCCESSFUL), function("api-b", NEW, Update.SUCCESSFUL));

        assertThat(verdict.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(verdict.sentence()).isEqualTo("the deployment of sha-bbbbbbb-20251127 to staging finished; "
                + "staging runs it");
    }

    @Test
    void everyFunctionStillOnThePreviousDigestFailedBeforeAnyChange() {
        Settling.Verdict verdict = judge(Optional.of(OLD), Duration.ofMinutes(2),
                function("api-a", OLD, Update.FAILED));

        assertThat(verdict.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(verdict.sentence()).isEqualTo("the deployment of sha-bbbbbbb-20251127 to staging did not "
                + "change anything; staging still runs sha-aaaaaaa-20251120");
    }

    @Test
    void aThirdImageIsAChangeOutsidePromobotNamedWithTheFunctionsItLandedOn() {
        Settling.Verdict verdict = judge(Optional.of(OLD), Duration.ofMinutes(2),
                function("api-a", NEW, Update.SUCCESSFUL), function("api-b", THIRD, Update.SUCCESSFUL));

        assertThat(verdict.status()).isEqualTo(DeploymentStatus.OVERTAKEN);
        assertThat(verdict.outside()).extracting(FunctionStatus::function).containsExactly("api-b");
        assertThat(verdict.sentence()).isEqualTo("while promobot deployed sha-bbbbbbb-20251127 to staging, staging "
                + "was changed outside promobot: api-b runs sha-ccccccc-20251101; promobot recorded that and "
                + "changed nothing");
    }

    @Test
    void functionsLeftOnTheOldAndTheNewImageAreSplitAndNeverSucceeded() {
        Settling.Verdict verdict = judge(Optional.of(OLD), Duration.ofMinutes(2),
                function("api-a", NEW, Update.SUCCESSFUL), function("api-b", OLD, Update.FAILED));

        assertThat(verdict.status()).isEqualTo(DeploymentStatus.SPLIT);
        assertThat(verdict.sentence()).isEqualTo("the deployment of sha-bbbbbbb-20251127 to staging was left split: "
                + "api-a runs sha-bbbbbbb-20251127, api-b runs sha-aaaaaaa-20251120; promote or roll back staging to "
                + "make them agree");
    }

    @Test
    void withThePreviousImageUnknownNoFunctionOnTheNewOneIsAFailureNotAnOutsideChange() {
        Settling.Verdict verdict = judge(Optional.empty(), Duration.ofMinutes(2),
                function("api-a", THIRD, Update.SUCCESSFUL));

        assertThat(verdict.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(verdict.outside()).isEmpty();
    }

    @Test
    void anUpdateLambdaReportsAsFailedHasNotChangedTheFunctionWhateverDigestItNames() {
        Settling.Verdict verdict = judge(Optional.of(OLD), Duration.ofMinutes(2),
                function("api-a", NEW, Update.FAILED));

        assertThat(verdict.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(verdict.outside()).isEmpty();
    }
}
