package dev.promobot.github;

import dev.promobot.config.Settings;
import dev.promobot.promotion.Changelogs;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Changelogs from GitHub when promobot.github.token is set, one client for every service's repository; else the
 * hint.
 */
public class ChangelogsProducer {

    @Produces
    @Singleton
    Changelogs changelogs(Settings settings) {
        // Short: a /promote waits on it, and a changelog that is late is shown as unavailable instead.
        return settings.github().<Changelogs>map(github -> new GitHubChangelogs(github.apiUrl(), github.token(),
                Duration.ofSeconds(3))).orElseGet(NoChangelogs::new);
    }

    void close(@Disposes Changelogs changelogs) {
        if (changelogs instanceof GitHubChangelogs github) {
            github.close();
        }
    }
}
