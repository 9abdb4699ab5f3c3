package dev.promobot.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The facts lifecycle evaluation needs about one image in a repository.
 *
 * @param digest               "sha256:..."
 * @param tags                 empty when the image is untagged
 * @param pushedAt             imagePushedAt
 * @param lastRecordedPullTime absent when ECR never recorded a pull
 * @param lastActivatedAt      present when the image was restored from the archive
 * @param lastArchivedAt       present when the image was moved to the archive
 * @param storageClass         STANDARD for imageStatus ACTIVE, ARCHIVE for ARCHIVED
 * @param sizeBytes            imageSizeInBytes
 * @param childDigests         the manifests a manifest list or OCI index references; empty for a plain image
 */
public record LifecycleImage(
        String digest,
        List<String> tags,
        Instant pushedAt,
        Optional<Instant> lastRecordedPullTime,
        Optional<Instant> lastActivatedAt,
        Optional<Instant> lastArchivedAt,
        StorageClass storageClass,
        long sizeBytes,
        List<String> childDigests) {

    public LifecycleImage {
        Objects.requireNonNull(digest, "digest");
        tags = List.copyOf(tags);
        Objects.requireNonNull(pushedAt, "pushedAt");
        Objects.requireNonNull(lastRecordedPullTime, "lastRecordedPullTime");
        Objects.requireNonNull(lastActivatedAt, "lastActivatedAt");
        Objects.requireNonNull(lastArchivedAt, "lastArchivedAt");
        Objects.requireNonNull(storageClass, "storageClass");
        childDigests = List.copyOf(childDigests);
    }

    public boolean isManifestList() {
        return !childDigests.isEmpty();
    }
}
