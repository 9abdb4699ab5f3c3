package dev.promobot.promotion;

import dev.promobot.rules.Image;

import java.util.List;
import java.util.Optional;

/**
 * The ECR repository the images live in. Every method reads live state; failures surface as {@link AwsProblem}.
 */
public interface ImageRegistry {

    /** The repository's name, as configured. */
    String repository();

    /** Every image in the repository, read in one paginated pass. */
    List<RegistryImage> images();

    /**
     * Every image for the lifecycle audit: archived ones too, and for manifest lists the manifests they reference
     * (read with BatchGetImage, in batches, only for manifest lists).
     */
    List<RegistryImage> allImages();

    /** The image carrying exactly this tag, or empty when the repository has none. */
    Optional<RegistryImage> image(String tag);

    /**
     * The image carrying exactly this tag.
     *
     * @throws AwsProblem of kind NOT_FOUND, saying "image sha-... was not found in repository ...", when there is none
     */
    default RegistryImage requireImage(String tag) {
        return image(tag).orElseThrow(() -> new AwsProblem(AwsProblem.Kind.NOT_FOUND,
                "image " + tag + " was not found in repository " + repository(), null));
    }

    /** The repository's tag mutability as ECR names it: IMMUTABLE, MUTABLE, or one of the exclusion variants. */
    String tagMutability();

    /** The lifecycle policy JSON, or empty when the repository has none. */
    Optional<String> lifecyclePolicy();

    /** The URI a Lambda function is deployed with: the repository URI and the image's digest, never a tag. */
    String imageUri(Image image);
}
