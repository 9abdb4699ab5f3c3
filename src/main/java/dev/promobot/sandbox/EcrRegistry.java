package dev.promobot.sandbox;

import static dev.promobot.sandbox.StandInJson.text;
import static dev.promobot.sandbox.StandInJson.write;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The ECR half of the stand-in: repositories, images, tags and lifecycle policies, and the JSON 1.1 operations
 * over them. Not thread-safe; {@link AwsStandIn} serialises every call.
 */
final class EcrRegistry {

    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    private static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    private static final Set<String> MUTABILITIES = Set.of("MUTABLE", "IMMUTABLE");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final int DEFAULT_MAX_RESULTS = 100;
    private static final int MAX_RESULTS_LIMIT = 1000;
    private static final String TOKEN_VERSION = "v1";

    private final String accountId;
    private final String region;
    private final Clock clock;
    private final ObjectMapper json;
    private final Map<String, Repository> repositories = new LinkedHashMap<>();
    private long pushSequence;

    EcrRegistry(String accountId, String region, Clock clock, ObjectMapper json) {
        this.accountId = accountId;
        this.region = region;
        this.clock = clock;
        this.json = json;
    }

    // ---- seeding -------------------------------------------------------------------------------------------

    String createRepository(String name, String tagMutability) {
        if (name == null || name.isBlank()) {
            throw new AwsError(400, "InvalidParameterException", "A repository needs a name");
        }
        if (!MUTABILITIES.contains(tagMutability)) {
            throw new AwsError(400, "InvalidParameterException",
                    "imageTagMutability must be MUTABLE or IMMUTABLE, not " + tagMutability);
        }
        if (repositories.containsKey(name)) {
            throw new AwsError(400, "RepositoryAlreadyExistsException", "The repository with name '" + name
                    + "' already exists in the registry with id '" + accountId + "'");
        }
        repositories.put(name, new Repository(name, tagMutability, clock.instant()));
        return repositoryUri(name);
    }

    String pushImage(String repositoryName, List<String> tags, Instant pushedAt, long sizeBytes) {
        Repository repository = repository(repositoryName);
        if (sizeBytes < 0) {
            throw new AwsError(400, "InvalidParameterException", "An image cannot be smaller than 0 bytes");
        }
        List<String> distinctTags = List.copyOf(new LinkedHashSet<>(tags));
        distinctTags.forEach(tag -> checkTagAssignable(repository, null, tag));
        long sequence = ++pushSequence;
        String manifest = generatedManifest(repositoryName, sequence, distinctTags, pushedAt, sizeBytes);
        StoredImage image = new StoredImage(sequence, sha256Digest(manifest), manifest, DOCKER_MANIFEST,
                DOCKER_CONFIG, sizeBytes, pushedAt);
        repository.add(image);
        distinctTags.forEach(tag -> assignTag(repository, image, tag));
        return image.digest;
    }

    void tag(String repositoryName, String digest, String tag) {
        Repository repository = repository(repositoryName);
        StoredImage image = repository.byDigest.get(digest);
        if (image == null) {
            throw imageNotFound(repository, digest, null);
        }
        assignTag(repository, image, tag);
    }

    void putLifecyclePolicy(String repositoryName, String policyJson) {
        Repository repository = repository(repositoryName);
        try {
            json.readTree(policyJson);
        } catch (IOException e) {
            throw new AwsError(400, "InvalidParameterException", "The lifecycle policy is not valid JSON: "
                    + e.getMessage());
        }
        repository.lifecyclePolicy = policyJson;
    }

    String repositoryUri(String repositoryName) {
        return registryHost() + "/" + repositoryName;
    }

    /** Resolves an image URI as Lambda does, returning the repository name and digest it points at. */
    Optional<ResolvedImage> resolve(String imageUri) {
        return ImageReference.parse(imageUri)
                .filter(reference -> reference.registry().equals(registryHost()))
                .flatMap(reference -> Optional.ofNullable(repositories.get(reference.repository()))
                        .flatMap(repository -> Optional.ofNullable(reference.digest() != null
                                        ? repository.byDigest.get(reference.digest())
                                        : repository.byTag.get(reference.tag()))
                                .map(image -> new ResolvedImage(repository.name, image.digest))));
    }

    void recordPull(ResolvedImage resolved) {
        Repository repository = repositories.get(resolved.repository());
        StoredImage image = repository == null ? null : repository.byDigest.get(resolved.digest());
        if (image != null) {
            image.lastRecordedPullTime = clock.instant();
        }
    }

    // ---- wire operations -----------------------------------------------------------------------------------

    byte[] handle(String operation, JsonNode request) {
        return switch (operation) {
            case "DescribeImages" -> describeImages(request);
            case "DescribeRepositories" -> describeRepositories(request);
            case "GetLifecyclePolicy" -> getLifecyclePolicy(request);
            case "BatchGetImage" -> batchGetImage(request);
            case "PutImage" -> putImage(request);
            default -> throw new AwsError(400, "UnknownOperationException",
                    "The stand-in does not implement ECR operation " + operation);
        };
    }

    private byte[] describeImages(JsonNode request) {
        Repository repository = repository(request);
        String nextToken = text(request, "nextToken");
        JsonNode imageIds = request.path("imageIds");
        if (imageIds.isArray() && !imageIds.isEmpty()) {
            if (request.hasNonNull("maxResults") || nextToken != null) {
                throw invalidParameter("maxResults and nextToken cannot be used together with imageIds");
            }
            Map<String, StoredImage> found = new LinkedHashMap<>();
            for (JsonNode imageId : imageIds) {
                Lookup lookup = lookup(repository, imageId);
                if (lookup.image == null) {
                    throw "MissingDigestAndTag".equals(lookup.failureCode)
                            ? invalidParameter(lookup.failureReason)
                            : imageNotFound(repository, text(imageId, "imageDigest"), text(imageId, "imageTag"));
                }
                found.putIfAbsent(lookup.image.digest, lookup.image);
            }
            return write(out -> {
                out.writeArrayFieldStart("imageDetails");
                for (StoredImage image : found.values()) {
                    writeImageDetail(out, repository, image);
                }
                out.writeEndArray();
            });
        }

        int maxResults = maxResults(request);
        String tagStatus = tagStatus(request);
        boolean activeWanted = activeWanted(request);
        long after = nextToken == null ? 0 : decodeToken(nextToken, repository, tagStatus);
        List<StoredImage> page = new ArrayList<>(Math.min(maxResults, repository.bySequence.size()));
        boolean more = false;
        if (activeWanted) {
            for (StoredImage image : repository.bySequence.tailMap(after, false).values()) {
                if (!image.matches(tagStatus)) {
                    continue;
                }
                if (page.size() == maxResults) {
                    more = true;
                    break;
                }
                page.add(image);
            }
        }
        String token = more ? encodeToken(repository, tagStatus, page.get(page.size() - 1).sequence) : null;
        return write(out -> {
            out.writeArrayFieldStart("imageDetails");
            for (StoredImage image : page) {
                writeImageDetail(out, repository, image);
            }
            out.writeEndArray();
            if (token != null) {
                out.writeStringField("nextToken", token);
            }
        });
    }

    private byte[] describeRepositories(JsonNode request) {
        checkRegistry(request, null);
        List<Repository> selected = new ArrayList<>();
        JsonNode names = request.path("repositoryNames");
        if (names.isArray() && !names.isEmpty()) {
            for (JsonNode name : names) {
                selected.add(repository(name.asText()));
            }
        } else {
            selected.addAll(repositories.values());
        }
        return write(out -> {
            out.writeArrayFieldStart("repositories");
            for (Repository repository : selected) {
                out.writeStartObject();
                out.writeStringField("repositoryArn",
                        "arn:aws:ecr:" + region + ":" + accountId + ":repository/" + repository.name);
                out.writeStringField("registryId", accountId);
                out.writeStringField("repositoryName", repository.name);
                out.writeStringField("repositoryUri", repositoryUri(repository.name));
                writeEpochSeconds(out, "createdAt", repository.createdAt);
                out.writeStringField("imageTagMutability", repository.tagMutability);
                out.writeObjectFieldStart("imageScanningConfiguration");
                out.writeBooleanField("scanOnPush", false);
                out.writeEndObject();
                out.writeObjectFieldStart("encryptionConfiguration");
                out.writeStringField("encryptionType", "AES256");
                out.writeEndObject();
                out.writeEndObject();
            }
            out.writeEndArray();
        });
    }

    private byte[] getLifecyclePolicy(JsonNode request) {
        Repository repository = repository(request);
        if (repository.lifecyclePolicy == null) {
            throw new AwsError(400, "LifecyclePolicyNotFoundException",
                    "Lifecycle policy does not exist for the repository with name '" + repository.name
                            + "' in the registry with id '" + accountId + "'");
        }
        return write(out -> {
            out.writeStringField("registryId", accountId);
            out.writeStringField("repositoryName", repository.name);
            out.writeStringField("lifecyclePolicyText", repository.lifecyclePolicy);
        });
    }

    private byte[] batchGetImage(JsonNode request) {
        Repository repository = repository(request);
        JsonNode imageIds = request.path("imageIds");
        if (!imageIds.isArray() || imageIds.isEmpty()) {
            throw invalidParameter("imageIds must name at least one image");
        }
        List<JsonNode> requested = new ArrayList<>();
        List<Lookup> lookups = new ArrayList<>();
        for (JsonNode imageId : imageIds) {
            requested.add(imageId);
            Lookup lookup = lookup(repository, imageId);
            lookups.add(lookup);
            if (lookup.image != null) {
                lookup.image.lastRecordedPullTime = clock.instant();
            }
        }
        return write(out -> {
            out.writeArrayFieldStart("images");
            for (int i = 0; i < lookups.size(); i++) {
                StoredImage image = lookups.get(i).image;
                if (image == null) {
                    continue;
                }
                out.writeStartObject();
                out.writeStringField("registryId", accountId);
                out.writeStringField("repositoryName", repository.name);
                writeImageId(out, image.digest, text(requested.get(i), "imageTag"));
                out.writeStringField("imageManifest", image.manifest);
                out.writeStringField("imageManifestMediaType", image.manifestMediaType);
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("failures");
            for (int i = 0; i < lookups.size(); i++) {
                Lookup lookup = lookups.get(i);
                if (lookup.image != null) {
                    continue;
                }
                out.writeStartObject();
                writeImageId(out, text(requested.get(i), "imageDigest"), text(requested.get(i), "imageTag"));
                out.writeStringField("failureCode", lookup.failureCode);
                out.writeStringField("failureReason", lookup.failureReason);
                out.writeEndObject();
            }
            out.writeEndArray();
        });
    }

    private byte[] putImage(JsonNode request) {
        Repository repository = repository(request);
        String manifest = text(request, "imageManifest");
        if (manifest == null || manifest.isEmpty()) {
            throw invalidParameter("imageManifest is required");
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(manifest);
        } catch (IOException e) {
            throw invalidParameter("Invalid parameter at 'imageManifest' failed to satisfy constraint: "
                    + "'Invalid JSON syntax'");
        }
        String digest = sha256Digest(manifest);
        String claimedDigest = text(request, "imageDigest");
        if (claimedDigest != null && !claimedDigest.equals(digest)) {
            throw new AwsError(400, "ImageDigestDoesNotMatchException", "The supplied digest " + claimedDigest
                    + " does not match the manifest, whose digest is " + digest);
        }
        String tag = text(request, "imageTag");
        StoredImage existing = repository.byDigest.get(digest);
        if (existing != null && (tag == null || existing.tags.contains(tag))) {
            throw new AwsError(400, "ImageAlreadyExistsException", "Image with digest '" + digest
                    + (tag == null ? "'" : "' and tag '" + tag + "'")
                    + " already exists in the repository with name '" + repository.name
                    + "' in registry with id '" + accountId + "'");
        }
        if (tag != null) {
            checkTagAssignable(repository, existing, tag);
        }
        StoredImage image = existing;
        if (image == null) {
            String mediaType = Optional.ofNullable(text(request, "imageManifestMediaType"))
                    .or(() -> Optional.ofNullable(text(parsed, "mediaType")))
                    .orElse(DOCKER_MANIFEST);
            String artifactMediaType = Optional.ofNullable(text(parsed.path("config"), "mediaType"))
                    .orElse(DOCKER_CONFIG);
            image = new StoredImage(++pushSequence, digest, manifest, mediaType, artifactMediaType,
                    layerBytes(parsed, manifest), clock.instant());
            repository.add(image);
        }
        if (tag != null) {
            assignTag(repository, image, tag);
        }
        StoredImage stored = image;
        return write(out -> {
            out.writeObjectFieldStart("image");
            out.writeStringField("registryId", accountId);
            out.writeStringField("repositoryName", repository.name);
            writeImageId(out, stored.digest, tag);
            out.writeStringField("imageManifest", stored.manifest);
            out.writeStringField("imageManifestMediaType", stored.manifestMediaType);
            out.writeEndObject();
        });
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private String registryHost() {
        return accountId + ".dkr.ecr." + region + ".amazonaws.com";
    }

    private Repository repository(JsonNode request) {
        String name = text(request, "repositoryName");
        if (name == null) {
            throw invalidParameter("repositoryName is required");
        }
        checkRegistry(request, name);
        return repository(name);
    }

    private void checkRegistry(JsonNode request, String repositoryName) {
        String registryId = text(request, "registryId");
        if (registryId != null && !registryId.equals(accountId)) {
            throw new AwsError(400, "RepositoryNotFoundException", "The repository with name '"
                    + (repositoryName == null ? "" : repositoryName)
                    + "' does not exist in the registry with id '" + registryId + "'");
        }
    }

    private Repository repository(String name) {
        Repository repository = repositories.get(name);
        if (repository == null) {
            throw new AwsError(400, "RepositoryNotFoundException", "The repository with name '" + name
                    + "' does not exist in the registry with id '" + accountId + "'");
        }
        return repository;
    }

    private Lookup lookup(Repository repository, JsonNode imageId) {
        String digest = text(imageId, "imageDigest");
        String tag = text(imageId, "imageTag");
        if (digest == null && tag == null) {
            return Lookup.failed("MissingDigestAndTag", "Requested image must have a digest or a tag");
        }
        if (digest == null) {
            StoredImage image = repository.byTag.get(tag);
            return image == null ? Lookup.failed("ImageNotFound", "Requested image not found") : Lookup.found(image);
        }
        StoredImage image = repository.byDigest.get(digest);
        if (image == null) {
            return Lookup.failed("ImageNotFound", "Requested image not found");
        }
        if (tag != null && !image.tags.contains(tag)) {
            return Lookup.failed("ImageTagDoesNotMatchDigest", "Provided tag does not match the digest");
        }
        return Lookup.found(image);
    }

    private void checkTagAssignable(Repository repository, StoredImage image, String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new AwsError(400, "InvalidParameterException", "Invalid image tag '" + tag + "'");
        }
        StoredImage holder = repository.byTag.get(tag);
        if (holder != null && holder != image && repository.immutable()) {
            throw new AwsError(400, "ImageTagAlreadyExistsException", "The image tag '" + tag
                    + "' already exists in the '" + repository.name
                    + "' repository and cannot be overwritten because the repository is immutable.");
        }
    }

    private void assignTag(Repository repository, StoredImage image, String tag) {
        checkTagAssignable(repository, image, tag);
        StoredImage holder = repository.byTag.put(tag, image);
        if (holder != null && holder != image) {
            holder.tags.remove(tag);
        }
        image.tags.add(tag);
    }

    private AwsError imageNotFound(Repository repository, String digest, String tag) {
        return new AwsError(400, "ImageNotFoundException", "The image with imageId {imageDigest:'" + digest
                + "', imageTag:'" + tag + "'} does not exist within the repository with name '" + repository.name
                + "' in the registry with id '" + accountId + "'");
    }

    private static AwsError invalidParameter(String message) {
        return new AwsError(400, "InvalidParameterException", message);
    }

    private static int maxResults(JsonNode request) {
        JsonNode node = request.get("maxResults");
        if (node == null || node.isNull()) {
            return DEFAULT_MAX_RESULTS;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()
                || node.intValue() < 1 || node.intValue() > MAX_RESULTS_LIMIT) {
            throw invalidParameter("Invalid parameter at 'maxResults' failed to satisfy constraint: "
                    + "'Member must have value between 1 and " + MAX_RESULTS_LIMIT + "'");
        }
        return node.intValue();
    }

    private static String tagStatus(JsonNode request) {
        String tagStatus = Optional.ofNullable(text(request.path("filter"), "tagStatus")).orElse("ANY");
        if (!Set.of("TAGGED", "UNTAGGED", "ANY").contains(tagStatus)) {
            throw invalidParameter("Invalid parameter at 'filter.tagStatus': " + tagStatus);
        }
        return tagStatus;
    }

    /** Every image here is ACTIVE; archive states exist only so that filtering on them behaves. */
    private static boolean activeWanted(JsonNode request) {
        String imageStatus = Optional.ofNullable(text(request.path("filter"), "imageStatus")).orElse("ACTIVE");
        return switch (imageStatus) {
            case "ACTIVE", "ANY" -> true;
            case "ARCHIVED", "ACTIVATING" -> false;
            default -> throw invalidParameter("Invalid parameter at 'filter.imageStatus': " + imageStatus);
        };
    }

    /*
     * The token names the last image served rather than an offset, so pushes between pages neither repeat nor
     * skip images. It is bound to the repository and filter so it cannot be replayed against another listing.
     */
    private static String encodeToken(Repository repository, String tagStatus, long lastSequence) {
        String plain = TOKEN_VERSION + "\n" + repository.name + "\n" + tagStatus + "\n" + lastSequence;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private static long decodeToken(String token, Repository repository, String tagStatus) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n");
            if (parts.length == 4 && parts[0].equals(TOKEN_VERSION) && parts[1].equals(repository.name)
                    && parts[2].equals(tagStatus)) {
                return Long.parseLong(parts[3]);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as a well-formed token for another listing
        }
        throw invalidParameter("Invalid parameter at 'nextToken': the token does not belong to this request");
    }

    private String generatedManifest(String repository, long sequence, List<String> tags, Instant pushedAt,
            long sizeBytes) {
        String identity = repository + "\n" + sequence + "\n" + String.join(",", tags) + "\n" + pushedAt + "\n"
                + sizeBytes;
        ObjectNode manifest = json.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", DOCKER_MANIFEST);
        ObjectNode config = manifest.putObject("config");
        config.put("mediaType", DOCKER_CONFIG);
        config.put("size", 1469);
        config.put("digest", sha256Digest("config\n" + identity));
        ObjectNode layer = manifest.putArray("layers").addObject();
        layer.put("mediaType", DOCKER_LAYER);
        layer.put("size", sizeBytes);
        layer.put("digest", sha256Digest("layer\n" + identity));
        try {
            return json.writeValueAsString(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ECR reports the compressed layer total as the image size. */
    private static long layerBytes(JsonNode manifest, String raw) {
        JsonNode layers = manifest.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            return raw.getBytes(StandardCharsets.UTF_8).length;
        }
        long total = 0;
        for (JsonNode layer : layers) {
            total += layer.path("size").asLong();
        }
        return total;
    }

    static String sha256Digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK ships SHA-256", e);
        }
    }

    private void writeImageDetail(JsonGenerator out, Repository repository, StoredImage image) throws IOException {
        out.writeStartObject();
        out.writeStringField("registryId", accountId);
        out.writeStringField("repositoryName", repository.name);
        out.writeStringField("imageDigest", image.digest);
        if (!image.tags.isEmpty()) {
            out.writeArrayFieldStart("imageTags");
            for (String tag : image.tags) {
                out.writeString(tag);
            }
            out.writeEndArray();
        }
        out.writeNumberField("imageSizeInBytes", image.sizeBytes);
        writeEpochSeconds(out, "imagePushedAt", image.pushedAt);
        out.writeStringField("imageManifestMediaType", image.manifestMediaType);
        out.writeStringField("artifactMediaType", image.artifactMediaType);
        if (image.lastRecordedPullTime != null) {
            writeEpochSeconds(out, "lastRecordedPullTime", image.lastRecordedPullTime);
        }
        out.writeStringField("imageStatus", "ACTIVE");
        out.writeEndObject();
    }

    private static void writeImageId(JsonGenerator out, String digest, String tag) throws IOException {
        out.writeObjectFieldStart("imageId");
        if (digest != null) {
            out.writeStringField("imageDigest", digest);
        }
        if (tag != null) {
            out.writeStringField("imageTag", tag);
        }
        out.writeEndObject();
    }

    /** JSON 1.1 timestamps are epoch seconds as a number; milliseconds survive as the fraction. */
    private static void writeEpochSeconds(JsonGenerator out, String field, Instant instant) throws IOException {
        out.writeNumberField(field, BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    record ResolvedImage(String repository, String digest) {
    }

    private record Lookup(StoredImage image, String failureCode, String failureReason) {

        static Lookup found(StoredImage image) {
            return new Lookup(image, null, null);
        }

        static Lookup failed(String code, String reason) {
            return new Lookup(null, code, reason);
        }
    }

    private static final class Repository {

        final String name;
        final String tagMutability;
        final Instant createdAt;
        /** Push order; pagination walks it from the token's position, so a page costs its own size. */
        final TreeMap<Long, StoredImage> bySequence = new TreeMap<>();
        final Map<String, StoredImage> byDigest = new HashMap<>();
        final Map<String, StoredImage> byTag = new HashMap<>();
        String lifecyclePolicy;

        Repository(String name, String tagMutability, Instant createdAt) {
            this.name = name;
            this.tagMutability = tagMutability;
            this.createdAt = createdAt;
        }

        boolean immutable() {
            return "IMMUTABLE".equals(tagMutability);
        }

        void add(StoredImage image) {
            bySequence.put(image.sequence, image);
            byDigest.put(image.digest, image);
        }
    }

    private static final class StoredImage {

        final long sequence;
        final String digest;
        final String manifest;
        final String manifestMediaType;
        final String artifactMediaType;
        final long sizeBytes;
        final Instant pushedAt;
        final Set<String> tags = new LinkedHashSet<>();
        Instant lastRecordedPullTime;

        StoredImage(long sequence, String digest, String manifest, String manifestMediaType,
                String artifactMediaType, long sizeBytes, Instant pushedAt) {
            this.sequence = sequence;
            this.digest = digest;
            this.manifest = manifest;
            this.manifestMediaType = manifestMediaType;
            this.artifactMediaType = artifactMediaType;
            this.sizeBytes = sizeBytes;
            this.pushedAt = pushedAt;
        }

        boolean matches(String tagStatus) {
            return switch (tagStatus) {
                case "TAGGED" -> !tags.isEmpty();
                case "UNTAGGED" -> tags.isEmpty();
                default -> true;
            };
        }
    }
}
