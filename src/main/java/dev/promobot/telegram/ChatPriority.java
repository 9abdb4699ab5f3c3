package dev.promobot.telegram;

import dev.promobot.config.Settings;

import java.util.Optional;

/**
 * Whose traffic goes first when updates or messages pile up: the team's chats and channel, then private chats of
 * people with a role, then everyone else. Stored with each inbox and outbox row, so every replica takes the team's
 * work first and no outside backlog holds it back; within a chat, order is kept whatever the priority.
 */
final class ChatPriority {

    static final int TEAM = 0;
    static final int ROLE_HOLDER = 1;
    static final int OUTSIDE = 2;

    private ChatPriority() {
    }

    /** @param chatId empty for an update that belongs to no chat */
    static int of(Settings settings, Optional<Long> chatId) {
        if (chatId.isEmpty()) {
            return OUTSIDE;
        }
        long id = chatId.get();
        if (settings.chats().contains(id) || settings.channel().filter(channel -> channel == id).isPresent()) {
            return TEAM;
        }
        // A private chat's id is its person's user id; groups and channels have negative ids.
        return id > 0 && settings.roleOf(id).isPresent() ? ROLE_HOLDER : OUTSIDE;
    }
}
