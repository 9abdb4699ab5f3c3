package dev.promobot.chat;

import dev.promobot.promotion.Origin;
import dev.promobot.promotion.Refusal;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Role;
import dev.promobot.telegram.Html;
import dev.promobot.telegram.Messages;
import dev.promobot.telegram.Outbox;
import io.quarkus.qute.TemplateInstance;

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

    /** The same command with other arguments: what follows a service named first. */
    public CommandContext withArgs(List<String> others) {
        return new CommandContext(chatId, messageId, userId, userName, role, commandName, others, text, inTeamChat,
                replyToMessageId, outbox);
    }

    public Optional<String> arg(int index) {
        return index < args.size() ? Optional.of(args.get(index)) : Optional.empty();
    }

    /** The arguments from {@code index} on, joined by spaces (a reason, say); empty when there are none. */
    public String rest(int index) {
        return String.join(" ", args.subList(Math.min(index, args.size()), args.size()));
    }

    /** The caller as the rule engine sees them. */
    public Actor actor() {
        return new Actor(userId, userName, role, inTeamChat);
    }

    /** Where the command came from, for the use case's audit-trail row and answers. */
    public Origin origin() {
        return new Origin(chatId, messageId, commandName, text);
    }

    /** Answers the command as a reply to it; returns the outbox id, for a later edit. */
    public long reply(String html) {
        return outbox.send(chatId, html, Optional.of(messageId), Optional.empty());
    }

    /** Answers with plain text, escaped. */
    public long replyText(String text) {
        return reply(Html.escape(text));
    }

    /** Every reason the rules gave, one per line under a heading ("Not promoted to staging"). */
    public void replyRefusal(String heading, Refusal refusal) {
        reply(Messages.render(new refusal(heading, sentences(refusal))));
    }

    /** The rules' reasons in one line. */
    public void replyRefusal(Refusal refusal) {
        reply(Messages.render(new oneLineRefusal(sentences(refusal))));
    }

    private static List<String> sentences(Refusal refusal) {
        return refusal.reasons().stream().map(Reason::sentence).toList();
    }

    /** templates/CommandContext/refusal.html */
    record refusal(String heading, List<String> reasons) implements TemplateInstance {
    }

    /** templates/CommandContext/oneLineRefusal.html */
    record oneLineRefusal(List<String> reasons) implements TemplateInstance {
    }
}
