package dev.promobot.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageFailureCode;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageTagAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.TagStatus;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsStandInTest {

    private static final Instant NOW = Instant.parse("2025-11-27T08:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private AwsStandIn standIn;
    private List<Seed.SeedImage> seeded;
    private EcrClient ecr;
    private LambdaClient lambda;
    private LambdaWaiter waiter;

    @BeforeEach
    void startSeededStandIn() {
        standIn = AwsStandIn.start(0, AwsStandIn.DEFAULT_REGION, CLOCK);
        seeded = Seed.apply(standIn, CLOCK);
        URI endpoint = standIn.endpoint();
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox"));
        ecr = EcrClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials)
                .region(Region.of(standIn.region()))
                .endpointOverride(endpoint)
                .build();
        lambda = LambdaClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials)
                .region(Region.EU_WEST_1)
                .endpointOverride(endpoint)
                .build();
        // The stand-in finishes updates on reads, not on time, so the waiter need not pause between polls.
        waiter = LambdaWaiter.builder()
                .client(lambda)
                .overrideConfiguration(o -> o.backoffStrategyV2(BackoffStrategy.retryImmediately()).maxAttempts(20))
                .build();
    }

    @AfterEach
    void stop() {
        waiter.close();
        lambda.close();
        ecr.close();
        standIn.close();
    }

    @Test
    void tenThousandImagesPageThroughTheSdkPaginatorInTenRequests() {
        standIn.createRepository("bulk", "MUTABLE");
        Instant first = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            standIn.pushImage("bulk", List.of("build-" + i), first.plusSeconds(i * 60L), 1_000 + i);
        }

        List<ImageDetail> images = ecr.describeImagesPaginator(r -> r.repositoryName("bulk").maxResults(1000))
                .imageDetails().stream().collect(Collectors.toList());

        assertThat(images).hasSize(10_000);
        assertThat(images).extracting(ImageDetail::imageDigest).doesNotHaveDuplicates();
        assertThat(images.get(9_999).imageTags()).containsExactly("build-9999");
        assertThat(images.get(9_999).imagePushedAt()).isEqualTo(first.plusSeconds(9_999 * 60L));
        assertThat(images.get(9_999).imageSizeInBytes()).isEqualTo(10_999L);
        assertThat(standIn.requestCount("DescribeImages")).isEqualTo(10);
    }

    @Test
    void imageDetailsCarryWhatEcrReports() {
        Seed.SeedImage newest = seeded.get(0);

        ImageDetail detail = ecr.describeImages(r -> r.repositoryName(Seed.REPOSITORY)
                .imageIds(byTag(newest.tag()))).imageDetails().get(0);

        assertThat(detail.registryId()).isEqualTo(AwsStandIn.ACCOUNT_ID);
        assertThat(detail.repositoryName()).isEqualTo(Seed.REPOSITORY);
        assertThat(detail.imageDigest()).isEqualTo(newest.digest()).matches("sha256:[0-9a-f]{64}");
        assertThat(detail.imageTags()).containsExactly(newest.tag(), "latest");
        assertThat(detail.imagePushedAt()).isEqualTo(newest.pushedAt());
        assertThat(detail.imageSizeInBytes()).isPositive();
        assertThat(detail.imageManifestMediaType()).isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(detail.artifactMediaType()).isEqualTo("application/vnd.docker.container.image.v1+json");
        assertThat(detail.imageStatusAsString()).isEqualTo("ACTIVE");
        assertThat(detail.lastRecordedPullTime()).as("pulled when dev was deployed").isEqualTo(NOW);
    }

    @Test
    void seedBuildsOneImagePerDayEndingYesterday() {
        LocalDate yesterday = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(1);

        DescribeImagesResponse page = ecr.describeImages(r -> r.repositoryName(Seed.REPOSITORY).maxResults(1000));

        assertThat(page.imageDetails()).hasSize(40);
        assertThat(page.nextToken()).isNull();
        assertThat(seeded).extracting(Seed.SeedImage::tag)
                .allMatch(tag -> tag.matches("sha-[0-9a-f]{7}-\\d{8}"))
                .doesNotHaveDuplicates();
        assertThat(seeded.get(0).tag()).endsWith("-20251126");
        assertThat(seeded.get(39).tag()).endsWith("-20251018");
        assertThat(LocalDate.ofInstant(seeded.get(0).pushedAt(), ZoneOffset.UTC)).isEqualTo(yesterday);
    }

    @Test
    void seedDeploysNewestToDevThirdNewestToStagingAndTenthNewestToProd() {
        String repositoryUri = standIn.repositoryUri(Seed.REPOSITORY);

        GetFunctionResponse prod = lambda.getFunction(r -> r.functionName(Seed.PROD_FUNCTION));

        assertThat(prod.code().imageUri()).isEqualTo(repositoryUri + ":" + seeded.get(9).tag());
        assertThat(prod.code().resolvedImageUri()).isEqualTo(repositoryUri + "@" + seeded.get(9).digest());
        assertThat(prod.configuration().packageTypeAsString()).isEqualTo("Image");
        assertThat(prod.configuration().stateAsString()).isEqualTo("Active");
        assertThat(prod.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(prod.configuration().lastModified()).isEqualTo("2025-11-27T08:30:00.000+0000");
        assertThat(standIn.resolvedDigestOf(Seed.STAGING_FUNCTION)).isEqualTo(seeded.get(2).digest());
        assertThat(standIn.imageUriOf(Seed.DEV_FUNCTION)).isEqualTo(repositoryUri + ":" + seeded.get(0).tag());
    }

    @Test
    void describingAMissingTagIsImageNotFound() {
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName(Seed.REPOSITORY)
                .imageIds(byTag("sha-0000000-20200101"))))
                .isInstanceOf(ImageNotFoundException.class)
                .hasMessageContaining("sha-0000000-20200101");
    }

    @Test
    void describingAMissingRepositoryIsRepositoryNotFound() {
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName("nope")))
                .isInstanceOf(RepositoryNotFoundException.class);
    }

    @Test
    void maxResultsOutsideOneToAThousandIsAnInvalidParameter() {
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName(Seed.REPOSITORY).maxResults(1001)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecr.describeImages(r -> r.repositoryName(Seed.REPOSITORY).maxResults(0)))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void tagStatusFilterSeparatesTaggedFromUntaggedImages() {
        standIn.pushImage(Seed.REPOSITORY, List.of(), NOW, 42);

        List<ImageDetail> untagged = ecr.describeImages(r -> r.repositoryName(Seed.REPOSITORY)
                .filter(f -> f.tagStatus(TagStatus.UNTAGGED))).imageDetails();
        int tagged = ecr.describeImagesPaginator(r -> r.repositoryName(Seed.REPOSITORY)
                .filter(f -> f.tagStatus(TagStatus.TAGGED)).maxResults(7)).imageDetails().stream()
                .mapToInt(image -> 1).sum();

        assertThat(untagged).singleElement().satisfies(image -> assertThat(image.imageTags()).isEmpty());
        assertThat(tagged).isEqualTo(40);
    }

    @Test
    void throttledRequestsAreRetriedTransparentlyByTheSdk() {
        standIn.throttleNext(2);
        assertThat(ecr.describeRepositories(r -> r.repositoryNames(Seed.REPOSITORY)).repositories()).hasSize(1);
        assertThat(standIn.requestCount("DescribeRepositories")).isEqualTo(3);

        standIn.throttleNext(2);
        assertThat(lambda.getFunction(r -> r.functionName(Seed.DEV_FUNCTION)).configuration().functionName())
                .isEqualTo(Seed.DEV_FUNCTION);
        assertThat(standIn.requestCount("GetFunction")).isEqualTo(3);
    }

    @Test
    void deniedAccessIsAccessDeniedFromBothServices() {
        standIn.denyAccess(true);

        assertThatThrownBy(() -> ecr.describeRepositories(r -> r.repositoryNames(Seed.REPOSITORY)))
                .isInstanceOfSatisfying(AwsServiceException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName(Seed.DEV_FUNCTION)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.statusCode()).isEqualTo(403);
                });

        standIn.denyAccess(false);
        assertThat(lambda.getFunction(r -> r.functionName(Seed.DEV_FUNCTION))).isNotNull();
    }

    @Test
    void updatedFunctionRunsTheNewDigestOnceTheWaiterHasPolledItToSuccess() {
        String devImage = standIn.repositoryUri(Seed.REPOSITORY) + ":" + seeded.get(0).tag();

        UpdateFunctionCodeResponse update = lambda.updateFunctionCode(r -> r
                .functionName(Seed.STAGING_FUNCTION).imageUri(devImage));
        int readsBeforeWaiting = standIn.requestCount("GetFunction");
        WaiterResponse<GetFunctionResponse> waited =
                waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(Seed.STAGING_FUNCTION));
        int readsByWaiter = standIn.requestCount("GetFunction") - readsBeforeWaiting;
        GetFunctionResponse staging = lambda.getFunction(r -> r.functionName(Seed.STAGING_FUNCTION));

        assertThat(update.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(waited.attemptsExecuted()).isGreaterThan(1);
        assertThat(waited.matched().response()).hasValueSatisfying(response ->
                assertThat(response.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL));
        assertThat(readsByWaiter).isGreaterThan(1);
        assertThat(staging.code().imageUri()).isEqualTo(devImage);
        assertThat(staging.code().resolvedImageUri()).endsWith("@" + seeded.get(0).digest());
        assertThat(standIn.resolvedDigestOf(Seed.STAGING_FUNCTION)).isEqualTo(seeded.get(0).digest());
    }

    @Test
    void functionKeepsItsImageUntilTheUpdateIsDone() {
        standIn.updateReadsUntilDone(3);
        String byDigest = standIn.repositoryUri(Seed.REPOSITORY) + "@" + seeded.get(0).digest();

        lambda.updateFunctionCode(r -> r.functionName(Seed.PROD_FUNCTION).imageUri(byDigest));
        GetFunctionResponse first = lambda.getFunction(r -> r.functionName(Seed.PROD_FUNCTION));
        GetFunctionResponse second = lambda.getFunction(r -> r.functionName(Seed.PROD_FUNCTION));
        GetFunctionResponse third = lambda.getFunction(r -> r.functionName(Seed.PROD_FUNCTION));

        assertThat(first.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(second.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(second.code().resolvedImageUri()).endsWith("@" + seeded.get(9).digest());
        assertThat(third.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(third.code().imageUri()).isEqualTo(byDigest);
        assertThat(third.code().resolvedImageUri()).isEqualTo(byDigest);
    }

    @Test
    void failedUpdateEndsTheWaiterInFailureAndTheFunctionKeepsItsImage() {
        standIn.failNextUpdateOf(Seed.PROD_FUNCTION, "image manifest could not be read");
        String previousDigest = standIn.resolvedDigestOf(Seed.PROD_FUNCTION);

        lambda.updateFunctionCode(r -> r.functionName(Seed.PROD_FUNCTION)
                .imageUri(standIn.repositoryUri(Seed.REPOSITORY) + ":" + seeded.get(2).tag()));

        assertThatThrownBy(() -> waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(Seed.PROD_FUNCTION)))
                .isInstanceOf(SdkClientException.class)
                .hasMessageContaining("failure state");
        GetFunctionResponse prod = lambda.getFunction(r -> r.functionName(Seed.PROD_FUNCTION));
        assertThat(prod.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.FAILED);
        assertThat(prod.configuration().lastUpdateStatusReason()).isEqualTo("image manifest could not be read");
        assertThat(prod.code().resolvedImageUri()).endsWith("@" + previousDigest);
        assertThat(standIn.resolvedDigestOf(Seed.PROD_FUNCTION)).isEqualTo(previousDigest);
    }

    @Test
    void secondUpdateWhileOneIsInProgressIsAConflict() {
        String image = standIn.repositoryUri(Seed.REPOSITORY) + ":" + seeded.get(0).tag();
        lambda.updateFunctionCode(r -> r.functionName(Seed.PROD_FUNCTION).imageUri(image));

        assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName(Seed.PROD_FUNCTION).imageUri(image)))
                .isInstanceOfSatisfying(ResourceConflictException.class, e ->
                        assertThat(e.statusCode()).isEqualTo(409));
    }

    @Test
    void anUpdateWithARevisionIdThatIsNoLongerTheFunctionsIsRefusedAsPreconditionFailed() {
        // Lambda: "The RevisionId provided does not match the latest RevisionId for the Lambda function" (412).
        String image = standIn.repositoryUri(Seed.REPOSITORY) + "@" + seeded.get(0).digest();
        String revision = lambda.getFunction(r -> r.functionName(Seed.DEV_FUNCTION)).configuration().revisionId();
        lambda.updateFunctionCode(r -> r.functionName(Seed.DEV_FUNCTION).imageUri(image).revisionId(revision));
        waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(Seed.DEV_FUNCTION));

        assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName(Seed.DEV_FUNCTION).imageUri(image)
                .revisionId(revision)))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e ->
                        assertThat(e.statusCode()).isEqualTo(412));
    }

    @Test
    void aHeldUpdateStaysInProgressHoweverOftenItIsReadAndFinishesOnceReleased() {
        standIn.holdUpdates(true);
        String byDigest = standIn.repositoryUri(Seed.REPOSITORY) + "@" + seeded.get(0).digest();
        lambda.updateFunctionCode(r -> r.functionName(Seed.PROD_FUNCTION).imageUri(byDigest));
        for (int i = 0; i < 10; i++) {
            assertThat(lambda.getFunction(r -> r.functionName(Seed.PROD_FUNCTION)).configuration()
                    .lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        }

        standIn.holdUpdates(false);

        assertThat(waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(Seed.PROD_FUNCTION)).matched().response()
                .orElseThrow().code().resolvedImageUri()).isEqualTo(byDigest);
    }

    @Test
    void aLostResponseLeavesTheUpdateCarriedOutAndTheCallerWithoutAnAnswer() {
        standIn.loseResponsesOf("UpdateFunctionCode", 5);
        String byDigest = standIn.repositoryUri(Seed.REPOSITORY) + "@" + seeded.get(0).digest();

        assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName(Seed.DEV_FUNCTION).imageUri(byDigest)))
                .isInstanceOf(SdkClientException.class);
        assertThat(waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(Seed.DEV_FUNCTION)).matched().response()
                .orElseThrow().code().resolvedImageUri()).isEqualTo(byDigest);
    }

    @Test
    void updateToAnImageThatIsNotInTheRegistryIsRejected() {
        String missing = standIn.repositoryUri(Seed.REPOSITORY) + ":sha-fffffff-20200101";

        assertThatThrownBy(() -> lambda.updateFunctionCode(r -> r.functionName(Seed.DEV_FUNCTION).imageUri(missing)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("Source image " + missing + " does not exist");
        assertThat(standIn.imageUriOf(Seed.DEV_FUNCTION)).endsWith(seeded.get(0).tag());
    }

    @Test
    void functionThatDoesNotExistIsResourceNotFound() {
        assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("telegram-api-qa")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e ->
                        assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> lambda.getFunctionConfiguration(r -> r.functionName("telegram-api-qa")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void functionCanBeAddressedByArn() {
        String arn = "arn:aws:lambda:" + standIn.region() + ":" + standIn.accountId() + ":function:"
                + Seed.DEV_FUNCTION;

        assertThat(lambda.getFunctionConfiguration(r -> r.functionName(arn)).functionArn()).isEqualTo(arn);
    }

    @Test
    void lifecyclePolicyIsTheSeedPolicy() throws Exception {
        String policy = ecr.getLifecyclePolicy(r -> r.repositoryName(Seed.REPOSITORY)).lifecyclePolicyText();

        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(policy)).isEqualTo(json.readTree(Seed.LIFECYCLE_POLICY));
        assertThat(json.readTree(policy).at("/rules/0/selection/countNumber").asInt()).isEqualTo(30);
    }

    @Test
    void repositoryWithoutPolicyIsLifecyclePolicyNotFound() {
        standIn.createRepository("no-policy", "MUTABLE");

        assertThatThrownBy(() -> ecr.getLifecyclePolicy(r -> r.repositoryName("no-policy")))
                .isInstanceOf(LifecyclePolicyNotFoundException.class);
    }

    @Test
    void seedRepositoryIsImmutable() {
        Repository repository = ecr.describeRepositories(r -> r.repositoryNames(Seed.REPOSITORY))
                .repositories().get(0);

        assertThat(repository.imageTagMutability()).isEqualTo(ImageTagMutability.IMMUTABLE);
        assertThat(repository.repositoryUri())
                .isEqualTo("000000000000.dkr.ecr.ap-southeast-1.amazonaws.com/dr-daily-report-telegram-api");
        assertThat(repository.repositoryArn())
                .isEqualTo("arn:aws:ecr:ap-southeast-1:000000000000:repository/dr-daily-report-telegram-api");
        assertThat(repository.createdAt()).isEqualTo(NOW);
    }

    @Test
    void batchGetImageReturnsManifestsAndReportsMissingImages() {
        BatchGetImageResponse response = ecr.batchGetImage(r -> r.repositoryName(Seed.REPOSITORY).imageIds(
                byTag(seeded.get(3).tag()), byTag("sha-0000000-20200101")));

        assertThat(response.images()).singleElement().satisfies(image -> {
            assertThat(image.imageId().imageDigest()).isEqualTo(seeded.get(3).digest());
            assertThat(image.imageManifest()).contains("\"schemaVersion\":2");
        });
        assertThat(response.failures()).singleElement().satisfies(failure ->
                assertThat(failure.failureCode()).isEqualTo(ImageFailureCode.IMAGE_NOT_FOUND));
    }

    @Test
    void putImageCannotMoveATagInAnImmutableRepository() {
        String manifest = ecr.batchGetImage(r -> r.repositoryName(Seed.REPOSITORY)
                .imageIds(byTag(seeded.get(5).tag()))).images().get(0).imageManifest();

        assertThatThrownBy(() -> ecr.putImage(r -> r.repositoryName(Seed.REPOSITORY)
                .imageManifest(manifest).imageTag(seeded.get(0).tag())))
                .isInstanceOf(ImageTagAlreadyExistsException.class);

        String digest = ecr.putImage(r -> r.repositoryName(Seed.REPOSITORY)
                .imageManifest(manifest).imageTag("release-2025.11.27")).image().imageId().imageDigest();
        assertThat(digest).isEqualTo(seeded.get(5).digest());
    }

    @Test
    void resetForgetsEverything() {
        standIn.throttleNext(5);
        standIn.reset();

        assertThat(ecr.describeRepositories().repositories()).isEmpty();
        assertThat(standIn.requestCount("DescribeRepositories")).isEqualTo(1);
        assertThatThrownBy(() -> standIn.imageUriOf(Seed.DEV_FUNCTION)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ImageIdentifier byTag(String tag) {
        return ImageIdentifier.builder().imageTag(tag).build();
    }
}
