package dev.promobot.chat;

import dev.promobot.config.Settings;
import dev.promobot.promotion.ApproveRequest;
import dev.promobot.promotion.AuditOutcome;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.promotion.AwsProblem;
import dev.promobot.promotion.Origin;
import dev.promobot.promotion.Outsiders;
import dev.promobot.promotion.RejectRequest;
import dev.promobot.promotion.RequestPointer;
import dev.promobot.rules.Actor;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Rules;
import dev.promobot.telegram.BotIdentity;
import dev.promobot.telegram.Html;
import dev.promobot.telegram.Outbox;
import dev.promobot.telegram.TelegramGateway;
import dev.promobot.telegram.UpdateHandler;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides what an update is and where a command is taken, then hands it to its {@link ChatCommand}.
 *
 * <p>Where: each command's {@link ChatCommand.Where}. Who: the rules (R12), asked for the command's permission
 * before it runs, so a stranger costs no AWS read. Anything in a chat that is not configured, other than a
 * command taken anywhere, is ignored without an answer. Outsiders (no role, or a chat that is not configured) get at
 * most one answer a minute, and what they send beyond it is counted rather than audited ({@link Outsiders}), so
 * nobody outside the team can stall it or bury its audit trail.
 */
@ApplicationScoped
public class ChatRouter implements UpdateHandler {

    private static final Logger LOG = Logger.getLogger(ChatRouter.class);

    /** Bot API, User: first_name and last_name are 1-64 characters; usernames 5-32. */
    private static final int NAME_LIMIT = 64;
    private static final int USERNAME_LIMIT = 32;

    private final Map<String, ChatCommand> commands = new LinkedHashMap<>();
    private final Settings settings;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final TelegramGateway telegram;
    private final BotIdentity bot;
    private final ApproveRequest approve;
    private final RejectRequest reject;
    private final Outsiders outsiders;

    ChatRouter(Instance<ChatCommand> commands, Settings settings, Outbox outbox, AuditTrail audit,
               TelegramGateway telegram, BotIdentity bot, ApproveRequest approve, RejectRequest reject,
               Outsiders outsiders) {
        commands.forEach(command -> this.commands.put(command.name(), command));
        this.settings = settings;
        this.outbox = outbox;
        this.audit = audit;
        this.telegram = telegram;
        this.bot = bot;
        this.approve = approve;
        this.reject = reject;
        this.outsiders = outsiders;
    }

    @Override
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
        CommandParser.Reading parsed = new CommandParser(bot.username()).parse(message.getText());
        if (parsed instanceof CommandParser.NotACommand || parsed instanceof CommandParser.ForAnotherBot) {
            return "ignored: not for promobot";
        }
        long chatId = message.getChatId();
        boolean teamChat = settings.chats().contains(chatId);
        boolean privateChat = "private".equals(message.getChat().getType());
        boolean foreignGroup = !teamChat && !privateChat;
        String name = displayName(from);

        if (parsed instanceof CommandParser.Unreadable unreadable) {
            if (foreignGroup) {
                return ignore(message, name);
            }
            return refuse(message, name, "unreadable", unreadable.sentence());
        }
        CommandParser.Command command = (CommandParser.Command) parsed;
        ChatCommand handler = commands.get(command.name());
        if (handler == null || !handler.spec().where().takes(teamChat, privateChat)) {
            if (foreignGroup) {
                return ignore(message, name);
            }
            return refuse(message, name, command.name(), handler == null
                    ? "I don't know /" + command.name() + ". Send /help for the commands you may use."
                    : "/" + command.name() + " is only taken in the team's chat.");
        }
        Actor actor = new Actor(from.getId(), name, settings.roleOf(from.getId()), teamChat);
        List<Reason> denied = handler.spec().permission().map(permission -> Rules.access(actor, permission))
                .orElse(List.of());
        if (!denied.isEmpty()) {
            return refuse(message, name, command.name(), denied.stream().map(Reason::sentence)
                    .map(ChatRouter::sentence).collect(Collectors.joining(" ")));
        }
        if (!mayAnswer(message, name)) {
            return "silenced: /" + command.name();
        }
        CommandContext context = new CommandContext(chatId, message.getMessageId(), from.getId(), name,
                actor.role(), command.name(), command.args(), message.getText(), teamChat,
                Optional.ofNullable(message.getReplyToMessage()).map(reply -> reply.getMessageId().longValue()),
                outbox);
        try {
            handler.run(context);
            return "handled: /" + command.name();
        } catch (AwsProblem problem) {
            context.replyText("⚠️ " + problem.sentence());
            audit.record(actor, context.origin(), Optional.empty(), Optional.empty(), AuditOutcome.FAILED,
                    problem.sentence());
            return "failed: /" + command.name();
        }
        // Anything else propagates: the update's transaction rolls back whatever the command did, and it is tried
        // again; gaveUp answers once it has failed for good.
    }

    @Override
    public void gaveUp(Update update, String reference) {
        Message message = update.getMessage();
        if (message == null || message.getFrom() == null) {
            return;
        }
        outbox.send(message.getChatId(), "⚠️ Something went wrong on promobot's side (reference " + reference
                        + "); the details are in its log.", Optional.of(message.getMessageId().longValue()),
                Optional.empty());
        audit.record(Optional.of(message.getFrom().getId()), displayName(message.getFrom()),
                Optional.of(message.getChatId()), "error", Optional.ofNullable(message.getText()).orElse(""),
                Optional.empty(), Optional.empty(), AuditOutcome.FAILED, "internal error, reference " + reference);
    }

    /** Every callback query is answered, so the user's client stops its spinner. */
    private String callback(CallbackQuery query) {
        User from = query.getFrom();
        String data = query.getData() == null ? "" : query.getData();
        Optional<Long> chatId = Optional.ofNullable(query.getMessage()).map(message -> message.getChatId());
        boolean teamChat = chatId.filter(settings.chats()::contains).isPresent();
        Actor actor = new Actor(from.getId(), displayName(from), settings.roleOf(from.getId()), teamChat);
        if ((!teamChat || actor.role().isEmpty())
                && !outsiders.mayAnswer(chatId.orElse(0L), teamChat ? from.getId() : Outsiders.ANYONE)) {
            // Unanswered, the button's spinner stops by itself after a while.
            outsiders.ignored(chatId.orElse(0L), from.getId(), actor.name(), "[button] " + data);
            return "silenced: button";
        }
        Optional<RequestButtons.ButtonPress> pressed = RequestButtons.read(data);
        String answer;
        if (pressed.isEmpty()) {
            answer = "This button is no longer active.";
            audit.record(Optional.of(from.getId()), actor.name(), chatId, "button", data, Optional.empty(),
                    Optional.empty(), AuditOutcome.REFUSED, "unknown button");
        } else if (!teamChat) {
            answer = "Buttons only work in the team's chat.";
            outsiders.ignored(chatId.orElse(0L), from.getId(), actor.name(), "[button] " + data);
        } else {
            long id = pressed.get().requestId();
            long messageId = Optional.ofNullable(query.getMessage()).map(message -> message.getMessageId().longValue())
                    .orElse(0L);
            RequestPointer pointer = RequestPointer.byId(chatId.get(), id);
            answer = pressed.get().approve()
                    ? RequestAnswers.of(approve.approve(actor, pointer,
                            new Origin(chatId.get(), messageId, "approve", "[Approve #" + id + "]")))
                    : RequestAnswers.of(reject.reject(actor, pointer, "",
                            new Origin(chatId.get(), messageId, "reject", "[Reject #" + id + "]")));
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

    private String refuse(Message message, String name, String command, String sentence) {
        if (!mayAnswer(message, name)) {
            return "silenced: " + command;
        }
        outbox.send(message.getChatId(), Html.escape(sentence), Optional.of(message.getMessageId().longValue()),
                Optional.empty());
        audit.record(Optional.of(message.getFrom().getId()), name, Optional.of(message.getChatId()), command,
                message.getText(), Optional.empty(), Optional.empty(), AuditOutcome.REFUSED, sentence);
        return "refused: " + command;
    }

    /**
     * Whether promobot may answer this message. Anyone with a role, in a team chat or a private one, always gets
     * an answer; an outsider (no role, or a chat that is not configured) at most one a minute, and a chat that is
     * not configured one a minute whoever writes in it. A message left unanswered is counted, not audited.
     */
    private boolean mayAnswer(Message message, String name) {
        long chatId = message.getChatId();
        long userId = message.getFrom().getId();
        boolean foreignChat = !settings.chats().contains(chatId) && !"private".equals(message.getChat().getType());
        if (!foreignChat && settings.roleOf(userId).isPresent()) {
            return true;
        }
        if (outsiders.mayAnswer(chatId, foreignChat ? Outsiders.ANYONE : userId)) {
            return true;
        }
        outsiders.ignored(chatId, userId, name, message.getText());
        return false;
    }

    /** Anything but a command taken anywhere, in a chat that is not configured: no answer, counted. */
    private String ignore(Message message, String name) {
        outsiders.ignored(message.getChatId(), message.getFrom().getId(), name, message.getText());
        return "ignored: foreign chat";
    }

    /** "only deployers may promote; you are a viewer" as a sentence of its own. */
    private static String sentence(String reason) {
        return Character.toUpperCase(reason.charAt(0)) + reason.substring(1) + ".";
    }

    /**
     * First and last name, each cut to Telegram's own limit (64 characters), else the @username (at most 32): at most
     * 129 characters, so a name always fits the columns that keep it (256).
     */
    static String displayName(User user) {
        String name = cut(user.getFirstName(), NAME_LIMIT);
        if (user.getLastName() != null && !user.getLastName().isBlank()) {
            name = name + " " + cut(user.getLastName(), NAME_LIMIT);
        }
        if (name.isBlank()) {
            name = user.getUserName() == null ? String.valueOf(user.getId())
                    : "@" + cut(user.getUserName(), USERNAME_LIMIT);
        }
        return name;
    }

    private static String cut(String text, int codePoints) {
        if (text == null) {
            return "";
        }
        return text.codePoints().limit(codePoints)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
