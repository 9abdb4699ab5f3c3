package dev.promobot.github;

import dev.promobot.promotion.Changelog;
import dev.promobot.promotion.Changelogs;
import dev.promobot.rules.Image;

import java.util.Optional;

/** Used when GitHub is not configured: every changelog says how to turn changelogs on. */
public final class NoChangelogs implements Changelogs {

    @Override
    public Changelog between(String repository, String fromGitSha, String toGitSha) {
        return new Changelog.NotConfigured();
    }

    @Override
    public Changelog of(String repository, String environment, Optional<Image> running, Image candidate) {
        return new Changelog.NotConfigured();
    }
}
