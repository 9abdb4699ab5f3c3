package dev.promobot.github;

import dev.promobot.config.Settings;
import dev.promobot.promotion.ReleaseTagCheck;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/** The release-tag check on GitHub when promobot.github.token is set, one client for every service's repository. */
public class ReleaseTagCheckProducer {

    @Produces
    @Singleton
    ReleaseTagCheck releaseTagCheck(Settings settings) {
        return settings.github()
                .<ReleaseTagCheck>map(github -> new GitHubReleaseTagCheck(github.apiUrl(), github.token(),
                        GitHubReleaseTagCheck.DEFAULT_MAIN_BRANCH, Duration.ofSeconds(10)))
                .orElseGet(NoReleaseTagCheck::new);
    }

    /** At shutdown the GitHub check lets go of its REST client's connections. */
    void close(@Disposes ReleaseTagCheck check) {
        if (check instanceof GitHubReleaseTagCheck github) {
            github.close();
        }
    }
}
