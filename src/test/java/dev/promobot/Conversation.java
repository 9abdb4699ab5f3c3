package dev.promobot;

import dev.promobot.Cast.Person;
import dev.promobot.sandbox.SentMessage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A person of the {@link Cast} typing in a chat with promobot, and what promobot answers them. */
public final class Conversation {

    private final long chatId;
    private final String chatType;

    private Conversation(long chatId, String chatType) {
        this.chatId = chatId;
        this.chatType = chatType;
    }

    private static final AtomicInteger NEXT_TEAM_CHAT = new AtomicInteger();

    /** A team chat of its own for the caller (see {@link Cast#EXTRA_TEAM_CHATS}). */
    public static Conversation team() {
        int next = NEXT_TEAM_CHAT.getAndIncrement() % Cast.EXTRA_TEAM_CHATS;
        return new Conversation(Cast.teamChat(next), "supergroup");
    }

    public long chatId() {
        return chatId;
    }

    /** The supergroup {@link Cast#FUZZ_TEAM_CHAT}, for tests that need a team chat known by its id. */
    public static Conversation fuzzTeamChat() {
        return new Conversation(Cast.FUZZ_TEAM_CHAT, "supergroup");
    }

    public static Conversation group(long chatId) {
        return new Conversation(chatId, "group");
    }

    public static Conversation privateWith(Person person) {
        return new Conversation(person.id(), "private");
    }

    public SentMessage says(Person from, String text) {
        return StandIns.telegram().userSends(chatId, chatType, from.user(), text);
    }

    public SentMessage replies(Person from, String text, SentMessage to) {
        return StandIns.telegram().userReplies(chatId, chatType, from.user(), text, to.messageId());
    }

    /** Presses a button of a bot message; returns the callback query id. */
    public String presses(Person from, SentMessage message, String callbackData) {
        return StandIns.telegram().userPressesButton(chatId, message.messageId(), from.user(), callbackData);
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
