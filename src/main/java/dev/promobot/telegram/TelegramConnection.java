package dev.promobot.telegram;

import dev.promobot.config.Settings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Connects to Telegram at start-up without holding start-up up: learns the bot's username (getMe), registers the
 * command menu (setMyCommands), processes updates a crash left in the inbox, and in long-polling mode starts
 * {@link LongPolling}.
 */
@ApplicationScoped
public class TelegramConnection {

    private static final Logger LOG = Logger.getLogger(TelegramConnection.class);

    private final Settings settings;
    private final TelegramGateway telegram;
    private final BotIdentity bot;
    private final UpdateProcessor processor;
    private final CommandMenu menu;
    private final LongPolling polling;
    private ScheduledExecutorService executor;
    private volatile boolean stopping;

    TelegramConnection(Settings settings, TelegramGateway telegram, BotIdentity bot, UpdateProcessor processor,
                       CommandMenu menu, LongPolling polling) {
        this.settings = settings;
        this.telegram = telegram;
        this.bot = bot;
        this.processor = processor;
        this.menu = menu;
        this.polling = polling;
    }

    void start(@Observes @Priority(10) StartupEvent event) {
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
                polling.start();
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

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        polling.stop();
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
