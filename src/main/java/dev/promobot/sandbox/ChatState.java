package dev.promobot.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** One chat: its kind, its messages in order, and the message id counter they share. Guarded by the stand-in's lock. */
final class ChatState {

    final long id;
    final String type;
    final String title;
    final Optional<User> privatePeer;
    final String chatInstance;
    private final Map<Long, StoredMessage> messages = new LinkedHashMap<>();
    /** The chat's pinned messages, oldest pin first. */
    final java.util.LinkedHashSet<Long> pinned = new java.util.LinkedHashSet<>();
    /** Whether the bot is an administrator here with the right to pin; a test or the sandbox may take it away. */
    boolean botMayPin = true;
    private long lastMessageId;
    /** When the bot's messages of the last minute were sent, for Telegram's limit on groups. */
    private final ArrayDeque<Instant> botSends = new ArrayDeque<>();

    ChatState(long id, String type, String title, Optional<User> privatePeer) {
        this.id = id;
        this.type = type;
        this.title = title;
        this.privatePeer = privatePeer;
        // Telegram gives each chat an opaque, stable chat_instance for callback queries.
        this.chatInstance = Long.toUnsignedString(Long.rotateLeft(id * 0x9E3779B97F4A7C15L, 17));
    }

    /**
     * Bot API FAQ, "My bot is hitting limits, how do I avoid this?": "your bot will not be able to send more than 20
     * messages per minute to the same group". Empty when the bot may send now; otherwise the seconds until it may.
     */
    OptionalInt groupLimitRetryAfter(Instant now) {
        if (!type.equals("group") && !type.equals("supergroup")) {
            return OptionalInt.empty();
        }
        while (!botSends.isEmpty() && !botSends.peekFirst().isAfter(now.minusSeconds(60))) {
            botSends.pollFirst();
        }
        if (botSends.size() < GROUP_MESSAGES_PER_MINUTE) {
            return OptionalInt.empty();
        }
        long millis = Duration.between(now, botSends.peekFirst().plusSeconds(60)).toMillis();
        return OptionalInt.of((int) Math.max(1, (millis + 999) / 1000));
    }

    void botSent(Instant at) {
        botSends.addLast(at);
    }

    static final int GROUP_MESSAGES_PER_MINUTE = 20;

    long nextMessageId() {
        return ++lastMessageId;
    }

    void add(StoredMessage message) {
        messages.put(message.messageId, message);
    }

    Optional<StoredMessage> message(long messageId) {
        return Optional.ofNullable(messages.get(messageId));
    }

    List<StoredMessage> messages() {
        return new ArrayList<>(messages.values());
    }

    boolean isGroup() {
        return !type.equals("private");
    }
}
