package dev.promobot;

import dev.promobot.sandbox.SentMessage;

/** The update Telegram would POST to a webhook for a message a user typed, for tests that play Telegram's side. */
public final class WebhookUpdates {

    private WebhookUpdates() {
    }

    /** @param chatType "private", "group" or "supergroup", as the message's chat is */
    public static String of(SentMessage message, long updateId, String chatType) {
        String chat = chatType.equals("private")
                ? "\"first_name\": \"%s\"".formatted(message.from().firstName())
                : "\"title\": \"Team\"";
        return """
                {"update_id": %d, "message": {"message_id": %d, "date": 1764200000,
                 "chat": {"id": %d, "type": "%s", %s},
                 "from": {"id": %d, "is_bot": false, "first_name": "%s"}, "text": "%s"}}"""
                .formatted(updateId, message.messageId(), message.chatId(), chatType, chat, message.from().id(),
                        message.from().firstName(), message.text());
    }
}
