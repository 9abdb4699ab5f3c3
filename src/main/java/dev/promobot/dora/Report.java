package dev.promobot.dora;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The DORA figures of some environments over some windows, with what a reader needs to know to read them.
 *
 * @param figures       one per environment and window, windows in the order asked, environments in pipeline order
 * @param failureWindow how soon a rollback makes a deployment a failure
 * @param leadTimesFrom where the lead times start, in words: "the build time in the image tag", "the commit time on GitHub"
 */
public record Report(List<Figures> figures, Duration failureWindow, String leadTimesFrom) {

    public Report {
        figures = List.copyOf(figures);
        Objects.requireNonNull(failureWindow, "failureWindow");
        Objects.requireNonNull(leadTimesFrom, "leadTimesFrom");
    }

    /** One environment's figures, in window order. */
    public List<Figures> of(String environment) {
        return figures.stream().filter(figure -> figure.environment().equals(environment)).toList();
    }
}
