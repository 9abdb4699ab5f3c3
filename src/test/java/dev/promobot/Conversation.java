package dev.promobot;

import dev.promobot.sandbox.SentMessage;
import dev.promobot.sandbox.User;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A person typing in a chat with promobot, and what promobot answers them. */
public final class Conversation {

    public static final User VIEWER = User.person(StandIns.VIEWER, "Vic", "vic");
    public static final User DEPLOYER = User.person(StandIns.DEPLOYER, "Dana", "dana");
    public static final User APPROVER = User.person(StandIns.APPROVER, "Ari", "ari");
    public static final User SECOND_APPROVER = User.person(StandIns.SECOND_APPROVER, "Bea", "bea");
    public static final User ADMIN = User.person(StandIns.ADMIN, "Ada", "ada");
    public static final User STRANGER = User.person(987654, "Sam", "sam");

    private final long chatId;
    private final String chatType;

    private Conversation(long chatId, String chatType) {
        this.chatId = chatId;
        this.chatType = chatType;
    }

    private static final AtomicInteger NEXT_TEAM_CHAT = new AtomicInteger();

    /** A team chat of its own for the caller (see {@link StandIns#EXTRA_TEAM_CHATS}). */
    public static Conversation team() {
        int next = NEXT_TEAM_CHAT.getAndIncrement() % StandIns.EXTRA_TEAM_CHATS;
        return new Conversation(StandIns.teamChat(next), "supergroup");
    }

    public long chatId() {
        return chatId;
    }

    public static Conversation group(long chatId) {
        return new Conversation(chatId, "group");
    }

    public static Conversation privateWith(User user) {
        return new Conversation(user.id(), "private");
    }

    public SentMessage says(User from, String text) {
        return StandIns.telegram().userSends(chatId, chatType, from, text);
    }

    public SentMessage replies(User from, String text, SentMessage to) {
        return StandIns.telegram().userReplies(chatId, chatType, from, text, to.messageId());
    }

    /** Presses a button of a bot message; returns the callback query id. */
    public String presses(User from, SentMessage message, String callbackData) {
        return StandIns.telegram().userPressesButton(chatId, message.messageId(), from, callbackData);
    }

    /** A bot message as it reads now (after edits), once it satisfies the condition. */
    public SentMessage current(SentMessage message, Predicate<SentMessage> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> StandIns.telegram().message(chatId, message.messageId()).filter(condition),
                        Optional::isPresent).orElseThrow();
    }

    /** The bot's reply to a message, once it has one. */
    public SentMessage replyTo(SentMessage message) {
        return replyTo(message, reply -> true);
    }

    /** The bot's reply to a message, once it satisfies the condition (e.g. once a progress message is edited). */
    public SentMessage replyTo(SentMessage message, Predicate<SentMessage> condition) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> reply(message).filter(condition), Optional::isPresent).orElseThrow();
    }

    public Optional<SentMessage> reply(SentMessage message) {
        return botMessages().stream()
                .filter(reply -> reply.replyToMessageId().equals(Optional.of(message.messageId()))).findFirst();
    }

    public List<SentMessage> botMessages() {
        return StandIns.telegram().botMessages(chatId);
    }
}
