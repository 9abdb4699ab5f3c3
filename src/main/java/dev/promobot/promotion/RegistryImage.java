package dev.promobot.promotion;

import dev.promobot.rules.Image;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image as the registry describes it: the rule engine's {@link Image} plus what the lifecycle audit weighs.
 *
 * @param sizeBytes            compressed size ECR stores
 * @param manifestMediaType    e.g. application/vnd.docker.distribution.manifest.v2+json
 * @param lastRecordedPullTime when the image was last pulled, if ECR knows
 * @param status               ECR's image status (ACTIVE, ARCHIVED, ...)
 * @param lastActivatedAt      when an archived image was last restored
 * @param lastArchivedAt       when it was last archived
 * @param childDigests         for a manifest list (multi-platform image), the manifests it references; read
 *                             only by {@link ImageRegistry#allImages()}
 */
public record RegistryImage(Image image, long sizeBytes, String manifestMediaType,
                            Optional<Instant> lastRecordedPullTime, String status, Optional<Instant> lastActivatedAt,
                            Optional<Instant> lastArchivedAt, List<String> childDigests) {

    /** An image as DescribeImages lists it by default: active, children not read. */
    public RegistryImage(Image image, long sizeBytes, String manifestMediaType,
                         Optional<Instant> lastRecordedPullTime, String status) {
        this(image, sizeBytes, manifestMediaType, lastRecordedPullTime, status, Optional.empty(), Optional.empty(),
                List.of());
    }

    /** Manifest lists and OCI indexes: images that only reference other manifests. */
    public boolean isManifestList() {
        return manifestMediaType.contains("manifest.list") || manifestMediaType.contains("image.index");
    }

    public RegistryImage {
        childDigests = List.copyOf(childDigests);
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(manifestMediaType, "manifestMediaType");
        Objects.requireNonNull(lastRecordedPullTime, "lastRecordedPullTime");
        Objects.requireNonNull(status, "status");
    }
}
