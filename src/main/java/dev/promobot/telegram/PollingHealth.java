package dev.promobot.telegram;

import dev.promobot.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Readiness of long polling: DOWN, saying why, once getUpdates has not succeeded (answered, and every update
 * stored) for {@code promobot.telegram.unhealthy-after}. In webhook mode Telegram calls promobot, so there is
 * nothing to watch here.
 */
@Readiness
@ApplicationScoped
public class PollingHealth implements HealthCheck {

    private final Settings settings;
    private final Clock clock;
    private final Instant started;
    private volatile Optional<Instant> lastSuccess = Optional.empty();
    private volatile Optional<String> lastProblem = Optional.empty();

    PollingHealth(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.started = clock.instant();
    }

    void polled() {
        lastSuccess = Optional.of(clock.instant());
        lastProblem = Optional.empty();
    }

    void failed(String problem) {
        lastProblem = Optional.of(problem);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("telegram-long-polling");
        if (settings.telegramMode() != Settings.TelegramMode.LONG_POLLING) {
            return response.up().withData("mode", settings.telegramMode().key()).build();
        }
        Instant since = lastSuccess.orElse(started);
        Duration quiet = Duration.between(since, clock.instant());
        lastSuccess.ifPresent(at -> response.withData("last-success", at.toString()));
        lastProblem.ifPresent(problem -> response.withData("last-problem", problem));
        if (quiet.compareTo(settings.telegramUnhealthyAfter()) < 0) {
            return response.up().build();
        }
        String why = "no getUpdates has succeeded for " + quiet.toSeconds() + " s"
                + (lastSuccess.isEmpty() ? " (none since start-up)" : "")
                + lastProblem.map(problem -> "; last problem: " + problem).orElse("");
        return response.down().withData("reason", why).build();
    }
}
