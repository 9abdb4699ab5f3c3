package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what an update is and who may do what with it, then hands commands to their {@link ChatCommand}.
 *
 * <p>Where commands are taken: in the configured team chats, everything a user's role allows; in a private chat
 * with the bot, the read-only commands for users with a role; anywhere, /whoami (it tells people the ids an
 * admin needs to configure them). Anything else in a chat that is not configured is ignored, and audited.
 */
@ApplicationScoped
public class ChatRouter {

    private static final Logger LOG = Logger.getLogger(ChatRouter.class);

    private final Map<String, ChatCommand> commands = new LinkedHashMap<>();
    private final Settings settings;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TelegramGateway telegram;
    private final BotIdentity bot;
    private final RequestFlow requests;

    ChatRouter(Instance<ChatCommand> commands, Settings settings, Outbox outbox, AuditTrail audit,
               TelegramGateway telegram, BotIdentity bot, RequestFlow requests) {
        commands.forEach(command -> this.commands.put(command.name(), command));
        this.settings = settings;
        this.outbox = outbox;
        this.audit = audit;
        this.telegram = telegram;
        this.bot = bot;
        this.requests = requests;
    }

    /** Handles one update; returns a word for the inbox saying what came of it. */
    public String handle(Update update) {
        if (update.hasCallbackQuery()) {
            return callback(update.getCallbackQuery());
        }
        if (!update.hasMessage()) {
            return "ignored: not a new message"; // edited messages, channel posts, member changes
        }
        Message message = update.getMessage();
        User from = message.getFrom();
        if (from == null || Boolean.TRUE.equals(from.getIsBot()) || message.getText() == null) {
            return "ignored: not from a person, or no text";
        }
        CommandParser.Parsed parsed = new CommandParser(bot.username()).parse(message.getText());
        if (parsed instanceof CommandParser.NotACommand || parsed instanceof CommandParser.ForAnotherBot) {
            return "ignored: not for promobot";
        }
        long chatId = message.getChatId();
        boolean teamChat = settings.chats().contains(chatId);
        boolean privateChat = "private".equals(message.getChat().getType());
        Optional<Role> role = settings.roleOf(from.getId());
        String name = displayName(from);

        if (parsed instanceof CommandParser.Unreadable unreadable) {
            if (!teamChat && !privateChat) {
                return ignoreForeign(message, name, "unreadable");
            }
            return refuse(message, name, "unreadable", unreadable.sentence());
        }
        CommandParser.Command command = (CommandParser.Command) parsed;
        ChatCommand handler = commands.get(command.name());
        boolean anywhere = handler != null && handler.name().equals("whoami");
        if (!teamChat && !privateChat && !anywhere) {
            return ignoreForeign(message, name, command.name());
        }
        if (handler == null) {
            return refuse(message, name, command.name(), "I don't know /" + command.name() + ". Send /help for the "
                    + "commands you may use.");
        }
        if (!teamChat && !handler.readOnly()) {
            return refuse(message, name, command.name(), "/" + command.name() + " is only taken in the team's chat.");
        }
        Optional<Role> needed = handler.requiredRole();
        if (needed.isPresent() && role.isEmpty()) {
            return refuse(message, name, command.name(), "You have no role in promobot (your user id is "
                    + from.getId() + "); ask an admin to add you.");
        }
        if (needed.isPresent() && !role.get().includes(needed.get())) {
            return refuse(message, name, command.name(), "Only " + needed.get().plural() + " may use /"
                    + command.name() + "; you are " + article(role.get()) + ".");
        }
        CommandContext context = new CommandContext(chatId, message.getMessageId(), from.getId(), name, role,
                command.name(), command.args(), message.getText(), teamChat,
                Optional.ofNullable(message.getReplyToMessage()).map(reply -> reply.getMessageId().longValue()),
                outbox, audit);
        try {
            handler.run(context);
            return "handled: /" + command.name();
        } catch (AwsProblem problem) {
            context.reply("⚠️ " + Html.escape(problem.sentence()));
            audit.record(Optional.of(from.getId()), name, Optional.of(chatId), command.name(), message.getText(),
                    Optional.empty(), "failed", problem.sentence());
            return "failed: /" + command.name();
        } catch (RuntimeException e) {
            LOG.errorf(e, "/%s from user %d failed", command.name(), from.getId());
            context.reply("⚠️ Something went wrong on promobot's side; the details are in its log.");
            audit.record(Optional.of(from.getId()), name, Optional.of(chatId), command.name(), message.getText(),
                    Optional.empty(), "failed", "internal error: " + e);
            return "error: /" + command.name();
        }
    }

    /** Every callback query is answered, so the user's client stops its spinner. */
    private String callback(CallbackQuery query) {
        User from = query.getFrom();
        String data = query.getData() == null ? "" : query.getData();
        Optional<Long> chatId = Optional.ofNullable(query.getMessage()).map(message -> message.getChatId());
        boolean teamChat = chatId.filter(settings.chats()::contains).isPresent();
        Actor actor = new Actor(from.getId(), displayName(from), settings.roleOf(from.getId()), teamChat);
        String answer;
        Optional<Long> requestId = requestId(data);
        if (requestId.isEmpty()) {
            answer = "This button is no longer active.";
            audit.record(Optional.of(from.getId()), actor.name(), chatId, "button", data, Optional.empty(), "refused",
                    "unknown button");
        } else if (!teamChat) {
            answer = "Buttons only work in the team's chat.";
            audit.record(Optional.of(from.getId()), actor.name(), chatId, "button", data, Optional.empty(), "ignored",
                    "chat is not configured");
        } else if (data.startsWith(RequestFlow.APPROVE)) {
            answer = requests.approve(actor, requestId.get(), chatId.get(), "[Approve #" + requestId.get() + "]");
        } else {
            answer = requests.reject(actor, requestId.get(), "", chatId.get(), "[Reject #" + requestId.get() + "]");
        }
        try {
            telegram.execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId())
                    .text(answer.length() > 190 ? answer.substring(0, 189) + "…" : answer)
                    .showAlert(answer.startsWith("⛔")).build());
        } catch (TelegramApiException e) {
            LOG.warnf("Could not answer callback query %s: %s", query.getId(), e.getMessage());
        }
        return "answered: button " + data;
    }

    private static Optional<Long> requestId(String data) {
        String digits = data.startsWith(RequestFlow.APPROVE) ? data.substring(RequestFlow.APPROVE.length())
                : data.startsWith(RequestFlow.REJECT) ? data.substring(RequestFlow.REJECT.length()) : "";
        return digits.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(digits)) : Optional.empty();
    }

    private String refuse(Message message, String name, String command, String sentence) {
        outbox.send(message.getChatId(), Html.escape(sentence), Optional.of(message.getMessageId().longValue()),
                Optional.empty());
        audit.record(Optional.of(message.getFrom().getId()), name, Optional.of(message.getChatId()), command,
                message.getText(), Optional.empty(), "refused", sentence);
        return "refused: " + command;
    }

    private String ignoreForeign(Message message, String name, String command) {
        audit.record(Optional.of(message.getFrom().getId()), name, Optional.of(message.getChatId()), command,
                message.getText(), Optional.empty(), "ignored", "chat " + message.getChatId() + " is not configured");
        return "ignored: foreign chat";
    }

    static String displayName(User user) {
        String name = user.getFirstName() == null ? "" : user.getFirstName();
        if (user.getLastName() != null && !user.getLastName().isBlank()) {
            name = name + " " + user.getLastName();
        }
        if (name.isBlank()) {
            name = user.getUserName() == null ? String.valueOf(user.getId()) : "@" + user.getUserName();
        }
        return name;
    }

    private static String article(Role role) {
        return (role == Role.ADMIN ? "an " : "a ") + role.label();
    }
}
