package dev.promobot.github;

import dev.promobot.config.Settings;
import dev.promobot.promotion.CommitTimes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/** Commit times from GitHub when promobot.github.token is set, one client for every service's repository. */
public class CommitTimesProducer {

    @Produces
    @Singleton
    CommitTimes commitTimes(Settings settings) {
        // Short: a /dora waits on it, and falls back to build times when GitHub is slow.
        return settings.github().<CommitTimes>map(github -> new GitHubCommitTimes(github.apiUrl(), github.token(),
                Duration.ofSeconds(5))).orElse(CommitTimes.NONE);
    }

    void close(@Disposes CommitTimes times) {
        if (times instanceof GitHubCommitTimes github) {
            github.close();
        }
    }
}
