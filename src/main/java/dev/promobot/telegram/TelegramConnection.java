package dev.promobot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.config.Settings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import okhttp3.OkHttpClient;
import org.jboss.logging.Logger;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Connects to Telegram at start-up without holding start-up up: learns the bot's username (getMe), registers the
 * command menu (setMyCommands), processes updates a crash left in the inbox, and in long-polling mode starts
 * polling. Shutting down cancels the in-flight getUpdates, so a restarted promobot does not meet a 409 Conflict.
 */
@ApplicationScoped
public class TelegramConnection {

    private static final Logger LOG = Logger.getLogger(TelegramConnection.class);
    /** Seconds Telegram holds a getUpdates open when there is nothing to deliver. */
    static final int LONG_POLL_SECONDS = 30;
    private static final List<String> UPDATES = List.of("message", "edited_message", "callback_query");

    private final Settings settings;
    private final TelegramGateway telegram;
    private final BotIdentity bot;
    private final UpdateProcessor processor;
    private final CommandMenu menu;
    private final ObjectMapper json;
    private ScheduledExecutorService executor;
    private ScheduledExecutorService pollingExecutor;
    private OkHttpClient pollingHttp;
    private TelegramBotsLongPollingApplication polling;
    private volatile boolean stopping;

    TelegramConnection(Settings settings, TelegramGateway telegram, BotIdentity bot, UpdateProcessor processor,
                       CommandMenu menu, ObjectMapper json) {
        this.settings = settings;
        this.telegram = telegram;
        this.bot = bot;
        this.processor = processor;
        this.menu = menu;
        this.json = json;
    }

    void start(@Observes @Priority(10) StartupEvent event) {
        PollingShutdownFilter.stopping(false);
        executor = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "promobot-telegram");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(() -> connect(Duration.ofSeconds(1)));
    }

    private void connect(Duration retryIn) {
        if (stopping) {
            return;
        }
        try {
            User me = telegram.execute(new GetMe());
            bot.learnt(me.getUserName());
            LOG.infof("Connected to Telegram as @%s", me.getUserName());
            optional("register the command menu", () -> telegram.execute(SetMyCommands.builder()
                    .commands(menu.commands()).build()));
            processor.wake();
            if (settings.telegramMode() == Settings.TelegramMode.LONG_POLLING) {
                // Long polling fails while a webhook is set; a Bot API without the method has none to remove.
                optional("remove a webhook", () -> telegram.execute(DeleteWebhook.builder()
                        .dropPendingUpdates(false).build()));
                startPolling();
            }
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() != null && e.getErrorCode() == 401) {
                LOG.errorf("Telegram refused promobot.telegram.token (401 Unauthorized); check the token. "
                        + "Retrying in %s", retryIn);
            } else {
                LOG.warnf("Telegram answered %s; retrying in %s", e.getMessage(), retryIn);
            }
            retry(retryIn);
        } catch (TelegramApiException | RuntimeException e) {
            LOG.warnf("Could not reach Telegram at %s (%s); retrying in %s", settings.telegramApiUrl(),
                    e.getMessage(), retryIn);
            retry(retryIn);
        }
    }

    /** A call promobot can work without: a refusal is logged, not retried. */
    private void optional(String what, TelegramCall call) {
        try {
            call.run();
        } catch (TelegramApiException e) {
            LOG.warnf("Could not %s: %s", what, e.getMessage());
        }
    }

    @FunctionalInterface
    private interface TelegramCall {
        void run() throws TelegramApiException;
    }

    private void retry(Duration after) {
        Duration next = after.multipliedBy(2).compareTo(Duration.ofMinutes(2)) > 0 ? Duration.ofMinutes(2)
                : after.multipliedBy(2);
        if (!stopping) {
            executor.schedule(() -> connect(next), after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void startPolling() throws TelegramApiException {
        // promobot's own client and executor, so shutdown can cancel the in-flight long poll.
        pollingHttp = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(LONG_POLL_SECONDS + 15))
                .build();
        pollingExecutor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "promobot-polling");
            thread.setDaemon(true);
            return thread;
        });
        polling = new TelegramBotsLongPollingApplication(() -> json, () -> pollingHttp,
                () -> pollingExecutor);
        polling.registerBot(settings.telegramToken(), telegram::url, offset -> GetUpdates.builder()
                        .offset(offset).timeout(LONG_POLL_SECONDS).limit(100).allowedUpdates(UPDATES).build(),
                this::consume);
        LOG.info("Long polling started");
    }

    /** Runs before TelegramBots confirms the batch: each update is stored durably before this returns. */
    private void consume(List<Update> updates) {
        for (Update update : updates) {
            try {
                processor.receive(update.getUpdateId(), json.writeValueAsString(update));
            } catch (JsonProcessingException e) {
                LOG.errorf(e, "Update %d could not be stored", update.getUpdateId());
            }
        }
    }

    /**
     * TelegramBots' close() only stops scheduling further polls; the getUpdates in flight stays blocked in a socket
     * read until it times out, and Telegram would end it with 409 Conflict when the next instance polls. Cancelling
     * the OkHttp calls ends it now; repeated until the poller thread is gone, in case a poll was just starting.
     */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        PollingShutdownFilter.stopping(true);
        try {
            if (polling != null) {
                polling.close();
            }
        } catch (Exception e) {
            LOG.debug("Closing long polling", e);
        }
        if (pollingExecutor != null) {
            pollingExecutor.shutdownNow();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            try {
                do {
                    pollingHttp.dispatcher().cancelAll();
                } while (!pollingExecutor.awaitTermination(50, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            pollingHttp.dispatcher().executorService().shutdownNow();
            pollingHttp.connectionPool().evictAll();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
