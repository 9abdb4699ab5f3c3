package dev.promobot.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * What one Lambda function runs.
 *
 * @param imageUri       the image URI the function was deployed with, as Lambda reports it
 * @param resolvedDigest the digest Lambda resolved that URI to when it was deployed
 */
public record FunctionImage(String function, Optional<String> imageUri, Optional<Digest> resolvedDigest) {

    public FunctionImage {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(imageUri, "imageUri");
        Objects.requireNonNull(resolvedDigest, "resolvedDigest");
    }

    /**
     * The tag in an URI like "123.dkr.ecr.eu-west-1.amazonaws.com/repo:sha-abc1234-20251127"; none when the
     * function was deployed by digest ("repo@sha256:...") or without a tag.
     */
    public Optional<String> deployedTag() {
        return imageUri.filter(uri -> !uri.contains("@")).flatMap(uri -> {
            // Only the last path segment can hold the tag; a colon before it is a registry port.
            String lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
            int colon = lastSegment.lastIndexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(lastSegment.substring(colon + 1));
        }).filter(tag -> !tag.isEmpty());
    }
}
