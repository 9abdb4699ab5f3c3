package dev.promobot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bot's pending updates and the one long poll Telegram lets it hold. Semantics follow
 * tdlib/telegram-bot-api: a call with an offset forgets every earlier update; a getUpdates that
 * has to wait terminates the poll already waiting with 409, so the newer poller wins.
 */
final class UpdateQueue {

    static final String CONFLICT =
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

    /** What Telegram sends when allowed_updates was never given (or given empty). */
    private static final Set<String> NOT_SENT_BY_DEFAULT =
            Set.of("chat_member", "message_reaction", "message_reaction_count");

    private final ReentrantLock lock;
    private final Condition changed;
    private final ObjectMapper json;
    private final List<ObjectNode> pending = new ArrayList<>();
    private long nextUpdateId = 1;
    private Set<String> allowedUpdates = Set.of();
    private WaitingPoll waiting;
    private int conflicts;
    private boolean closed;

    UpdateQueue(ReentrantLock lock, ObjectMapper json) {
        this.lock = lock;
        this.changed = lock.newCondition();
        this.json = json;
    }

    /** Caller holds the lock. */
    long enqueue(String type, JsonNode payload) {
        long id = nextUpdateId++;
        ObjectNode update = json.createObjectNode();
        update.put("update_id", id);
        update.set(type, payload);
        pending.add(update);
        changed.signalAll();
        return id;
    }

    /** Blocks on the shared lock's condition while waiting, so other callers proceed meanwhile. */
    List<ObjectNode> getUpdates(long offset, int limit, int timeoutSeconds, List<String> allowed)
            throws InterruptedException {
        lock.lock();
        try {
            if (allowed != null) {
                allowedUpdates = Set.copyOf(allowed);
            }
            confirm(offset);
            List<ObjectNode> ready = deliverable(limit);
            if (!ready.isEmpty() || timeoutSeconds <= 0 || closed) {
                return ready;
            }
            if (waiting != null) {
                waiting.terminated = true;
                conflicts++;
                changed.signalAll();
            }
            WaitingPoll self = new WaitingPoll();
            waiting = self;
            try {
                long remaining = TimeUnit.SECONDS.toNanos(timeoutSeconds);
                while (true) {
                    if (self.terminated) {
                        throw new BotApiException(409, CONFLICT);
                    }
                    ready = deliverable(limit);
                    if (!ready.isEmpty() || closed || self.released || remaining <= 0) {
                        return ready;
                    }
                    remaining = changed.awaitNanos(remaining);
                }
            } finally {
                if (waiting == self) {
                    waiting = null;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void confirm(long offset) {
        if (offset > 0) {
            pending.removeIf(update -> update.get("update_id").asLong() < offset);
        } else if (offset < 0 && pending.size() > -offset) {
            pending.subList(0, pending.size() - (int) -offset).clear();
        }
    }

    private List<ObjectNode> deliverable(int limit) {
        List<ObjectNode> ready = new ArrayList<>();
        Iterator<ObjectNode> updates = pending.iterator();
        while (updates.hasNext() && ready.size() < limit) {
            ObjectNode update = updates.next();
            if (allowed(update)) {
                ready.add(update);
            }
        }
        return ready;
    }

    private boolean allowed(ObjectNode update) {
        String type = typeOf(update);
        return allowedUpdates.isEmpty() ? !NOT_SENT_BY_DEFAULT.contains(type) : allowedUpdates.contains(type);
    }

    static String typeOf(JsonNode update) {
        Iterator<String> names = update.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("update_id")) {
                return name;
            }
        }
        return "";
    }

    /** Caller holds the lock. */
    int pendingCount() {
        return pending.size();
    }

    /** Caller holds the lock. */
    boolean pollWaiting() {
        return waiting != null;
    }

    /** Caller holds the lock. */
    int conflicts() {
        return conflicts;
    }

    /** Update ids keep growing across a reset so a running poller's offset stays valid. Caller holds the lock. */
    void clear() {
        pending.clear();
        allowedUpdates = Set.of();
        conflicts = 0;
        if (waiting != null) {
            waiting.released = true;
        }
        changed.signalAll();
    }

    /** Caller holds the lock. */
    void close() {
        closed = true;
        changed.signalAll();
    }

    private static final class WaitingPoll {
        boolean terminated;
        boolean released;
    }
}
