package dev.promobot.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.ImageRegistry;
import dev.promobot.promotion.RegistryImage;
import dev.promobot.rules.Digest;
import dev.promobot.rules.Image;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetImageRequest;
import software.amazon.awssdk.services.ecr.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ecr.model.DescribeRepositoriesRequest;
import software.amazon.awssdk.services.ecr.model.GetLifecyclePolicyRequest;
import software.amazon.awssdk.services.ecr.model.ImageDetail;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.ImageStatusFilter;
import software.amazon.awssdk.services.ecr.model.LifecyclePolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The ECR repository, read through the AWS SDK: paginators for listings, never one call per tag. */
public class EcrImageRegistry implements ImageRegistry {

    private static final Logger LOG = Logger.getLogger(EcrImageRegistry.class);

    /** ECR's largest page; a repository of 10,000 images is read in 10 calls. */
    static final int PAGE_SIZE = 1000;

    private static final List<String> MANIFEST_LIST_TYPES = List.of(
            "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json");

    private final EcrClient ecr;
    private final ObjectMapper json;
    private final String repository;
    private final Optional<String> registryId;
    /** Media types and statuses repeat across thousands of images; keep one copy of each. */
    private final Map<String, String> shared = new ConcurrentHashMap<>();
    private volatile String repositoryUri;

    public EcrImageRegistry(EcrClient ecr, String repository, Optional<String> registryId, ObjectMapper json) {
        this.json = json;
        this.ecr = ecr;
        this.repository = repository;
        this.registryId = registryId;
    }

    @Override
    public String repository() {
        return repository;
    }

    @Override
    public List<RegistryImage> images() {
        try {
            List<RegistryImage> images = new ArrayList<>();
            ecr.describeImagesPaginator(describe().maxResults(PAGE_SIZE).build()).imageDetails()
                    .forEach(detail -> toRegistryImage(detail).ifPresent(images::add));
            return images;
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading repository " + repository, repositoryNotFound());
        }
    }

    @Override
    public List<RegistryImage> allImages() {
        try {
            List<RegistryImage> images = new ArrayList<>();
            ecr.describeImagesPaginator(describe().maxResults(PAGE_SIZE)
                            .filter(filter -> filter.imageStatus(ImageStatusFilter.ANY)).build()).imageDetails()
                    .forEach(detail -> toRegistryImage(detail).ifPresent(images::add));
            List<RegistryImage> lists = images.stream().filter(RegistryImage::isManifestList).toList();
            if (lists.isEmpty()) {
                return images;
            }
            Map<String, List<String>> children = children(lists);
            return images.stream().map(image -> image.isManifestList()
                    ? new RegistryImage(image.image(), image.sizeBytes(), image.manifestMediaType(),
                    image.lastRecordedPullTime(), image.status(), image.lastActivatedAt(), image.lastArchivedAt(),
                    children.getOrDefault(image.image().digest().value(), List.of()))
                    : image).toList();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading repository " + repository, repositoryNotFound());
        }
    }

    /** The manifests each manifest list references, from BatchGetImage in batches of ECR's maximum, 100. */
    private Map<String, List<String>> children(List<RegistryImage> lists) {
        Map<String, List<String>> children = new HashMap<>();
        for (int from = 0; from < lists.size(); from += 100) {
            List<ImageIdentifier> ids = lists.subList(from, Math.min(lists.size(), from + 100)).stream()
                    .map(image -> ImageIdentifier.builder().imageDigest(image.image().digest().value()).build())
                    .toList();
            BatchGetImageRequest.Builder request = BatchGetImageRequest.builder().repositoryName(repository)
                    .imageIds(ids).acceptedMediaTypes(MANIFEST_LIST_TYPES);
            registryId.ifPresent(request::registryId);
            for (var listed : ecr.batchGetImage(request.build()).images()) {
                children.put(listed.imageId().imageDigest(), childDigests(listed.imageManifest()));
            }
        }
        return children;
    }

    private List<String> childDigests(String manifest) {
        try {
            List<String> digests = new ArrayList<>();
            json.readTree(manifest).path("manifests").forEach(entry -> digests.add(entry.path("digest").asText()));
            return digests;
        } catch (JsonProcessingException e) {
            LOG.warnf("Unreadable manifest list: %s", e.getOriginalMessage());
            return List.of();
        }
    }

    @Override
    public Optional<RegistryImage> image(String tag) {
        try {
            return ecr.describeImages(describe().imageIds(ImageIdentifier.builder().imageTag(tag).build()).build())
                    .imageDetails().stream().findFirst().flatMap(this::toRegistryImage);
        } catch (ImageNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "looking up image " + tag + " in repository " + repository,
                    repositoryNotFound());
        }
    }

    @Override
    public String tagMutability() {
        return describeRepository().imageTagMutabilityAsString();
    }

    @Override
    public Optional<String> lifecyclePolicy() {
        try {
            GetLifecyclePolicyRequest.Builder request = GetLifecyclePolicyRequest.builder().repositoryName(repository);
            registryId.ifPresent(request::registryId);
            return Optional.ofNullable(ecr.getLifecyclePolicy(request.build()).lifecyclePolicyText());
        } catch (LifecyclePolicyNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading the lifecycle policy of repository " + repository,
                    repositoryNotFound());
        }
    }

    @Override
    public String imageUri(Image image) {
        if (repositoryUri == null) {
            repositoryUri = describeRepository().repositoryUri();
        }
        // By digest, never by tag: on a repository with mutable tags, a tag moved after the decision would deploy
        // an image nobody decided on.
        return repositoryUri + "@" + image.digest().value();
    }

    private Repository describeRepository() {
        try {
            DescribeRepositoriesRequest.Builder request = DescribeRepositoriesRequest.builder()
                    .repositoryNames(repository);
            registryId.ifPresent(request::registryId);
            return ecr.describeRepositories(request.build()).repositories().stream().findFirst()
                    .orElseThrow(() -> new AwsProblem(AwsProblem.Kind.NOT_FOUND, repositoryNotFound(), null));
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "reading repository " + repository, repositoryNotFound());
        }
    }

    private DescribeImagesRequest.Builder describe() {
        DescribeImagesRequest.Builder request = DescribeImagesRequest.builder().repositoryName(repository);
        registryId.ifPresent(request::registryId);
        return request;
    }

    private String repositoryNotFound() {
        return "repository " + repository + " was not found in ECR";
    }

    private Optional<RegistryImage> toRegistryImage(ImageDetail detail) {
        var digest = Digest.parse(detail.imageDigest());
        if (!digest.isOk()) {
            LOG.warnf("Skipping an image of %s with an unreadable digest: %s", repository, detail.imageDigest());
            return Optional.empty();
        }
        Image image = new Image(digest.value().orElseThrow(),
                detail.hasImageTags() ? List.copyOf(detail.imageTags()) : List.of(),
                Optional.ofNullable(detail.imagePushedAt()));
        return Optional.of(new RegistryImage(image,
                detail.imageSizeInBytes() == null ? 0 : detail.imageSizeInBytes(),
                shared(detail.imageManifestMediaType(), "unknown"),
                Optional.ofNullable(detail.lastRecordedPullTime()),
                shared(detail.imageStatusAsString(), "ACTIVE"),
                Optional.ofNullable(detail.lastActivatedAt()), Optional.ofNullable(detail.lastArchivedAt()),
                List.of()));
    }

    private String shared(String value, String absent) {
        return value == null ? absent : shared.computeIfAbsent(value, v -> v);
    }
}
