package dev.promobot.dora;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The four DORA figures of one environment over the last {@code days} days (docs/dora.md).
 *
 * @param deployments          succeeded promotions and rollbacks that went live in the window
 * @param outside              outside deployments in the window, shown but not counted
 * @param leadTime             median lead time for changes of the window's promotions; empty without one
 * @param leadTimes            how many promotions the lead time is the median of
 * @param leadTimesFromCommits how many of those started at the commit's time on GitHub, not the image's build time
 * @param failed               deployments of the window replaced by a rollback within the failure window
 * @param timeToRestore        median time from a failed deployment to the rollback that replaced it
 */
public record Figures(String environment, int days, int deployments, int outside, Optional<Duration> leadTime,
                      int leadTimes, int leadTimesFromCommits, int failed, Optional<Duration> timeToRestore) {

    public Figures {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(leadTime, "leadTime");
        Objects.requireNonNull(timeToRestore, "timeToRestore");
    }

    /** Deployments per week over the window. */
    public double perWeek() {
        return deployments * 7.0 / days;
    }

    /** The change failure rate, 0 to 1; empty when nothing was deployed. */
    public Optional<Double> failureRate() {
        return deployments == 0 ? Optional.empty() : Optional.of((double) failed / deployments);
    }
}
