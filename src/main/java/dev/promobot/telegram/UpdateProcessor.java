package dev.promobot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.store.Replica;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Works through the inbox in update order on one thread: parse, route, mark processed. Receivers only store and
 * {@link #wake()} it, so Telegram is answered fast and a slow command never loses an update.
 */
@ApplicationScoped
public class UpdateProcessor {

    private static final Logger LOG = Logger.getLogger(UpdateProcessor.class);

    private final Inbox inbox;
    private final UpdateHandler handler;
    private final ObjectMapper json;
    private final Replica replica;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "promobot-inbox");
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

    /** Stores an update as it arrived (long polling or webhook); false for a duplicate. */
    public boolean receive(long updateId, String payload) {
        boolean stored = inbox.store(updateId, payload);
        if (stored) {
            wake();
        }
        return stored;
    }

    /** Processes whatever is unprocessed, including rows left by a crash; cheap to call often. */
    public void wake() {
        if (pending.compareAndSet(false, true)) {
            executor.execute(() -> {
                pending.set(false);
                drain();
            });
        }
    }

    private void drain() {
        try {
            List<Inbox.StoredUpdate> batch;
            do {
                batch = inbox.unprocessed(50, replica.id());
                for (Inbox.StoredUpdate stored : batch) {
                    // Another replica may be working through the same inbox; one of us takes each update.
                    if (replica.claim("inbox", "update_id", stored.updateId())) {
                        inbox.markProcessed(stored.updateId(), process(stored));
                    }
                }
            } while (!batch.isEmpty());
        } catch (RuntimeException e) {
            // The database is unavailable; the rows stay unprocessed and the next wake-up retries them.
            LOG.error("The inbox could not be processed", e);
        }
    }

    private String process(Inbox.StoredUpdate stored) {
        try {
            return handler.handle(json.readValue(stored.payload(), Update.class));
        } catch (Exception e) {
            // A poison update must not block the ones behind it: record the failure and move on.
            LOG.errorf(e, "Update %d could not be processed", stored.updateId());
            return "error: " + e.getClass().getSimpleName();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }
}
