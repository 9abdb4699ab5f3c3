package dev.promobot.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.LongFunction;

/** Bot API object shapes (User, Chat, Message) as Telegram serialises them. */
final class MessageJson {

    private final ObjectMapper json;

    MessageJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode user(User user) {
        ObjectNode node = json.createObjectNode();
        node.put("id", user.id());
        node.put("is_bot", user.isBot());
        node.put("first_name", user.firstName());
        if (user.username() != null) {
            node.put("username", user.username());
        }
        return node;
    }

    ObjectNode chat(ChatState chat) {
        ObjectNode node = json.createObjectNode();
        node.put("id", chat.id);
        node.put("type", chat.type);
        if (chat.isGroup()) {
            node.put("title", chat.title);
        }
        chat.privatePeer.ifPresent(peer -> {
            node.put("first_name", peer.firstName());
            if (peer.username() != null) {
                node.put("username", peer.username());
            }
        });
        return node;
    }

    /** Telegram nests only one level of reply_to_message, hence the lookup instead of recursion. */
    ObjectNode message(ChatState chat, StoredMessage message, LongFunction<Optional<StoredMessage>> lookup) {
        ObjectNode node = messageWithoutReply(chat, message);
        message.replyToMessageId.flatMap(lookup::apply)
                .ifPresent(original -> node.set("reply_to_message", messageWithoutReply(chat, original)));
        return node;
    }

    private ObjectNode messageWithoutReply(ChatState chat, StoredMessage message) {
        ObjectNode node = json.createObjectNode();
        node.put("message_id", message.messageId);
        node.set("from", user(message.from));
        node.set("chat", chat(chat));
        node.put("date", message.date.getEpochSecond());
        message.editDate.ifPresent(at -> node.put("edit_date", at.getEpochSecond()));
        node.put("text", message.plainText);
        if (!message.from.isBot() && message.plainText.startsWith("/")) {
            node.set("entities", commandEntity(message.plainText));
        }
        message.inlineKeyboard.ifPresent(keyboard -> {
            ObjectNode markup = node.putObject("reply_markup");
            markup.set("inline_keyboard", keyboard.deepCopy());
        });
        return node;
    }

    private ArrayNode commandEntity(String text) {
        int end = 1;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        ArrayNode entities = json.createArrayNode();
        ObjectNode command = entities.addObject();
        command.put("type", "bot_command");
        command.put("offset", 0);
        command.put("length", end);
        return entities;
    }
}
