package dev.promobot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.store.Replica;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.pinnedmessages.PinChatMessage;
import org.telegram.telegrambots.meta.api.methods.pinnedmessages.UnpinChatMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbox, on every replica, from what the database says: each chat's messages in order (see
 * {@link Outbox#due}), within Telegram's limits as counted by every replica together, waiting out a 429's
 * retry_after for that chat, retrying network failures with growing pauses, and marking every message sent as
 * soon as Telegram has taken it, so it is not sent again. Of several pending edits of one message only the newest
 * is sent.
 */
@ApplicationScoped
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);
    private static final Duration TICK = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** Long enough for one send; a replica that dies mid-send leaves its message to another after it. */
    private static final Duration CLAIM = Duration.ofSeconds(60);
    /** Telegram's overall limit: about 30 messages a second, for the bot as a whole. */
    static final int OVERALL_PER_SECOND = 30;

    private final Outbox outbox;
    private final TelegramGateway telegram;
    private final Replica replica;
    private final ObjectMapper json;
    private final TelegramMetrics metrics;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean stopping;
    private ScheduledExecutorService executor;

    OutboxSender(Outbox outbox, TelegramGateway telegram, Replica replica, ObjectMapper json,
                 TelegramMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
        this.outbox = outbox;
        this.telegram = telegram;
        this.replica = replica;
    }

    void start(@Observes StartupEvent event) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "promobot-outbox");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::drain, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        outbox.onQueued(this::wake);
    }

    /**
     * Lets a send in flight finish and be marked sent before stopping: interrupted between Telegram's answer and
     * the mark, the message would be claimed but unmarked, sent again by the next replica once its claim ran out,
     * and its chat's later messages would wait that long.
     */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Something was queued: send it now rather than at the next tick. */
    void wake() {
        if (executor != null && !stopping && scheduled.compareAndSet(false, true)) {
            executor.execute(() -> {
                scheduled.set(false);
                drain();
            });
        }
    }

    private void drain() {
        try {
            for (Outbox.Pending message : outbox.due(OVERALL_PER_SECOND)) {
                if (stopping) {
                    return; // what is left goes out from the next replica, in order
                }
                // With several replicas, the one that claims a message sends it; the others skip it.
                if (!outbox.claim(message.id(), replica.id(), CLAIM)) {
                    continue;
                }
                if (message.isEdit() && outbox.supersededByLaterEdit(message)) {
                    outbox.markAbandoned(message.id(), "superseded by a later edit of the same message");
                    continue;
                }
                send(message);
            }
        } catch (RuntimeException e) {
            LOG.errorf("The outbox could not be read (%s); retrying", e.getMessage());
        }
    }

    private void send(Outbox.Pending message) {
        try {
            if (message.isPin()) {
                pin(message);
            } else if (message.isEdit()) {
                if (message.editMessageId().isEmpty()) {
                    outbox.markAbandoned(message.id(), "the message to edit was never sent");
                    return;
                }
                Serializable result = telegram.execute(edit(message));
                outbox.markSent(message.id(), result instanceof Message sent
                        ? Optional.of(sent.getMessageId().longValue()) : message.editMessageId());
            } else {
                Message sent = telegram.execute(sendMessage(message));
                outbox.markSent(message.id(), Optional.of(sent.getMessageId().longValue()));
            }
        } catch (TelegramApiRequestException e) {
            handleRefusal(message, e);
        } catch (TelegramApiException | RuntimeException e) {
            metrics.telegramError(method(message), TelegramMetrics.kindOf(null));
            Duration backoff = backoff(message.attempts());
            LOG.warnf("Sending outbox message %d to chat %d failed (%s); retrying in %s", message.id(),
                    message.chatId(), e.getMessage(), backoff);
            outbox.retryAfter(message.id(), backoff, String.valueOf(e.getMessage()));
        }
    }

    /** Pins or unpins a message promobot sent; Telegram answers True. */
    private void pin(Outbox.Pending message) throws TelegramApiException {
        if (message.editMessageId().isEmpty()) {
            outbox.markAbandoned(message.id(), "the message to " + message.pin().orElseThrow() + " was never sent");
            return;
        }
        int messageId = message.editMessageId().get().intValue();
        if (message.pin().filter("pin"::equals).isPresent()) {
            telegram.execute(PinChatMessage.builder().chatId(message.chatId()).messageId(messageId)
                    .disableNotification(false).build());
        } else {
            telegram.execute(UnpinChatMessage.builder().chatId(message.chatId()).messageId(messageId).build());
        }
        outbox.markSent(message.id(), message.editMessageId());
    }

    private void handleRefusal(Outbox.Pending message, TelegramApiRequestException e) {
        Integer code = e.getErrorCode();
        if (message.isPin() && code != null && code >= 400 && code < 500 && code != 429) {
            // Pinning is a courtesy: where the bot is not an admin allowed to pin, the announcement still stands.
            LOG.warnf("Telegram refused to %s message %s in chat %d (%s); left as it is", message.pin().get(),
                    message.editMessageId().orElse(0L), message.chatId(), e.getApiResponse());
            outbox.markAbandoned(message.id(), code + ": " + e.getApiResponse());
            return;
        }
        if (code == null || !(code == 400 && String.valueOf(e.getApiResponse()).contains("not modified"))) {
            metrics.telegramError(method(message), TelegramMetrics.kindOf(code));
        }
        if (code != null && code == 429) {
            int seconds = e.getParameters() != null && e.getParameters().getRetryAfter() != null
                    ? e.getParameters().getRetryAfter() : 5;
            // The chat's first message waits, and every later one with it, on every replica.
            LOG.infof("Telegram asked to wait %d s before writing to chat %d again", seconds, message.chatId());
            outbox.retryAfter(message.id(), Duration.ofSeconds(seconds), "429: retry after " + seconds + " s");
        } else if (code != null && code == 400 && String.valueOf(e.getApiResponse()).contains("not modified")) {
            outbox.markSent(message.id(), message.editMessageId());
        } else if (code != null && code >= 400 && code < 500) {
            LOG.errorf("Telegram refused outbox message %d to chat %d for good: %s", message.id(), message.chatId(),
                    e.getApiResponse());
            outbox.markAbandoned(message.id(), code + ": " + e.getApiResponse());
        } else {
            Duration backoff = backoff(message.attempts());
            LOG.warnf("Telegram failed outbox message %d (%s); retrying in %s", message.id(), e.getMessage(), backoff);
            outbox.retryAfter(message.id(), backoff, String.valueOf(e.getMessage()));
        }
    }

    private static String method(Outbox.Pending message) {
        if (message.isPin()) {
            return message.pin().get() + "ChatMessage";
        }
        return message.isEdit() ? "editMessageText" : "sendMessage";
    }

    private static Duration backoff(int attempts) {
        Duration pause = Duration.ofSeconds(1L << Math.min(attempts, 8));
        return pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause;
    }

    private SendMessage sendMessage(Outbox.Pending message) {
        SendMessage.SendMessageBuilder<?, ?> send = SendMessage.builder()
                .chatId(message.chatId())
                .text(message.text())
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        message.replyToMessageId().ifPresent(id -> send.replyParameters(ReplyParameters.builder()
                .messageId(id.intValue()).allowSendingWithoutReply(true).build()));
        markup(message).ifPresent(send::replyMarkup);
        return send.build();
    }

    private EditMessageText edit(Outbox.Pending message) {
        EditMessageText.EditMessageTextBuilder<?, ?> edit = EditMessageText.builder()
                .chatId(message.chatId())
                .messageId(message.editMessageId().orElseThrow().intValue())
                .text(message.text())
                .parseMode(ParseMode.HTML)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        markup(message).ifPresent(edit::replyMarkup);
        return edit.build();
    }

    private Optional<InlineKeyboardMarkup> markup(Outbox.Pending message) {
        return message.replyMarkup().map(text -> {
            try {
                return json.readValue(text, InlineKeyboardMarkup.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable reply markup in outbox message " + message.id(), e);
            }
        });
    }
}
