package dev.promobot.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Telegram's side of the conversation: the Bot API methods the bot calls and the user actions
 * tests perform, over one shared state. A single lock keeps message ids, update ids and chat
 * order consistent with each other; long polls wait on a condition of that same lock.
 */
final class BotApi {

    static final int MAX_TEXT_LENGTH = 4096;
    private static final int MAX_CALLBACK_DATA_BYTES = 64;
    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Set<String> BUTTON_ACTIONS = Set.of("url", "callback_data", "login_url", "web_app",
            "switch_inline_query", "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
            "callback_game", "pay", "copy_text");
    private static final String DEFAULT_COMMAND_SCOPE = "default|";

    private final ReentrantLock lock = new ReentrantLock();
    private final ObjectMapper json;
    private final MessageJson shapes;
    private final Clock clock;
    private final User bot;
    private final Runnable changed;
    private final UpdateQueue updates;
    private final Map<Long, ChatState> chats = new LinkedHashMap<>();
    private final Map<String, PressedButton> callbackQueries = new HashMap<>();
    private final Map<String, CallbackAnswer> callbackAnswers = new HashMap<>();
    private final Map<String, List<BotCommand>> commands = new HashMap<>();
    private long lastCallbackQuery;

    BotApi(ObjectMapper json, Clock clock, User bot, Runnable changed) {
        this.json = json;
        this.shapes = new MessageJson(json);
        this.clock = clock;
        this.bot = bot;
        this.changed = changed;
        this.updates = new UpdateQueue(lock, json);
    }

    JsonNode call(String method, ObjectNode params) throws InterruptedException {
        switch (method.toLowerCase(Locale.ROOT)) {
            case "getme":
                return getMe();
            case "deletewebhook":
                return BooleanNode.TRUE;
            case "getwebhookinfo":
                return webhookInfo();
            case "setmycommands":
                return setMyCommands(params);
            case "getmycommands":
                return getMyCommands(params);
            case "deletemycommands":
                return deleteMyCommands(params);
            case "getupdates":
                return getUpdates(params);
            case "sendmessage":
                return sendMessage(params);
            case "editmessagetext":
                return editMessageText(params);
            case "answercallbackquery":
                return answerCallbackQuery(params);
            case "pinchatmessage":
                return pinChatMessage(params);
            case "unpinchatmessage":
                return unpinChatMessage(params);
            default:
                throw new BotApiException(404, "Not Found");
        }
    }

    // --- Bot API methods -------------------------------------------------------------------------

    private JsonNode getMe() {
        ObjectNode me = shapes.user(bot);
        me.put("can_join_groups", true);
        me.put("can_read_all_group_messages", false);
        me.put("supports_inline_queries", false);
        return me;
    }

    private JsonNode webhookInfo() {
        ObjectNode info = json.createObjectNode();
        info.put("url", "");
        info.put("has_custom_certificate", false);
        info.put("pending_update_count", locked(updates::pendingCount));
        return info;
    }

    private JsonNode setMyCommands(ObjectNode params) {
        JsonNode list = params.path("commands");
        if (!list.isArray()) {
            throw BotApiException.badRequest("can't parse commands JSON object");
        }
        List<BotCommand> parsed = new ArrayList<>();
        for (JsonNode entry : list) {
            String command = entry.path("command").asText("");
            String description = entry.path("description").asText("");
            if (!COMMAND.matcher(command).matches()) {
                throw BotApiException.badRequest("BOT_COMMAND_INVALID");
            }
            if (description.isBlank() || description.length() > 256) {
                throw BotApiException.badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
            }
            parsed.add(new BotCommand(command, description));
        }
        locked(() -> commands.put(commandScope(params), List.copyOf(parsed)));
        return BooleanNode.TRUE;
    }

    private JsonNode getMyCommands(ObjectNode params) {
        ArrayNode result = json.createArrayNode();
        for (BotCommand command : locked(() -> commands.getOrDefault(commandScope(params), List.of()))) {
            result.addObject().put("command", command.command()).put("description", command.description());
        }
        return result;
    }

    private JsonNode deleteMyCommands(ObjectNode params) {
        locked(() -> commands.remove(commandScope(params)));
        return BooleanNode.TRUE;
    }

    private static String commandScope(ObjectNode params) {
        JsonNode scope = params.path("scope");
        String type = scope.path("type").asText("default");
        String chat = scope.path("chat_id").asText("");
        String user = scope.path("user_id").asText("");
        String key = type + "|" + params.path("language_code").asText("");
        return chat.isEmpty() && user.isEmpty() ? key : key + "|" + chat + "|" + user;
    }

    private JsonNode getUpdates(ObjectNode params) throws InterruptedException {
        long offset = params.path("offset").asLong(0);
        int limit = Math.max(1, Math.min(100, params.path("limit").asInt(100)));
        int timeout = Math.max(0, params.path("timeout").asInt(0));
        List<String> allowed = null;
        if (params.path("allowed_updates").isArray()) {
            allowed = new ArrayList<>();
            for (JsonNode type : params.path("allowed_updates")) {
                allowed.add(type.asText());
            }
        }
        ArrayNode result = json.createArrayNode();
        updates.getUpdates(offset, limit, timeout, allowed).forEach(result::add);
        return result;
    }

    private JsonNode sendMessage(ObjectNode params) {
        long chatId = chatId(params);
        StoredMessage.Content content = content(params);
        JsonNode sent = locked(() -> {
            ChatState chat = chat(chatId);
            Instant at = now();
            chat.groupLimitRetryAfter(at).ifPresent(seconds -> {
                throw BotApiException.tooManyRequests(seconds);
            });
            Optional<Long> replyTo = replyTarget(chat, params);
            StoredMessage message = new StoredMessage(chat.id, chat.nextMessageId(), bot, at, replyTo, content);
            chat.add(message);
            chat.botSent(at);
            return render(chat, message);
        });
        changed.run();
        return sent;
    }

    private JsonNode editMessageText(ObjectNode params) {
        if (params.hasNonNull("inline_message_id")) {
            throw BotApiException.badRequest("MESSAGE_ID_INVALID");
        }
        long chatId = chatId(params);
        long messageId = params.path("message_id").asLong(0);
        if (messageId <= 0) {
            throw BotApiException.badRequest("message identifier is not specified");
        }
        StoredMessage.Content content = content(params);
        JsonNode edited = locked(() -> {
            ChatState chat = chat(chatId);
            StoredMessage message = chat.message(messageId)
                    .orElseThrow(() -> BotApiException.badRequest("message to edit not found"));
            if (!message.from.isBot()) {
                throw BotApiException.badRequest("message can't be edited");
            }
            if (message.content().sameAs(content)) {
                throw BotApiException.badRequest("message is not modified: specified new message content and reply"
                        + " markup are exactly the same as a current content and reply markup of the message");
            }
            Instant at = now();
            message.edits.add(new Edit(at, message.text, content.text(), content.parseMode(), content.buttons()));
            message.apply(content);
            message.editDate = Optional.of(at);
            return render(chat, message);
        });
        changed.run();
        return edited;
    }

    private JsonNode answerCallbackQuery(ObjectNode params) {
        String id = params.path("callback_query_id").asText("");
        Optional<String> text = Optional.ofNullable(params.get("text")).map(JsonNode::asText).filter(t -> !t.isEmpty());
        boolean showAlert = params.path("show_alert").asBoolean(false);
        locked(() -> {
            if (!callbackQueries.containsKey(id) || callbackAnswers.containsKey(id)) {
                throw BotApiException.badRequest(
                        "query is too old and response timeout expired or query ID is invalid");
            }
            return callbackAnswers.put(id, new CallbackAnswer(id, text, showAlert, now()));
        });
        return BooleanNode.TRUE;
    }

    /**
     * Bot API, pinChatMessage: "Use this method to add a message to the list of pinned messages in a chat. In
     * private chats and channel direct messages chats, all non-service messages can be pinned. Conversely, the bot
     * must be an administrator with the 'can_pin_messages' right or the 'can_edit_messages' right to pin messages in
     * groups and channels respectively. Returns True on success."
     */
    private JsonNode pinChatMessage(ObjectNode params) {
        long chatId = chatId(params);
        long messageId = params.path("message_id").asLong(0);
        locked(() -> {
            ChatState chat = chat(chatId);
            requirePinRights(chat);
            chat.message(messageId).orElseThrow(() -> BotApiException.badRequest("message to pin not found"));
            chat.pinned.remove(messageId);
            return chat.pinned.add(messageId);
        });
        changed.run();
        return BooleanNode.TRUE;
    }

    /**
     * Bot API, unpinChatMessage: "Use this method to remove a message from the list of pinned messages in a chat.
     * ... Returns True on success." Without message_id, "the most recent pinned message (by sending date) will be
     * unpinned"; the same rights as pinning are needed.
     */
    private JsonNode unpinChatMessage(ObjectNode params) {
        long chatId = chatId(params);
        Optional<Long> messageId = Optional.ofNullable(params.get("message_id")).map(JsonNode::asLong);
        locked(() -> {
            ChatState chat = chat(chatId);
            requirePinRights(chat);
            Optional<Long> target = messageId.or(() -> chat.pinned.stream().max(Long::compare));
            if (target.isEmpty() || chat.message(target.get()).isEmpty()) {
                throw BotApiException.badRequest("message to unpin not found");
            }
            return chat.pinned.remove(target.get());
        });
        changed.run();
        return BooleanNode.TRUE;
    }

    private static void requirePinRights(ChatState chat) {
        if (chat.isGroup() && !chat.botMayPin) {
            throw BotApiException.badRequest("not enough rights to manage pinned messages in the chat");
        }
    }

    /** The bot is no administrator of the chat, or may not pin there: pinChatMessage answers 400. */
    void refusePinning(long chatId) {
        locked(() -> {
            knownChat(chatId).botMayPin = false;
            return null;
        });
    }

    /** The chat's pinned messages, oldest pin first. */
    List<Long> pinned(long chatId) {
        return locked(() -> Optional.ofNullable(chats.get(chatId)).map(chat -> List.copyOf(chat.pinned))
                .orElse(List.of()));
    }

    // --- user side ---------------------------------------------------------------------------------

    void openChat(long chatId, String type, String title, Optional<User> privatePeer) {
        locked(() -> chatFor(chatId, type, title, privatePeer));
    }

    SentMessage userSends(long chatId, String chatType, User from, String text, Optional<Long> replyTo) {
        requireUserText(text);
        SentMessage sent = locked(() -> {
            ChatState chat = chatFor(chatId, chatType, null, Optional.of(from));
            StoredMessage message = new StoredMessage(chat.id, chat.nextMessageId(), from, now(), replyTo,
                    StoredMessage.Content.plain(text));
            chat.add(message);
            updates.enqueue("message", render(chat, message));
            return message.snapshot();
        });
        changed.run();
        return sent;
    }

    SentMessage userEdits(long chatId, long messageId, User from, String text) {
        requireUserText(text);
        SentMessage edited = locked(() -> {
            ChatState chat = knownChat(chatId);
            StoredMessage message = chat.message(messageId).orElseThrow(
                    () -> new IllegalArgumentException("no message " + messageId + " in chat " + chatId));
            if (message.from.id() != from.id()) {
                throw new IllegalArgumentException("message " + messageId + " was not sent by user " + from.id());
            }
            Instant at = now();
            message.edits.add(new Edit(at, message.text, text, Optional.empty(), List.of()));
            message.apply(StoredMessage.Content.plain(text));
            message.editDate = Optional.of(at);
            updates.enqueue("edited_message", render(chat, message));
            return message.snapshot();
        });
        changed.run();
        return edited;
    }

    String userPresses(long chatId, long messageId, User from, String callbackData) {
        return locked(() -> {
            ChatState chat = knownChat(chatId);
            StoredMessage message = chat.message(messageId).orElseThrow(
                    () -> new IllegalArgumentException("no message " + messageId + " in chat " + chatId));
            boolean offered = message.buttons.stream().flatMap(List::stream)
                    .anyMatch(button -> button.callbackData().equals(callbackData));
            if (!offered) {
                throw new IllegalArgumentException("message " + messageId + " in chat " + chatId
                        + " has no button with callback_data \"" + callbackData + "\"; it offers "
                        + message.snapshot().callbackData());
            }
            String id = Long.toString(4_000_000_000_000_000_000L + ++lastCallbackQuery);
            ObjectNode query = json.createObjectNode();
            query.put("id", id);
            query.set("from", shapes.user(from));
            query.set("message", render(chat, message));
            query.put("chat_instance", chat.chatInstance);
            query.put("data", callbackData);
            callbackQueries.put(id, new PressedButton(chatId, messageId, from, callbackData));
            updates.enqueue("callback_query", query);
            return id;
        });
    }

    long enqueueRaw(String updateJsonWithoutId) {
        JsonNode update;
        try {
            update = json.readTree(updateJsonWithoutId);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + updateJsonWithoutId, e);
        }
        if (update == null || !update.isObject() || update.size() != 1) {
            throw new IllegalArgumentException("expected one field naming the update type, e.g. {\"message\":{...}}");
        }
        String type = UpdateQueue.typeOf(update);
        return locked(() -> updates.enqueue(type, update.get(type).deepCopy()));
    }

    // --- inspection --------------------------------------------------------------------------------

    List<SentMessage> messages(long chatId) {
        return locked(() -> Optional.ofNullable(chats.get(chatId))
                .map(chat -> chat.messages().stream().map(StoredMessage::snapshot).toList())
                .orElse(List.of()));
    }

    Optional<CallbackAnswer> callbackAnswer(String callbackQueryId) {
        return locked(() -> Optional.ofNullable(callbackAnswers.get(callbackQueryId)));
    }

    List<BotCommand> commands() {
        return locked(() -> commands.getOrDefault(DEFAULT_COMMAND_SCOPE, List.of()));
    }

    int pendingUpdateCount() {
        return locked(updates::pendingCount);
    }

    boolean longPollWaiting() {
        return locked(updates::pollWaiting);
    }

    int getUpdatesConflicts() {
        return locked(updates::conflicts);
    }

    void reset() {
        locked(() -> {
            chats.clear();
            callbackQueries.clear();
            callbackAnswers.clear();
            commands.clear();
            updates.clear();
            return null;
        });
        changed.run();
    }

    void close() {
        locked(() -> {
            updates.close();
            return null;
        });
    }

    // --- helpers -----------------------------------------------------------------------------------

    private StoredMessage.Content content(ObjectNode params) {
        JsonNode textNode = params.get("text");
        String text = textNode == null || textNode.isNull() ? "" : textNode.asText();
        Optional<String> parseMode = Optional.ofNullable(params.get("parse_mode"))
                .map(JsonNode::asText).filter(mode -> !mode.isEmpty());
        String plain = parseMode.map(mode -> plainText(mode, text)).orElse(text);
        if (plain.isBlank()) {
            throw BotApiException.badRequest("message text is empty");
        }
        if (plain.length() > MAX_TEXT_LENGTH) {
            throw BotApiException.badRequest("message is too long");
        }
        Optional<JsonNode> keyboard = inlineKeyboard(params.get("reply_markup"));
        return new StoredMessage.Content(text, plain, parseMode, keyboard, keyboard.map(BotApi::buttons).orElse(List.of()));
    }

    /** Markdown is passed through unchecked; only HTML is validated, as promobot sends HTML. */
    private static String plainText(String parseMode, String text) {
        switch (parseMode.toLowerCase(Locale.ROOT)) {
            case "html":
                return TelegramHtml.toPlainText(text);
            case "markdown":
            case "markdownv2":
                return text;
            default:
                throw BotApiException.badRequest("unsupported parse_mode");
        }
    }

    private static Optional<JsonNode> inlineKeyboard(JsonNode markup) {
        if (markup == null || markup.isNull() || !markup.has("inline_keyboard")) {
            return Optional.empty();
        }
        JsonNode rows = markup.get("inline_keyboard");
        if (!rows.isArray()) {
            throw BotApiException.badRequest("can't parse inline keyboard markup JSON object");
        }
        for (JsonNode row : rows) {
            if (!row.isArray()) {
                throw BotApiException.badRequest("can't parse inline keyboard markup JSON object");
            }
            for (JsonNode button : row) {
                validateButton(button);
            }
        }
        return Optional.of(rows.deepCopy());
    }

    private static void validateButton(JsonNode button) {
        if (button.path("text").asText("").isEmpty()) {
            throw BotApiException.badRequest("can't parse inline keyboard button: Text must be non-empty");
        }
        if (button.has("callback_data")) {
            int bytes = button.get("callback_data").asText().getBytes(StandardCharsets.UTF_8).length;
            if (bytes < 1 || bytes > MAX_CALLBACK_DATA_BYTES) {
                throw BotApiException.badRequest("BUTTON_DATA_INVALID");
            }
        }
        boolean hasAction = BUTTON_ACTIONS.stream().anyMatch(button::has);
        if (!hasAction) {
            throw BotApiException.badRequest(
                    "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }
    }

    private static List<List<Button>> buttons(JsonNode rows) {
        List<List<Button>> result = new ArrayList<>();
        for (JsonNode row : rows) {
            List<Button> buttons = new ArrayList<>();
            for (JsonNode button : row) {
                buttons.add(new Button(button.path("text").asText(), button.path("callback_data").asText("")));
            }
            result.add(List.copyOf(buttons));
        }
        return List.copyOf(result);
    }

    private Optional<Long> replyTarget(ChatState chat, ObjectNode params) {
        JsonNode reply = params.path("reply_parameters");
        long target = reply.path("message_id").asLong(params.path("reply_to_message_id").asLong(0));
        if (target <= 0) {
            return Optional.empty();
        }
        if (chat.message(target).isPresent()) {
            return Optional.of(target);
        }
        boolean allowWithout = reply.path("allow_sending_without_reply")
                .asBoolean(params.path("allow_sending_without_reply").asBoolean(false));
        if (allowWithout) {
            return Optional.empty();
        }
        throw BotApiException.badRequest("message to be replied not found");
    }

    private static long chatId(ObjectNode params) {
        JsonNode node = params.get("chat_id");
        if (node == null || node.isNull() || node.asText().isEmpty()) {
            throw BotApiException.badRequest("chat_id is empty");
        }
        try {
            return Long.parseLong(node.asText().trim());
        } catch (NumberFormatException channelUsername) {
            throw BotApiException.badRequest("chat not found");
        }
    }

    private ChatState chat(long chatId) {
        ChatState chat = chats.get(chatId);
        if (chat == null) {
            throw BotApiException.badRequest("chat not found");
        }
        return chat;
    }

    private ChatState knownChat(long chatId) {
        ChatState chat = chats.get(chatId);
        if (chat == null) {
            throw new IllegalArgumentException("no chat " + chatId + "; a user has to write there first");
        }
        return chat;
    }

    private ChatState chatFor(long chatId, String type, String title, Optional<User> peer) {
        if (!Set.of("private", "group", "supergroup", "channel").contains(type)) {
            throw new IllegalArgumentException("chat type must be private, group, supergroup or channel: " + type);
        }
        ChatState existing = chats.get(chatId);
        if (existing != null) {
            if (!existing.type.equals(type)) {
                throw new IllegalArgumentException("chat " + chatId + " is a " + existing.type + ", not a " + type);
            }
            return existing;
        }
        ChatState chat = new ChatState(chatId, type, title == null ? "Sandbox " + type + " " + chatId : title,
                type.equals("private") ? peer : Optional.empty());
        chats.put(chatId, chat);
        return chat;
    }

    private static void requireUserText(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("a user message has 1.." + MAX_TEXT_LENGTH + " characters");
        }
    }

    private ObjectNode render(ChatState chat, StoredMessage message) {
        return shapes.message(chat, message, chat::message);
    }

    private Instant now() {
        return clock.instant();
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private record PressedButton(long chatId, long messageId, User from, String data) {
    }
}
