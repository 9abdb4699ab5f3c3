package dev.promobot.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promobot.store.Replica;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Works through the inbox, one claimed update at a time. Receivers only store and {@link #wake()} it, so Telegram
 * is answered fast and a slow command never loses an update.
 *
 * <p>Processing an update is one transaction: every state change, audit row and outbox message of the command
 * commits together with the update's "processed" mark, or none of them does. A deployment it starts is recorded
 * in that transaction and launched only after it commits, so a rolled-back attempt starts nothing. A failed attempt
 * is retried after a pause, and given up (marked with its error) after {@value #GIVE_UP_AFTER} attempts, so a
 * poison update cannot hold its chat up for good.
 */
@ApplicationScoped
public class UpdateProcessor {

    private static final Logger LOG = Logger.getLogger(UpdateProcessor.class);
    /** How long a claim lasts without renewal; a dead replica's updates are taken over after it. */
    static final Duration CLAIM = Duration.ofSeconds(30);
    private static final Duration RENEW_EVERY = CLAIM.dividedBy(3);
    static final int GIVE_UP_AFTER = 3;
    /** A command may read AWS and GitHub; the lifecycle audit of a large repository takes a while. */
    private static final int TRANSACTION_SECONDS = 300;
    private static final List<String> CHAT_PATHS = List.of("/message/chat/id", "/edited_message/chat/id",
            "/callback_query/message/chat/id", "/channel_post/chat/id", "/edited_channel_post/chat/id",
            "/my_chat_member/chat/id", "/chat_member/chat/id");

    private final Inbox inbox;
    private final UpdateHandler handler;
    private final ObjectMapper json;
    private final Replica replica;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "promobot-inbox");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "promobot-inbox-claims");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();

    /** @param json Quarkus's mapper, which skips Bot API fields newer than TelegramBots knows */
    UpdateProcessor(Inbox inbox, UpdateHandler handler, Replica replica, ObjectMapper json) {
        this.inbox = inbox;
        this.handler = handler;
        this.json = json;
        this.replica = replica;
    }

    /**
     * Stores one update (a webhook call); false for a duplicate.
     *
     * @param update  the update as read by the caller, which has checked its update_id
     * @param payload the same update as it arrived, which is what is stored
     */
    public boolean receive(JsonNode update, String payload) {
        boolean stored = inbox.store(update.path("update_id").asLong(), chatOf(update), payload);
        if (stored) {
            wake();
        }
        return stored;
    }

    /**
     * Stores a getUpdates batch, each update as Telegram sent it, in one transaction (one commit for up to a hundred
     * updates, however many a burst holds); returns how many were new.
     */
    public int receiveAll(List<ObjectNode> updates) {
        int stored = inbox.storeAll(updates.stream().map(update -> new Inbox.Arrived(update.path("update_id").asLong(),
                chatOf(update), update.toString())).toList());
        if (stored > 0) {
            wake();
        }
        return stored;
    }

    private static Optional<Long> chatOf(JsonNode update) {
        return CHAT_PATHS.stream().map(update::at).filter(JsonNode::canConvertToLong).findFirst()
                .map(JsonNode::asLong);
    }

    /** Processes whatever is unprocessed and unclaimed, including rows left by a crash; cheap to call often. */
    public void wake() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                drain();
            });
        }
    }

    /** Picks up updates whose claim ran out (their replica died) or whose retry is due, without new traffic. */
    @Scheduled(identity = "inbox-sweep", every = "10s", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        wake();
    }

    private void drain() {
        try {
            Optional<Inbox.StoredUpdate> next;
            while ((next = inbox.claimNext(replica.id(), CLAIM)).isPresent()) {
                // Every line logged while it is processed (AWS calls, deployments it starts) names the update.
                MDC.put("update", String.valueOf(next.get().updateId()));
                try {
                    process(next.get());
                } finally {
                    MDC.remove("update");
                }
            }
        } catch (RuntimeException e) {
            // The database is unavailable; the rows stay unprocessed and the next wake-up or sweep retries them.
            LOG.errorf("The inbox could not be read (%s); retrying at the next sweep", e.getMessage());
        }
    }

    private void process(Inbox.StoredUpdate stored) {
        long id = stored.updateId();
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(id), RENEW_EVERY.toMillis(),
                RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        Optional<Update> parsed = Optional.empty();
        try {
            Optional<Update> readable = read(stored);
            if (readable.isEmpty()) {
                return;
            }
            Update update = readable.get();
            parsed = readable;
            boolean processed = QuarkusTransaction.requiringNew().timeout(TRANSACTION_SECONDS).call(() -> {
                String outcome = handler.handle(update);
                if (!inbox.markProcessed(id, outcome)) {
                    // Another replica took the claim over and finished first: its effects stand, not ours.
                    QuarkusTransaction.setRollbackOnly();
                    return false;
                }
                return true;
            });
            if (!processed) {
                LOG.warnf("Update %d was processed by another replica meanwhile; this attempt was rolled back", id);
            }
        } catch (Exception e) {
            failed(stored, parsed, e);
        } finally {
            renewal.cancel(false);
        }
    }

    /**
     * The update as TelegramBots reads it; empty when it cannot be read, and then it is set aside at once, marked
     * processed, since trying again cannot help and would only hold its chat up.
     */
    private Optional<Update> read(Inbox.StoredUpdate stored) {
        try {
            return Optional.of(json.readValue(stored.payload(), Update.class));
        } catch (JsonProcessingException e) {
            LOG.warnf("Update %d cannot be read (%s); set aside without acting on it", stored.updateId(),
                    e.getOriginalMessage());
            QuarkusTransaction.requiringNew().run(() -> inbox.markProcessed(stored.updateId(), "ignored: unreadable"));
            return Optional.empty();
        }
    }

    private void renew(long updateId) {
        try {
            if (!inbox.renew(updateId, replica.id(), CLAIM)) {
                LOG.warnf("Update %d: the claim on it was lost while it was being processed", updateId);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Update %d: the claim could not be renewed (%s)", updateId, e.getMessage());
        }
    }

    /** The attempt's effects were rolled back: try again after a pause, or give the update up. */
    private void failed(Inbox.StoredUpdate stored, Optional<Update> update, Exception e) {
        int attempts = stored.attempts() + 1;
        try {
            if (attempts >= GIVE_UP_AFTER) {
                // The chat and the audit trail get only this reference; the detail stays in the log.
                String reference = "E" + Long.toString(stored.updateId(), 36).toUpperCase(Locale.ROOT)
                        + "-" + attempts;
                LOG.errorf(e, "Update %d could not be processed (attempt %d); given up, reference %s",
                        stored.updateId(), attempts, reference);
                QuarkusTransaction.requiringNew().run(() -> {
                    if (inbox.giveUp(stored.updateId(), replica.id(), "error " + reference)) {
                        update.ifPresent(given -> handler.gaveUp(given, reference));
                    }
                });
            } else {
                Duration pause = Duration.ofSeconds(2L << attempts);
                LOG.warnf("Update %d could not be processed (attempt %d: %s); nothing of it was kept, retrying in "
                        + "%d s", stored.updateId(), attempts, e.getMessage(), pause.toSeconds());
                inbox.attemptFailed(stored.updateId(), replica.id(), pause);
            }
        } catch (RuntimeException unrecorded) {
            // The database is away: the claim runs out and the update is taken again, attempt uncounted.
            LOG.warnf("Update %d: the failed attempt could not be recorded (%s)", stored.updateId(),
                    unrecorded.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        renewals.shutdownNow();
    }
}
