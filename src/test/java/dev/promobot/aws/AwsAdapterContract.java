package dev.promobot.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.DeploymentTarget.Deployed;
import dev.promobot.promotion.ImageRegistry;
import dev.promobot.promotion.OwnerCheck;
import dev.promobot.promotion.RegistryImage;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Environment;
import dev.promobot.rules.EnvironmentState;
import dev.promobot.rules.Image;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.promobot.aws.AwsBackend.DEV;
import static dev.promobot.aws.AwsBackend.PROD;
import static dev.promobot.aws.AwsBackend.REPOSITORY;
import static dev.promobot.aws.AwsBackend.STAGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What promobot relies on from ECR and Lambda, proven the same way against every backend: moto (a third-party
 * implementation) and promobot's own stand-in. Each backend starts from the standard seed.
 */
abstract class AwsAdapterContract {

    static final Environment DEV_ENV = new Environment("dev", List.of(DEV), Optional.empty(), 0, false);
    static final Environment STAGING_ENV = new Environment("staging", List.of(STAGING), Optional.of("dev"), 0, false);
    static final Environment PROD_ENV = new Environment("prod", List.of(PROD), Optional.of("staging"), 1, true);

    /** Lambda waits are polled quickly here; the backends finish updates after a few reads, not after time. */
    static final LambdaDeploymentTarget.Waiting QUICK = new LambdaDeploymentTarget.Waiting(Duration.ofMillis(10),
            Duration.ofSeconds(30));

    ImageRegistry registry;
    LambdaDeploymentTarget lambda;

    abstract AwsBackend backend();

    @BeforeEach
    void reseedAndConnect() {
        backend().reseed();
        registry = new EcrImageRegistry(backend().ecr(), REPOSITORY, Optional.empty(), new ObjectMapper());
        lambda = new LambdaDeploymentTarget(backend().lambda(), QUICK, Clock.systemUTC());
    }

    List<Image> newestFirst() {
        return registry.images().stream().map(RegistryImage::image).sorted(Image.NEWEST_FIRST).toList();
    }

    @Test
    void readsEveryImageOfTheRepositoryWithItsTagsDigestAndSize() {
        List<RegistryImage> images = registry.images();

        assertThat(images).hasSize(40);
        assertThat(images).allSatisfy(image -> {
            assertThat(image.image().imageTag()).isPresent();
            assertThat(image.image().pushedAt()).isPresent();
            assertThat(image.sizeBytes()).isPositive();
            assertThat(image.manifestMediaType()).contains("manifest");
        });
        assertThat(images.stream().map(image -> image.image().digest()).distinct()).hasSize(40);
        Image newest = newestFirst().get(0);
        assertThat(newest.tags()).contains("latest").hasSize(2);
    }

    @Test
    void readsEveryImageForTheAuditToo() {
        List<RegistryImage> images = registry.allImages();

        assertThat(images).hasSize(40);
        assertThat(images).allSatisfy(image -> assertThat(image.childDigests()).isEmpty());
    }

    @Test
    void findsAnImageByItsTag() {
        Image thirdNewest = newestFirst().get(2);
        String tag = thirdNewest.imageTag().orElseThrow().text();

        RegistryImage found = registry.requireImage(tag);

        assertThat(found.image().digest()).isEqualTo(thirdNewest.digest());
    }

    @Test
    void aMissingTagIsNamedInOneSentence() {
        assertThat(registry.image("sha-0000000-20200101")).isEmpty();
        assertThatThrownBy(() -> registry.requireImage("sha-0000000-20200101"))
                .isInstanceOf(AwsProblem.class)
                .hasMessage("image sha-0000000-20200101 was not found in repository dr-daily-report-telegram-api");
    }

    @Test
    void reportsTheRepositorysTagMutabilityAndLifecyclePolicy() {
        assertThat(registry.tagMutability()).isEqualTo("IMMUTABLE");
        assertThat(registry.lifecyclePolicy()).hasValueSatisfying(policy ->
                assertThat(policy).contains("\"countNumber\":30").contains("sha-"));
    }

    @Test
    void aRepositoryThatDoesNotExistIsNamed() {
        ImageRegistry missing = new EcrImageRegistry(backend().ecr(), "no-such-repository", Optional.empty(),
                new ObjectMapper());

        assertThatThrownBy(missing::images).isInstanceOf(AwsProblem.class)
                .hasMessage("repository no-such-repository was not found in ECR")
                .satisfies(e -> assertThat(((AwsProblem) e).kind()).isEqualTo(AwsProblem.Kind.NOT_FOUND));
    }

    @Test
    void readsWhatEachEnvironmentRunsByDigestAndTag() {
        List<Image> images = newestFirst();

        EnvironmentState dev = lambda.running(DEV_ENV);
        EnvironmentState prod = lambda.running(PROD_ENV);

        assertThat(dev.digest()).contains(images.get(0).digest());
        assertThat(dev.functions().get(0).deployedTag()).contains(images.get(0).imageTag().orElseThrow().text());
        assertThat(prod.digest()).contains(images.get(9).digest());
    }

    @Test
    void deployingAnImageToStagingLeavesStagingRunningExactlyItsDigest() {
        Image devImage = registry.image(lambda.running(DEV_ENV).functions().get(0).deployedTag().orElseThrow())
                .orElseThrow().image();

        Deployed deployed = lambda.deploy(STAGING_ENV, devImage, registry.imageUri(devImage), OwnerCheck.NONE);

        assertThat(deployed.functions()).singleElement()
                .satisfies(function -> assertThat(function.resolvedDigest()).contains(devImage.digest()));
        String resolved = backend().lambda().getFunction(request -> request.functionName(STAGING)).code()
                .resolvedImageUri();
        assertThat(resolved).endsWith("@" + devImage.digest().value());
        assertThat(lambda.running(STAGING_ENV).digest()).contains(devImage.digest());
    }

    @Test
    void anImageThatIsNotInTheRepositoryIsNotDeployedAndStagingKeepsItsImage() {
        Optional<Digest> before = lambda.running(STAGING_ENV).digest();
        Image ghost = new Image(Digest.parse("sha256:" + "f".repeat(64)).value().orElseThrow(),
                List.of("sha-fffffff-20991231"), Optional.empty());

        assertThatThrownBy(() -> lambda.deploy(STAGING_ENV, ghost, registry.imageUri(ghost), OwnerCheck.NONE))
                .isInstanceOf(AwsProblem.class)
                .hasMessageStartingWith("updating " + STAGING + " failed: ")
                .hasMessageContaining("sha256:ffffffffffff")
                .hasMessageNotContaining("function " + STAGING + " was not found");
        assertThat(lambda.running(STAGING_ENV).digest()).isEqualTo(before);
    }

    @Test
    void aFunctionThatDoesNotExistIsNamed() {
        Environment broken = new Environment("qa", List.of("no-such-function"), Optional.of("dev"), 0, false);

        assertThatThrownBy(() -> lambda.running(broken)).isInstanceOf(AwsProblem.class)
                .hasMessage("Lambda function no-such-function was not found");
    }
}
