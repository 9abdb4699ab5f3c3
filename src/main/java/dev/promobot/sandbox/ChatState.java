package dev.promobot.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One chat: its kind, its messages in order, and the message id counter they share. Guarded by the stand-in's lock. */
final class ChatState {

    final long id;
    final String type;
    final String title;
    final Optional<User> privatePeer;
    final String chatInstance;
    private final Map<Long, StoredMessage> messages = new LinkedHashMap<>();
    private long lastMessageId;

    ChatState(long id, String type, String title, Optional<User> privatePeer) {
        this.id = id;
        this.type = type;
        this.title = title;
        this.privatePeer = privatePeer;
        // Telegram gives each chat an opaque, stable chat_instance for callback queries.
        this.chatInstance = Long.toUnsignedString(Long.rotateLeft(id * 0x9E3779B97F4A7C15L, 17));
    }

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
