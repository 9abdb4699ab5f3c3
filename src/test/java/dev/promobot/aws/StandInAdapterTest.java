package dev.promobot.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.AwsConsole;
import dev.promobot.Lambda;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.DeploymentFailed;
import dev.promobot.promotion.OwnerCheck;
import dev.promobot.promotion.RegistryImage;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.Image;
import dev.promobot.sandbox.AwsStandIn;
import dev.promobot.sandbox.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter contract against promobot's own stand-in, plus what only the stand-in can show: large repositories,
 * throttling, denied access and failed Lambda updates.
 */
class StandInAdapterTest extends AwsAdapterContract {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox"));

    private static AwsStandIn standIn;
    private static Backend backend;

    private record Backend(EcrClient ecr, LambdaClient lambda) implements AwsBackend {
        @Override
        public void reseed() {
            standIn.reset();
            Seed.apply(standIn, Clock.systemUTC());
        }
    }

    @BeforeAll
    static void start() {
        standIn = AwsStandIn.start();
        backend = new Backend(AwsClients.ecrClient(AwsBackend.REGION, Optional.of(standIn.endpoint()), CREDENTIALS),
                AwsClients.lambdaClient(AwsBackend.REGION, Optional.of(standIn.endpoint()), CREDENTIALS));
    }

    @AfterAll
    static void stop() {
        backend.ecr().close();
        backend.lambda().close();
        standIn.close();
    }

    @Override
    AwsBackend backend() {
        return backend;
    }

    @Test
    void tenThousandImagesAreReadFullyInTenPagesOfAThousand() {
        standIn.createRepository("big", "IMMUTABLE");
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            standIn.pushImage("big", List.of("sha-%07x-20200101%06d".formatted(i, i % 240000)),
                    start.plusSeconds(i), 1000 + i);
        }
        int before = standIn.requestCount("DescribeImages");

        List<RegistryImage> images = new EcrImageRegistry(backend.ecr(), "big", Optional.empty(), new ObjectMapper())
                .images();

        assertThat(images).hasSize(10_000);
        assertThat(images.stream().map(image -> image.image().digest()).distinct()).hasSize(10_000);
        assertThat(standIn.requestCount("DescribeImages") - before).isEqualTo(10);
    }

    @Test
    void twoThrottledRequestsAreRetriedWithoutTheCallerNoticing() {
        standIn.throttleNext(2);
        int before = standIn.requestCount("DescribeImages");

        assertThat(registry.images()).hasSize(40);
        assertThat(standIn.requestCount("DescribeImages") - before).isEqualTo(3);
    }

    @Test
    void throttlingThatOutlastsTheRetriesBecomesOneSentence() {
        standIn.throttleNext(1000);
        try {
            assertThatThrownBy(registry::images).isInstanceOf(AwsProblem.class)
                    .hasMessage("AWS kept throttling promobot while reading repository dr-daily-report-telegram-api; "
                            + "try again in a minute")
                    .satisfies(e -> assertThat(((AwsProblem) e).kind()).isEqualTo(AwsProblem.Kind.THROTTLED));
        } finally {
            standIn.throttleNext(0);
        }
    }

    @Test
    void deniedAccessBecomesOneSentenceWithoutDetail() {
        standIn.denyAccess(true);
        try {
            assertThatThrownBy(registry::images).isInstanceOf(AwsProblem.class)
                    .hasMessage("AWS denied promobot access while reading repository dr-daily-report-telegram-api "
                            + "(AccessDeniedException); check the IAM permissions of its credentials");
            assertThatThrownBy(() -> lambda.running(STAGING_ENV)).isInstanceOf(AwsProblem.class)
                    .hasMessageStartingWith("AWS denied promobot access while reading Lambda function "
                            + "telegram-api-staging");
        } finally {
            standIn.denyAccess(false);
        }
    }

    @Test
    void theDeploymentWaitsUntilLambdaHasFinishedTheUpdate() {
        standIn.updateReadsUntilDone(4);
        Image target = newestFirst().get(0);
        int readsBefore = standIn.requestCount("GetFunction");

        lambda.deploy(STAGING_ENV, target, registry.imageUri(target), OwnerCheck.NONE);

        // One read before the update, at least four while waiting, none after: the waiter did the waiting.
        assertThat(standIn.requestCount("GetFunction") - readsBefore).isGreaterThanOrEqualTo(5);
        assertThat(Lambda.digestRunningIn(standIn, "staging")).isEqualTo(target.digest().value());
    }

    @Test
    void everyUpdateNamesTheImageByDigestWithTheRevisionIdJustRead() {
        Image target = newestFirst().get(0);

        lambda.deploy(STAGING_ENV, target, registry.imageUri(target), OwnerCheck.NONE);

        assertThat(standIn.updateCalls()).singleElement().asString()
                .startsWith(AwsBackend.STAGING + " " + standIn.repositoryUri(Seed.REPOSITORY) + "@"
                        + target.digest().value() + " revision ")
                .doesNotEndWith("revision null");
    }

    @Test
    void anUpdateLambdaCarriedOutWhoseAnswerWasLostIsResolvedByReadingTheFunction() {
        Image target = newestFirst().get(0);
        standIn.loseResponsesOf("UpdateFunctionCode", 1);

        lambda.deploy(STAGING_ENV, target, registry.imageUri(target), OwnerCheck.NONE);

        assertThat(Lambda.digestRunningIn(standIn, "staging")).isEqualTo(target.digest().value());
        // The SDK sent it again; Lambda refused the repeat (its RevisionId was spent), and reading settled it.
        assertThat(standIn.updateCalls()).hasSize(2);
    }

    @Test
    void aDeploymentWhoseOwnerLostItsLeaseChangesNoFunction() {
        Image target = newestFirst().get(0);

        assertThatThrownBy(() -> lambda.deploy(STAGING_ENV, target, registry.imageUri(target), () -> {
            throw new OwnerCheck.LeaseLost(7);
        })).isInstanceOf(OwnerCheck.LeaseLost.class);
        assertThat(standIn.updateCalls()).isEmpty();
    }

    @Test
    void aFailedUpdateOfTheSecondFunctionPutsTheFirstBack() {
        List<Image> images = newestFirst();
        Image old = images.get(5);
        Image wanted = images.get(0);
        standIn.createFunction("telegram-api-staging-a", registry.imageUri(old));
        standIn.createFunction("telegram-api-staging-b", registry.imageUri(old));
        Environment twoFunctions = new Environment("staging",
                List.of("telegram-api-staging-a", "telegram-api-staging-b"), Optional.of("dev"), 0, false);
        standIn.failNextUpdateOf("telegram-api-staging-b", "image manifest could not be read");

        assertThatThrownBy(() -> lambda.deploy(twoFunctions, wanted, registry.imageUri(wanted), OwnerCheck.NONE))
                .isInstanceOfSatisfying(DeploymentFailed.class, failed -> {
                    assertThat(failed.failedFunction()).isEqualTo("telegram-api-staging-b");
                    assertThat(failed.restored()).containsExactly("telegram-api-staging-a");
                    assertThat(failed.notRestored()).isEmpty();
                    assertThat(failed.sentence()).isEqualTo("updating telegram-api-staging-b failed: Lambda reports "
                            + "Failed: image manifest could not be read; put back telegram-api-staging-a on the "
                            + "previous image");
                });

        assertThat(lambda.running(twoFunctions).digest()).contains(old.digest());
        assertThat(standIn.updateCalls()).last().asString().startsWith("telegram-api-staging-a "
                + standIn.repositoryUri(Seed.REPOSITORY) + "@" + old.digest().value() + " revision ");
    }

    @Test
    void aPutBackLeavesAFunctionSomeoneElseDeployedMeanwhile() {
        List<Image> images = newestFirst();
        Image old = images.get(5);
        Image wanted = images.get(0);
        Image ci = images.get(3);
        standIn.createFunction("telegram-api-staging-a", registry.imageUri(old));
        standIn.createFunction("telegram-api-staging-b", registry.imageUri(old));
        Environment twoFunctions = new Environment("staging",
                List.of("telegram-api-staging-a", "telegram-api-staging-b"), Optional.of("dev"), 0, false);
        standIn.failNextUpdateOf("telegram-api-staging-b", "image manifest could not be read");
        // While promobot updates the second function, CI deploys an image of its own to the first.
        AtomicBoolean once = new AtomicBoolean();
        standIn.afterServing("UpdateFunctionCode", () -> {
            if (standIn.updateCalls().size() == 2 && once.compareAndSet(false, true)) {
                AwsConsole.deploy(standIn, "telegram-api-staging-a", registry.imageUri(ci));
            }
        });

        assertThatThrownBy(() -> lambda.deploy(twoFunctions, wanted, registry.imageUri(wanted), OwnerCheck.NONE))
                .isInstanceOfSatisfying(DeploymentFailed.class, failed ->
                        assertThat(failed.notRestored()).containsExactly("telegram-api-staging-a"));
        assertThat(standIn.resolvedDigestOf("telegram-api-staging-a")).isEqualTo(ci.digest().value());
    }

    @Test
    void aDigestOtherThanTheImagesAfterTheUpdateIsAFailure() {
        // The tag names one image, the caller expects another: the check after the update catches it.
        Image running = lambda.running(STAGING_ENV).digest().flatMap(d -> newestFirst().stream()
                .filter(image -> image.digest().equals(d)).findFirst()).orElseThrow();
        Image newest = newestFirst().get(0);
        Image mislabelled = new Image(Digest.parse("sha256:" + "e".repeat(64)).value().orElseThrow(),
                newest.tags(), Optional.empty());

        assertThatThrownBy(() -> lambda.deploy(STAGING_ENV, mislabelled, registry.imageUri(newest), OwnerCheck.NONE))
                .isInstanceOfSatisfying(DeploymentFailed.class, failed -> {
                    assertThat(failed.sentence()).contains("instead of eeeeeeeeeeee");
                    assertThat(failed.restored()).containsExactly(AwsBackend.STAGING);
                });
        assertThat(lambda.running(STAGING_ENV).digest()).contains(running.digest());
    }
}
