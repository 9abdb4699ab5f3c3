package dev.promobot.rules;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image in the ECR repository: its digest and every tag that currently points at it.
 *
 * @param pushedAt when ECR received it, if known
 */
public record Image(Digest digest, List<String> tags, Optional<Instant> pushedAt) {

    private static final Comparator<Optional<Instant>> UNKNOWN_FIRST =
            Comparator.comparing(time -> time.orElse(Instant.MIN));

    /**
     * Oldest build first, by the build time in the sha- tag (R1: never by name), then push time, then digest so
     * the order is total. Images without a sha- tag count as older than any image with one.
     */
    public static final Comparator<Image> OLDEST_FIRST = Comparator
            .comparing((Image image) -> image.imageTag().map(ImageTag::buildTime), UNKNOWN_FIRST)
            .thenComparing(Image::pushedAt, UNKNOWN_FIRST)
            .thenComparing(image -> image.digest().value());

    /** Newest build first; images without a sha- tag last. */
    public static final Comparator<Image> NEWEST_FIRST = OLDEST_FIRST.reversed();

    public Image {
        Objects.requireNonNull(digest, "digest");
        tags = List.copyOf(tags);
        Objects.requireNonNull(pushedAt, "pushedAt");
    }

    /** The image's immutable sha- tag; if it carries several, the one built last. */
    public Optional<ImageTag> imageTag() {
        return tags.stream()
                .map(ImageTag::parse)
                .flatMap(parsed -> parsed.value().stream())
                .max(Comparator.comparing(ImageTag::buildTime).thenComparing(ImageTag::text));
    }

    /** How to name the image in a sentence: its sha- tag, else any tag, else "untagged" and its short digest. */
    public String label() {
        return imageTag().map(ImageTag::text)
                .or(() -> tags.stream().findFirst())
                .orElse("untagged " + digest.shortForm());
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }
}
