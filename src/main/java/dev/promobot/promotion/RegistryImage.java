package dev.promobot.promotion;

import dev.promobot.rules.Image;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An image as the registry describes it: the rule engine's {@link Image} plus what the lifecycle audit weighs.
 *
 * @param sizeBytes            compressed size ECR stores
 * @param manifestMediaType    e.g. application/vnd.docker.distribution.manifest.v2+json
 * @param lastRecordedPullTime when the image was last pulled, if ECR knows
 * @param status               ECR's image status (ACTIVE, ARCHIVED, ...)
 */
public record RegistryImage(Image image, long sizeBytes, String manifestMediaType,
                            Optional<Instant> lastRecordedPullTime, String status) {

    public RegistryImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(manifestMediaType, "manifestMediaType");
        Objects.requireNonNull(lastRecordedPullTime, "lastRecordedPullTime");
        Objects.requireNonNull(status, "status");
    }
}
