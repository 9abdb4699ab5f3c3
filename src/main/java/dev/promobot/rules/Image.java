package dev.promobot.rules;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image in the ECR repository: its digest and every tag that currently points at it.
 *
 * <p>A value like a record, equal by digest, tags and push time; a class only so that its sha- tag is read once,
 * when it is made, since images are ordered by it many times over for each command.
 */
public final class Image {

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

    private final Digest digest;
    private final List<String> tags;
    private final Optional<Instant> pushedAt;
    private final Optional<ImageTag> imageTag;

    /** @param pushedAt when ECR received it, if known */
    public Image(Digest digest, List<String> tags, Optional<Instant> pushedAt) {
        this.digest = Objects.requireNonNull(digest, "digest");
        this.tags = List.copyOf(tags);
        this.pushedAt = Objects.requireNonNull(pushedAt, "pushedAt");
        this.imageTag = this.tags.stream()
                .map(ImageTag::parse)
                .flatMap(parsed -> parsed.value().stream())
                .max(Comparator.comparing(ImageTag::buildTime).thenComparing(ImageTag::text));
    }

    public Digest digest() {
        return digest;
    }

    /** Every tag pointing at the image, as ECR lists them. */
    public List<String> tags() {
        return tags;
    }

    public Optional<Instant> pushedAt() {
        return pushedAt;
    }

    /** The image's immutable sha- tag; if it carries several, the one built last. */
    public Optional<ImageTag> imageTag() {
        return imageTag;
    }

    /** How to name the image in a sentence: its sha- tag, else any tag, else "untagged" and its short digest. */
    public String label() {
        return imageTag.map(ImageTag::text)
                .or(() -> tags.stream().findFirst())
                .orElse("untagged " + digest.shortForm());
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Image image && digest.equals(image.digest) && tags.equals(image.tags)
                && pushedAt.equals(image.pushedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(digest, tags, pushedAt);
    }

    @Override
    public String toString() {
        return "Image[digest=" + digest + ", tags=" + tags + ", pushedAt=" + pushedAt + "]";
    }
}
