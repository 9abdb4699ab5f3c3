package dev.promobot.sandbox;

import dev.promobot.channel.ChannelPoster;
import dev.promobot.config.PromobotConfig;
import dev.promobot.summary.DailySummary;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;

/**
 * The sandbox's channel shows a daily summary from the start, one section per seeded service, rather than only
 * after the next promobot.summary.cron. It is posted as it is composed, without claiming the day, so the scheduled
 * summary still goes out as it would.
 */
@ApplicationScoped
class SandboxSummary {

    private static final Logger LOG = Logger.getLogger(SandboxSummary.class);

    private final PromobotConfig config;
    private final DailySummary summary;
    private final ChannelPoster channel;
    private final Clock clock;

    SandboxSummary(PromobotConfig config, DailySummary summary, ChannelPoster channel, Clock clock) {
        this.config = config;
        this.summary = summary;
        this.channel = channel;
        this.clock = clock;
    }

    /** After {@link Sandbox#start}, which seeds the stand-ins this reads. */
    void post(@Observes StartupEvent event) {
        if (!config.sandbox().enabled()) {
            return;
        }
        try {
            String text = summary.compose(clock.instant());
            QuarkusTransaction.requiringNew().run(() -> channel.post(text));
        } catch (RuntimeException e) {
            // A convenience of the sandbox: without it the sandbox still starts, and the summary comes on schedule.
            LOG.warnf("The sandbox's first daily summary could not be posted: %s", e.getMessage());
        }
    }
}
