package dev.promobot.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promobot.config.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.OkHttpClient;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Long polling as the Bot API defines it: each getUpdates confirms every update below its offset, so the offset is
 * the last <em>stored</em> update_id + 1, and an update is confirmed only once the inbox holds it. A failure to
 * receive or to store is logged and polling goes on after a growing pause; {@link PollingHealth} turns readiness
 * DOWN when it has not succeeded for a while.
 *
 * <p>TelegramBots' own long-polling session is not used: it keeps its offset in memory, advances it before its
 * consumer runs (a failed store would be confirmed and lost), filters redelivered updates out, and stops for good
 * when the consumer throws. Updates are received as the JSON Telegram sent ({@link GetRawUpdates}), so one that
 * TelegramBots cannot read never stops polling.
 */
@ApplicationScoped
public class LongPolling {

    private static final Logger LOG = Logger.getLogger(LongPolling.class);
    /** Seconds Telegram holds a getUpdates open when there is nothing to deliver. */
    static final int LONG_POLL_SECONDS = 30;
    /** Telegram's own maximum for one getUpdates. */
    private static final int LIMIT = 100;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    private static final List<String> UPDATES = List.of("message", "edited_message", "callback_query");

    private final Settings settings;
    private final Inbox inbox;
    private final UpdateProcessor processor;
    private final PollingHealth health;
    private final TelegramMetrics metrics;
    private volatile OkHttpClient http;
    private volatile Thread poller;
    private volatile boolean stopping;

    LongPolling(Settings settings, Inbox inbox, UpdateProcessor processor, @Readiness PollingHealth health,
                TelegramMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.inbox = inbox;
        this.processor = processor;
        this.health = health;
    }

    synchronized void start() {
        if (poller != null || stopping) {
            return;
        }
        http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(LONG_POLL_SECONDS + 15))
                .build();
        OkHttpTelegramClient client = new OkHttpTelegramClient(http, settings.telegramToken(),
                TelegramGateway.telegramUrl(settings.telegramApiUrl()));
        poller = new Thread(() -> poll(client), "promobot-polling");
        poller.setDaemon(true);
        poller.start();
        LOG.info("Long polling started");
    }

    private void poll(OkHttpTelegramClient client) {
        OptionalLong lastStored = OptionalLong.empty();
        Duration pause = FIRST_PAUSE;
        while (!stopping) {
            try {
                if (lastStored.isEmpty()) {
                    lastStored = OptionalLong.of(inbox.lastUpdateId().orElse(0L));
                }
                // Offset 0 (nothing stored yet) asks for every update Telegram still holds.
                long offset = lastStored.getAsLong() == 0 ? 0 : lastStored.getAsLong() + 1;
                List<ObjectNode> updates = client.execute(new GetRawUpdates(offset, LIMIT, LONG_POLL_SECONDS, UPDATES));
                List<ObjectNode> batch = new ArrayList<>();
                for (ObjectNode update : updates) {
                    if (update.path("update_id").canConvertToLong()) {
                        batch.add(update);
                    } else {
                        LOG.warnf("Long polling: Telegram sent an update without an update_id; skipped");
                    }
                }
                if (!batch.isEmpty()) {
                    processor.receiveAll(batch);
                    long newest = batch.stream().mapToLong(update -> update.path("update_id").asLong()).max()
                            .getAsLong();
                    lastStored = OptionalLong.of(Math.max(lastStored.getAsLong(), newest));
                }
                health.polled();
                pause = FIRST_PAUSE;
            } catch (TelegramApiRequestException e) {
                metrics.telegramError("getUpdates", TelegramMetrics.kindOf(e.getErrorCode()));
                pause = failed(describe(e), pause);
            } catch (TelegramApiException | RuntimeException e) {
                if (stopping) {
                    return; // the in-flight poll was cancelled on purpose
                }
                if (e instanceof TelegramApiException) {
                    metrics.telegramError("getUpdates", TelegramMetrics.kindOf(null)); // not a storage failure
                }
                pause = failed(e.getClass().getSimpleName() + ": " + e.getMessage(), pause);
            }
        }
    }

    private static String describe(TelegramApiRequestException e) {
        Integer code = e.getErrorCode();
        if (code != null && code == 401) {
            return "Telegram refused promobot.telegram.token (401 Unauthorized); check the token";
        }
        if (code != null && code == 409) {
            return "Telegram answered 409 Conflict: another getUpdates with this token, or a webhook, is active";
        }
        return "Telegram answered " + (code == null ? "" : code + " ") + e.getApiResponse();
    }

    /** Logs the failure, tells the health check, waits, and returns the next, longer pause. */
    private Duration failed(String problem, Duration pause) {
        health.failed(problem);
        LOG.warnf("Long polling: %s; polling again in %s s", problem, pause.toSeconds());
        try {
            TimeUnit.MILLISECONDS.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
        Duration next = pause.multipliedBy(2);
        return next.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : next;
    }

    /**
     * Ends the getUpdates in flight now: left to run, it would stay open until Telegram's timeout, and Telegram
     * would end it with 409 Conflict when the next instance polls.
     */
    synchronized void stop() {
        stopping = true;
        Thread thread = poller;
        if (thread == null) {
            return;
        }
        thread.interrupt();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try {
            do {
                http.dispatcher().cancelAll();
                thread.join(50);
            } while (thread.isAlive() && System.nanoTime() < deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        http.dispatcher().executorService().shutdownNow();
        http.connectionPool().evictAll();
    }
}
