package dev.promobot.chat;

import dev.promobot.promotion.AuditTrail;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Role;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One command as received: who sent it, where, with which arguments, and a way to answer it.
 *
 * @param inTeamChat whether the chat is one of the configured team chats (a private chat is not)
 */
public record CommandContext(long chatId, long messageId, long userId, String userName, Optional<Role> role,
                             String commandName, List<String> args, String text, boolean inTeamChat,
                             Optional<Long> replyToMessageId, Outbox outbox, AuditTrail audit) {

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

    /** Writes this command to the audit trail with what came of it. */
    public void record(Optional<String> environment, String outcome, String detail) {
        audit.record(Optional.of(userId), userName, Optional.of(chatId), commandName, text, environment, outcome,
                detail);
    }

    /** Answers with one short refusal and records it. */
    public void refuse(Optional<String> environment, String sentence) {
        reply("⛔ " + Html.escape(sentence));
        record(environment, "refused", sentence);
    }

    /** Answers with every reason the rules gave, one per line, and records the refusal. */
    public void refuse(String heading, Optional<String> environment, List<Reason> reasons) {
        reply("⛔ " + heading + ":\n" + reasons.stream().map(reason -> "• " + Html.escape(reason.sentence()))
                .collect(Collectors.joining("\n")));
        record(environment, "refused", reasons.stream().map(Reason::sentence).collect(Collectors.joining("; ")));
    }

    /** Replaces the text of an earlier reply, e.g. a progress message with the outcome. */
    public void edit(long outboxId, String html) {
        outbox.edit(outboxId, chatId, html, Optional.empty());
    }
}
