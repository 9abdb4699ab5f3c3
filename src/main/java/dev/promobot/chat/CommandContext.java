package dev.promobot.chat;

import dev.promobot.rules.Actor;
import dev.promobot.rules.Role;

import java.util.List;
import java.util.Optional;

/**
 * One command as received: who sent it, where, with which arguments, and a way to answer it.
 *
 * @param inTeamChat whether the chat is one of the configured team chats (a private chat is not)
 */
public record CommandContext(long chatId, long messageId, long userId, String userName, Optional<Role> role,
                             String commandName, List<String> args, String text, boolean inTeamChat,
                             Optional<Long> replyToMessageId, Outbox outbox) {

    public CommandContext {
        args = List.copyOf(args);
    }

    public Optional<String> arg(int index) {
        return index < args.size() ? Optional.of(args.get(index)) : Optional.empty();
    }

    /** The caller as the rule engine sees them. */
    public Actor actor() {
        return new Actor(userId, userName, role, inTeamChat);
    }

    /** Answers the command as a reply to it; returns the outbox id, for a later edit. */
    public long reply(String html) {
        return outbox.send(chatId, html, Optional.of(messageId), Optional.empty());
    }

    /** Replaces the text of an earlier reply, e.g. a progress message with the outcome. */
    public void edit(long outboxId, String html) {
        outbox.edit(outboxId, chatId, html, Optional.empty());
    }
}
