package dev.promobot.promotion;

import dev.promobot.rules.Image;
import dev.promobot.rules.ImageTag;

import java.util.Optional;

/**
 * Asks the host of a service's source repository what changes between two commits ({@link Changelog}). Optional:
 * without a configured host every answer says how to turn it on.
 */
public interface Changelogs {

    /**
     * Never throws, and returns within a few seconds however the host behaves: a failure is an
     * {@link Changelog.Unavailable} answer, so a request opens and an outcome is announced whatever the host does.
     *
     * @param repository the service's source repository, "owner/name"
     * @param fromGitSha the git sha that runs now, 7 to 40 hex digits as image tags carry it
     * @param toGitSha   the git sha that would run
     */
    Changelog between(String repository, String fromGitSha, String toGitSha);

    /**
     * What promoting {@code candidate} to an environment running {@code running} changes, by the git shas in their
     * image tags.
     */
    default Changelog of(String repository, String environment, Optional<Image> running, Image candidate) {
        Optional<String> to = candidate.imageTag().map(ImageTag::gitSha);
        Optional<String> from = running.flatMap(Image::imageTag).map(ImageTag::gitSha);
        if (to.isEmpty()) {
            return new Changelog.CannotCompare(candidate.label() + " carries no image tag with a git sha");
        }
        if (from.isEmpty()) {
            return new Changelog.CannotCompare(environment + " runs "
                    + running.map(Image::label).orElse("no image promobot knows") + ", with no git sha to start from");
        }
        return between(repository, from.get(), to.get());
    }
}
