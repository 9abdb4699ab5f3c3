package dev.promobot.sandbox;

import static dev.promobot.Cast.TEAM_CHAT;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.Cast;
import dev.promobot.ManualClock;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.longpolling.util.LongPollingSingleThreadUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.GetMyCommands;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.pinnedmessages.PinChatMessage;
import org.telegram.telegrambots.meta.api.methods.pinnedmessages.UnpinChatMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

class TelegramStandInTest {

    private static final User DEPLOYER = Cast.DEPLOYER.user();

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient rawHttp = HttpClient.newHttpClient();
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private TelegramStandIn telegram;
    private OkHttpTelegramClient client;

    @BeforeEach
    void startTelegram() {
        telegram = TelegramStandIn.start();
        // Long polls in these tests outlast OkHttp's default 10 s read timeout.
        OkHttpClient http = new OkHttpClient.Builder().readTimeout(75, SECONDS).build();
        client = new OkHttpTelegramClient(http, telegram.token(), telegramUrl());
    }

    @AfterEach
    void stopTelegram() throws Exception {
        for (AutoCloseable closeable : cleanup) {
            closeable.close();
        }
        telegram.close();
    }

    private TelegramUrl telegramUrl() {
        return new TelegramUrl("http", "127.0.0.1", telegram.port(), false);
    }

    // --- methods the bot calls -------------------------------------------------------------------

    @Test
    void getMeIntroducesTheSandboxBot() throws TelegramApiException {
        org.telegram.telegrambots.meta.api.objects.User me = client.execute(new GetMe());

        assertThat(me.getId()).isEqualTo(777_000_111L);
        assertThat(me.getUserName()).isEqualTo("promobot_sandbox_bot");
        assertThat(me.getIsBot()).isTrue();
    }

    @Test
    void htmlMessageWithButtonsIsRecordedAndReturnedAsTelegramWould() throws TelegramApiException {
        telegram.openChat(TEAM_CHAT, "supergroup", "Ops");

        Message sent = client.execute(SendMessage.builder()
                .chatId(TEAM_CHAT)
                .text("Promote <b>sha-1a2b3c4</b> to staging?")
                .parseMode("HTML")
                .replyMarkup(approveOrReject("promo:7"))
                .build());

        assertThat(sent.getMessageId()).isEqualTo(1);
        assertThat(sent.getChatId()).isEqualTo(TEAM_CHAT);
        assertThat(sent.getChat().getTitle()).isEqualTo("Ops");
        assertThat(sent.getFrom().getUserName()).isEqualTo("promobot_sandbox_bot");
        assertThat(sent.getText()).isEqualTo("Promote sha-1a2b3c4 to staging?");
        assertThat(sent.getReplyMarkup().getKeyboard().get(0).get(1).getCallbackData()).isEqualTo("reject:promo:7");

        SentMessage recorded = telegram.lastMessage(TEAM_CHAT).orElseThrow();
        assertThat(recorded.fromBot()).isTrue();
        assertThat(recorded.text()).isEqualTo("Promote <b>sha-1a2b3c4</b> to staging?");
        assertThat(recorded.parseMode()).contains("HTML");
        assertThat(recorded.buttons()).containsExactly(List.of(
                new Button("Approve", "approve:promo:7"), new Button("Reject", "reject:promo:7")));
    }

    @Test
    void botReplyPointsAtTheUsersMessage() throws TelegramApiException {
        SentMessage question = telegram.userSends(TEAM_CHAT, "group", DEPLOYER, "/status");

        Message answer = client.execute(SendMessage.builder().chatId(TEAM_CHAT).text("staging runs sha-1a2b3c4")
                .replyParameters(ReplyParameters.builder().messageId((int) question.messageId()).build()).build());

        assertThat(answer.getReplyToMessage().getText()).isEqualTo("/status");
        assertThat(answer.getReplyToMessage().getFrom().getUserName()).isEqualTo(DEPLOYER.username());
        assertThat(telegram.lastMessage(TEAM_CHAT).orElseThrow().replyToMessageId()).contains(question.messageId());
    }

    @Test
    void editMessageTextRewritesTheMessageAndKeepsItsHistory() throws TelegramApiException {
        telegram.openChat(TEAM_CHAT, "group", "Ops");
        Message sent = client.execute(SendMessage.builder().chatId(TEAM_CHAT).text("Promote to staging?")
                .replyMarkup(approveOrReject("promo:7")).build());

        var edited = client.execute(EditMessageText.builder().chatId(TEAM_CHAT).messageId(sent.getMessageId())
                .text("<i>Approved by " + Cast.APPROVER.firstName() + "</i>").parseMode("HTML").build());

        assertThat(((Message) edited).getText()).isEqualTo("Approved by " + Cast.APPROVER.firstName());
        SentMessage recorded = telegram.message(TEAM_CHAT, sent.getMessageId()).orElseThrow();
        assertThat(recorded.text()).isEqualTo("<i>Approved by " + Cast.APPROVER.firstName() + "</i>");
        assertThat(recorded.buttons()).as("an edit without reply_markup removes the keyboard").isEmpty();
        assertThat(recorded.editCount()).isEqualTo(1);
        assertThat(recorded.originalText()).isEqualTo("Promote to staging?");
    }

    @Test
    void editWithNothingNewOrOfAMissingMessageIsRefused() throws TelegramApiException {
        telegram.openChat(TEAM_CHAT, "group", "Ops");
        Message sent = client.execute(SendMessage.builder().chatId(TEAM_CHAT).text("Deployed").build());

        assertThatThrownBy(() -> client.execute(EditMessageText.builder().chatId(TEAM_CHAT)
                .messageId(sent.getMessageId()).text("Deployed").build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(400);
                    assertThat(refused.getApiResponse()).startsWith("Bad Request: message is not modified");
                });
        assertThatThrownBy(() -> client.execute(EditMessageText.builder().chatId(TEAM_CHAT)
                .messageId(99).text("Rolled back").build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, refused ->
                        assertThat(refused.getApiResponse()).isEqualTo("Bad Request: message to edit not found"));
    }

    /**
     * Bot API, pinChatMessage: "Use this method to add a message to the list of pinned messages in a chat. ...
     * Returns True on success."; unpinChatMessage: "Use this method to remove a message from the list of pinned
     * messages in a chat. ... Returns True on success."
     */
    @Test
    void pinAndUnpinAMessageAnswerTrueAndChangeTheChatsPinnedMessages() throws TelegramApiException {
        telegram.openChat(TEAM_CHAT, "supergroup", "Ops");
        Message sent = client.execute(SendMessage.builder().chatId(TEAM_CHAT).text("Promotions are frozen").build());

        Boolean pinned = client.execute(PinChatMessage.builder().chatId(TEAM_CHAT).messageId(sent.getMessageId())
                .build());

        assertThat(pinned).isTrue();
        assertThat(telegram.pinnedMessages(TEAM_CHAT)).containsExactly(sent.getMessageId().longValue());

        Boolean unpinned = client.execute(UnpinChatMessage.builder().chatId(TEAM_CHAT)
                .messageId(sent.getMessageId()).build());

        assertThat(unpinned).isTrue();
        assertThat(telegram.pinnedMessages(TEAM_CHAT)).isEmpty();
    }

    /**
     * Bot API, pinChatMessage: "the bot must be an administrator with the 'can_pin_messages' right or the
     * 'can_edit_messages' right to pin messages in groups and channels respectively"; without it Telegram answers
     * 400 "Bad Request: not enough rights to manage pinned messages in the chat".
     */
    @Test
    void aGroupWhereTheBotMayNotPinRefusesWith400NotEnoughRights() throws TelegramApiException {
        telegram.openChat(TEAM_CHAT, "supergroup", "Ops");
        telegram.refusePinning(TEAM_CHAT);
        Message sent = client.execute(SendMessage.builder().chatId(TEAM_CHAT).text("Promotions are frozen").build());

        assertThatThrownBy(() -> client.execute(PinChatMessage.builder().chatId(TEAM_CHAT)
                .messageId(sent.getMessageId()).build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(400);
                    assertThat(refused.getApiResponse())
                            .isEqualTo("Bad Request: not enough rights to manage pinned messages in the chat");
                });
        assertThat(telegram.pinnedMessages(TEAM_CHAT)).isEmpty();
    }

    @Test
    void setMyCommandsIsStoredAndReadBack() throws TelegramApiException {
        client.execute(SetMyCommands.builder()
                .command(new org.telegram.telegrambots.meta.api.objects.commands.BotCommand("promote", "Promote an image"))
                .command(new org.telegram.telegrambots.meta.api.objects.commands.BotCommand("status", "What runs where"))
                .build());

        assertThat(telegram.commands()).containsExactly(
                new BotCommand("promote", "Promote an image"), new BotCommand("status", "What runs where"));
        assertThat(client.execute(new GetMyCommands())).extracting(c -> c.getCommand()).containsExactly("promote", "status");
    }

    @Test
    void methodNamesMatchWhateverCaseTheClientSends() throws Exception {
        telegram.openChat(TEAM_CHAT, "group", "Ops");
        client.execute(SendMessage.builder().chatId(TEAM_CHAT).text("lower-case path").build());
        client.execute(SetMyCommands.builder().command(
                new org.telegram.telegrambots.meta.api.objects.commands.BotCommand("status", "What runs where")).build());

        JsonNode pascalCase = post("SendMessage", "{\"chat_id\":" + TEAM_CHAT + ",\"text\":\"PascalCase path\"}").body;

        assertThat(pascalCase.path("ok").asBoolean()).isTrue();
        assertThat(telegram.requestCount("sendMessage")).isEqualTo(2);
        assertThat(telegram.requests("SETMYCOMMANDS")).hasSize(1);
        assertThat(telegram.requests("sendmessage").get(0)).containsEntry("chat_id", String.valueOf(TEAM_CHAT));
    }

    @Test
    void wrongTokenAndUnknownMethodAnswerLikeTelegram() throws Exception {
        HttpResponse<String> wrongToken = rawHttp.send(HttpRequest.newBuilder(
                telegram.baseUrl().resolve("/bot999:nope/getMe")).build(), HttpResponse.BodyHandlers.ofString());
        Answer unknownMethod = post("sendTelepathy", "{}");

        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(json.readTree(wrongToken.body()).path("description").asText()).isEqualTo("Unauthorized");
        assertThat(unknownMethod.status).isEqualTo(404);
        assertThat(unknownMethod.body.path("description").asText()).isEqualTo("Not Found");
    }

    @Test
    void formEncodedCallsWorkToo() throws Exception {
        telegram.openChat(TEAM_CHAT, "group", "Ops");
        String form = "chat_id=" + TEAM_CHAT + "&text=From+a+form&reply_markup="
                + java.net.URLEncoder.encode("{\"inline_keyboard\":[[{\"text\":\"Go\",\"callback_data\":\"go\"}]]}",
                java.nio.charset.StandardCharsets.UTF_8);

        HttpResponse<String> response = rawHttp.send(HttpRequest.newBuilder(telegram.methodUrl("sendMessage"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(telegram.lastMessage(TEAM_CHAT).orElseThrow().callbackData()).containsExactly("go");
    }

    // --- limits ----------------------------------------------------------------------------------

    /** Bot API, sendMessage: "text: Text of the message to be sent, 1-4096 characters after entities parsing". */
    @Test
    void tooLongTextIsRefused() {
        telegram.openChat(TEAM_CHAT, "group", "Ops");

        assertThatThrownBy(() -> client.execute(SendMessage.builder().chatId(TEAM_CHAT).text("x".repeat(4097)).build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(400);
                    assertThat(refused.getApiResponse()).isEqualTo("Bad Request: message is too long");
                });
        assertThat(telegram.messages(TEAM_CHAT)).isEmpty();
    }

    @Test
    void emptyTextIsRefusedEvenWhenTheClientDoesNotCheck() throws Exception {
        telegram.openChat(TEAM_CHAT, "group", "Ops");

        Answer answer = post("sendMessage", "{\"chat_id\":" + TEAM_CHAT + ",\"text\":\"\"}");

        assertThat(answer.status).isEqualTo(400);
        assertThat(answer.body.path("description").asText()).isEqualTo("Bad Request: message text is empty");
    }

    @Test
    void theTextLimitCountsCharactersAfterEntityParsing() throws TelegramApiException {
        telegram.openChat(TEAM_CHAT, "group", "Ops");
        String bold = "<b>" + "x".repeat(4096) + "</b>";

        assertThat(client.execute(SendMessage.builder().chatId(TEAM_CHAT).text(bold).parseMode("HTML").build())
                .getText()).as("the tags do not count").hasSize(4096);
        assertThatThrownBy(() -> client.execute(SendMessage.builder().chatId(TEAM_CHAT)
                .text("<b>" + "x".repeat(4097) + "</b>").parseMode("HTML").build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, refused ->
                        assertThat(refused.getApiResponse()).isEqualTo("Bad Request: message is too long"));
    }

    /**
     * Bot API, InlineKeyboardButton: "callback_data: Data to be sent in a callback query to the bot when the button
     * is pressed, 1-64 bytes".
     */
    @Test
    void callbackDataOverSixtyFourBytesIsRefused() {
        telegram.openChat(TEAM_CHAT, "group", "Ops");
        InlineKeyboardMarkup tooMuch = InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("Approve").callbackData("a".repeat(65)).build())).build();

        assertThatThrownBy(() -> client.execute(SendMessage.builder().chatId(TEAM_CHAT).text("Promote?")
                .replyMarkup(tooMuch).build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, refused ->
                        assertThat(refused.getApiResponse()).isEqualTo("Bad Request: BUTTON_DATA_INVALID"));
    }

    @Test
    void unescapedOutsideTextInHtmlIsRefusedAsTelegramDoes() {
        telegram.openChat(TEAM_CHAT, "group", "Ops");

        assertThatThrownBy(() -> client.execute(SendMessage.builder().chatId(TEAM_CHAT)
                .text("Deploy failed: expected <digest> & got none").parseMode("HTML").build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, refused ->
                        assertThat(refused.getApiResponse())
                                .startsWith("Bad Request: can't parse entities: Unsupported start tag \"digest\""));
    }

    @Test
    void escapedOutsideTextInHtmlIsAccepted() throws TelegramApiException {
        telegram.openChat(TEAM_CHAT, "group", "Ops");

        Message sent = client.execute(SendMessage.builder().chatId(TEAM_CHAT)
                .text("Deploy failed: expected &lt;digest&gt; &amp; got none").parseMode("HTML").build());

        assertThat(sent.getText()).isEqualTo("Deploy failed: expected <digest> & got none");
    }

    /**
     * Bot API FAQ, "My bot is hitting limits, how do I avoid this?": "your bot will not be able to send more than 20
     * messages per minute to the same group"; Bot API, ResponseParameters: "retry_after: In case of exceeding flood
     * control, the number of seconds left to wait before the request can be repeated".
     */
    @Test
    void theTwentyFirstMessageInAMinuteToOneGroupIsRefusedWithRetryAfter() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T09:00:00Z"));
        try (TelegramStandIn limited = TelegramStandIn.builder().clock(clock).start()) {
            OkHttpTelegramClient bot = new OkHttpTelegramClient(new OkHttpClient(), limited.token(),
                    new TelegramUrl("http", "127.0.0.1", limited.port(), false));
            limited.openChat(TEAM_CHAT, "supergroup", "Ops");
            limited.userSends(DEPLOYER.id(), "private", DEPLOYER, "/start");
            for (int i = 0; i < 20; i++) {
                bot.execute(SendMessage.builder().chatId(TEAM_CHAT).text("message " + i).build());
                clock.advance(Duration.ofSeconds(2));
            }

            assertThatThrownBy(() -> bot.execute(SendMessage.builder().chatId(TEAM_CHAT).text("one too many")
                    .build()))
                    .isInstanceOfSatisfying(TelegramApiRequestException.class, refused -> {
                        assertThat(refused.getErrorCode()).isEqualTo(429);
                        assertThat(refused.getParameters().getRetryAfter())
                                .as("the first of the 20 leaves the minute in 20 s").isEqualTo(20);
                    });
            assertThat(bot.execute(SendMessage.builder().chatId(DEPLOYER.id()).text("private chats differ")
                    .build()).getText()).isEqualTo("private chats differ");
            clock.advance(Duration.ofSeconds(20));
            assertThat(bot.execute(SendMessage.builder().chatId(TEAM_CHAT).text("after the wait").build())
                    .getText()).isEqualTo("after the wait");
            assertThat(limited.botMessages(TEAM_CHAT)).hasSize(21);
        }
    }

    // --- faults ----------------------------------------------------------------------------------

    @Test
    void injectedFloodLimitSurfacesAsRetryAfter() throws TelegramApiException {
        telegram.openChat(TEAM_CHAT, "group", "Ops");
        telegram.tooManyRequests("sendMessage", 1, 2);
        SendMessage message = SendMessage.builder().chatId(TEAM_CHAT).text("Deployed").build();

        assertThatThrownBy(() -> client.execute(message))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(429);
                    assertThat(refused.getParameters().getRetryAfter()).isEqualTo(2);
                });
        assertThat(client.execute(message).getText()).as("only the planned call fails").isEqualTo("Deployed");
    }

    @Test
    void injectedFailureIsAnsweredOnce() throws TelegramApiException {
        telegram.openChat(TEAM_CHAT, "group", "Ops");
        telegram.failNext("sendmessage", 403, "Forbidden: bot was kicked from the group chat");
        SendMessage message = SendMessage.builder().chatId(TEAM_CHAT).text("Deployed").build();

        assertThatThrownBy(() -> client.execute(message))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, refused -> {
                    assertThat(refused.getErrorCode()).isEqualTo(403);
                    assertThat(refused.getApiResponse()).isEqualTo("Forbidden: bot was kicked from the group chat");
                });
        assertThat(client.execute(message).getMessageId()).isEqualTo(1);
    }

    // --- updates ---------------------------------------------------------------------------------

    /**
     * Bot API, getUpdates: "offset: Identifier of the first update to be returned. Must be greater by one than the
     * highest among the identifiers of previously received updates. By default, updates starting with the earliest
     * unconfirmed update are returned. An update is considered confirmed as soon as getUpdates is called with an
     * offset higher than its update_id."
     */
    @Test
    void updatesConfirmedByOffsetAreNotDeliveredAgain() throws TelegramApiException {
        telegram.userSends(TEAM_CHAT, "group", DEPLOYER, "/status");
        telegram.userSends(TEAM_CHAT, "group", DEPLOYER, "/promote staging");

        List<Update> first = client.execute(GetUpdates.builder().timeout(0).build());
        List<Update> again = client.execute(GetUpdates.builder().timeout(0).build());
        int next = first.get(1).getUpdateId() + 1;
        List<Update> afterConfirming = client.execute(GetUpdates.builder().offset(next).timeout(0).build());

        assertThat(first).extracting(u -> u.getMessage().getText()).containsExactly("/status", "/promote staging");
        assertThat(again).as("without an offset nothing is confirmed").hasSize(2);
        assertThat(afterConfirming).isEmpty();
        assertThat(telegram.pendingUpdateCount()).isZero();
    }

    @Test
    void anOffsetEqualToTheLastUpdateIdConfirmsNothingOfIt() throws TelegramApiException {
        telegram.userSends(TEAM_CHAT, "group", DEPLOYER, "/whoami");
        int last = client.execute(GetUpdates.builder().timeout(0).build()).get(0).getUpdateId();

        List<Update> again = client.execute(GetUpdates.builder().offset(last).timeout(0).build());

        assertThat(again).as("not higher than its update_id: still unconfirmed, delivered again")
                .extracting(Update::getUpdateId).containsExactly(last);
        assertThat(client.execute(GetUpdates.builder().offset(last + 1).timeout(0).build())).isEmpty();
    }

    /** Bot API, getUpdates: "timeout: Timeout in seconds for long polling." */
    @Test
    void longPollWaitsAndReturnsAsSoonAsAMessageArrives() throws Exception {
        CompletableFuture<List<Update>> poll = client.executeAsync(GetUpdates.builder().timeout(30).build())
                .thenApply(List::copyOf);
        await().atMost(Duration.ofSeconds(5)).until(telegram::isLongPollWaiting);
        assertThat(poll).isNotDone();

        telegram.userSends(TEAM_CHAT, "group", DEPLOYER, "/status");

        List<Update> updates = poll.get(5, SECONDS);
        assertThat(updates).extracting(u -> u.getMessage().getText()).containsExactly("/status");
    }

    /**
     * Telegram answers the older of two concurrent getUpdates with 409 "Conflict: terminated by other getUpdates
     * request; make sure that only one bot instance is running" (tdlib/telegram-bot-api, the Bot API server).
     */
    @Test
    void aNewerGetUpdatesTerminatesTheWaitingOneWithConflict() throws Exception {
        CompletableFuture<HttpResponse<String>> older = rawHttp.sendAsync(getUpdatesRequest(30),
                HttpResponse.BodyHandlers.ofString());
        await().until(telegram::isLongPollWaiting);

        CompletableFuture<HttpResponse<String>> newer = rawHttp.sendAsync(getUpdatesRequest(30),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> terminated = older.get(5, SECONDS);
        telegram.userSends(TEAM_CHAT, "group", DEPLOYER, "/status");

        assertThat(terminated.statusCode()).isEqualTo(409);
        assertThat(json.readTree(terminated.body()).path("description").asText())
                .startsWith("Conflict: terminated by other getUpdates request");
        assertThat(json.readTree(newer.get(5, SECONDS).body()).path("result").get(0).path("message").path("text")
                .asText()).isEqualTo("/status");
        assertThat(telegram.getUpdatesConflicts()).isEqualTo(1);
    }

    @Test
    void userMessageReachesTheLongPollingConsumer() throws Exception {
        PollingBot bot = new PollingBot().start();

        SentMessage question = telegram.userSends(TEAM_CHAT, "supergroup", DEPLOYER, "/promote staging");
        telegram.userReplies(TEAM_CHAT, "supergroup", DEPLOYER, "please", question.messageId());

        await().atMost(Duration.ofSeconds(10)).until(() -> bot.received.size() == 2);
        Message first = bot.received.get(0).getMessage();
        assertThat(first.getText()).isEqualTo("/promote staging");
        assertThat(first.getChat().isSuperGroupChat()).isTrue();
        assertThat(first.getFrom().getUserName()).isEqualTo(DEPLOYER.username());
        assertThat(bot.received.get(1).getMessage().getReplyToMessage().getText()).isEqualTo("/promote staging");
    }

    @Test
    void userEditAppearsAsEditedMessage() throws Exception {
        PollingBot bot = new PollingBot().start();
        SentMessage typo = telegram.userSends(TEAM_CHAT, "group", DEPLOYER, "/promote stagign");

        telegram.userEditsMessage(TEAM_CHAT, typo.messageId(), DEPLOYER, "/promote staging");

        await().atMost(Duration.ofSeconds(10)).until(() -> bot.received.size() == 2);
        assertThat(bot.received.get(1).getEditedMessage().getText()).isEqualTo("/promote staging");
        assertThat(telegram.message(TEAM_CHAT, typo.messageId()).orElseThrow().editCount()).isEqualTo(1);
    }

    @Test
    void buttonPressArrivesAsCallbackQueryAndTheAnswerIsRecorded() throws Exception {
        telegram.openChat(TEAM_CHAT, "group", "Ops");
        Message offer = client.execute(SendMessage.builder().chatId(TEAM_CHAT).text("Promote to prod?")
                .replyMarkup(approveOrReject("promo:9")).build());

        String pressId = telegram.userPressesButton(TEAM_CHAT, offer.getMessageId(), DEPLOYER, "approve:promo:9");

        Update press = client.execute(GetUpdates.builder().timeout(0).build()).get(0);
        assertThat(press.getCallbackQuery().getId()).isEqualTo(pressId);
        assertThat(press.getCallbackQuery().getData()).isEqualTo("approve:promo:9");
        assertThat(press.getCallbackQuery().getFrom().getUserName()).isEqualTo(DEPLOYER.username());
        assertThat(((Message) press.getCallbackQuery().getMessage()).getText()).isEqualTo("Promote to prod?");

        client.execute(AnswerCallbackQuery.builder().callbackQueryId(pressId).text("Approved").build());

        assertThat(telegram.callbackAnswer(pressId)).hasValueSatisfying(answer -> {
            assertThat(answer.text()).contains("Approved");
            assertThat(answer.showAlert()).isFalse();
        });
        assertThatThrownBy(() -> client.execute(AnswerCallbackQuery.builder().callbackQueryId(pressId).build()))
                .as("a query is answered once")
                .isInstanceOfSatisfying(TelegramApiRequestException.class,
                        refused -> assertThat(refused.getErrorCode()).isEqualTo(400));
    }

    @Test
    void listenersHearAboutEverySentOrEditedMessage() throws TelegramApiException {
        AtomicInteger changes = new AtomicInteger();
        telegram.openChat(TEAM_CHAT, "group", "Ops");
        try (Subscription ignored = telegram.onChange(changes::incrementAndGet)) {
            Message sent = client.execute(SendMessage.builder().chatId(TEAM_CHAT).text("Deploying").build());
            client.execute(EditMessageText.builder().chatId(TEAM_CHAT).messageId(sent.getMessageId())
                    .text("Deployed").build());
            telegram.userSends(TEAM_CHAT, "group", DEPLOYER, "thanks");
        }
        telegram.userSends(TEAM_CHAT, "group", DEPLOYER, "unheard");

        assertThat(changes).hasValue(3);
    }

    // --- stopping TelegramBots long polling ------------------------------------------------------

    @Test
    void closingTheApplicationAloneLeavesItsGetUpdatesRunningIntoAConflict() throws Exception {
        PollingBot first = new PollingBot().start();
        await().atMost(Duration.ofSeconds(5)).until(telegram::isLongPollWaiting);

        first.app.close();
        PollingBot restarted = new PollingBot().start();

        await().atMost(Duration.ofSeconds(10)).until(() -> first.getUpdatesStatuses.contains(409));
        assertThat(telegram.getUpdatesConflicts()).isEqualTo(1);
    }

    @Test
    void cleanStopLetsARestartPollWithoutConflictAndLosesNothing() throws Exception {
        PollingBot first = new PollingBot().start();
        await().atMost(Duration.ofSeconds(5)).until(telegram::isLongPollWaiting);

        first.stopCleanly();
        assertThat(first.executor.isTerminated()).as("no thread is left inside getUpdates").isTrue();

        telegram.userSends(TEAM_CHAT, "group", DEPLOYER, "/status while the bot restarts");
        PollingBot restarted = new PollingBot().start();

        await().atMost(Duration.ofSeconds(10)).until(() -> restarted.received.size() == 1);
        assertThat(restarted.received.get(0).getMessage().getText()).isEqualTo("/status while the bot restarts");
        assertThat(first.received).as("the stopped bot consumed nothing").isEmpty();
        assertThat(first.getUpdatesStatuses).doesNotContain(409);
        assertThat(restarted.getUpdatesStatuses).doesNotContain(409);
    }

    /**
     * TelegramBots 10.2.0: close() only cancels the scheduled polling task with cancel(false), so a
     * getUpdates already inside OkHttp keeps waiting out its 50 s timeout. Cancelling the OkHttp
     * calls is what ends it; interrupting the thread is not enough, but it cuts the back-off sleep
     * BotSession enters when its call fails. Repeat the cancel until the thread is gone in case the
     * task was just about to send a new getUpdates.
     */
    static void stopLongPolling(TelegramBotsLongPollingApplication app, OkHttpClient http,
            ScheduledExecutorService executor) throws Exception {
        app.close();
        executor.shutdownNow();
        long deadline = System.nanoTime() + SECONDS.toNanos(5);
        do {
            http.dispatcher().cancelAll();
        } while (!executor.awaitTermination(50, MILLISECONDS) && System.nanoTime() < deadline);
        http.connectionPool().evictAll();
    }

    /** A TelegramBots long-polling application wired for a clean stop: its own OkHttpClient and executor. */
    private final class PollingBot implements AutoCloseable {

        final List<Update> received = new CopyOnWriteArrayList<>();
        final List<Integer> getUpdatesStatuses = new CopyOnWriteArrayList<>();
        final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        final OkHttpClient http = new OkHttpClient.Builder()
                .readTimeout(75, SECONDS)
                .addInterceptor(chain -> {
                    okhttp3.Response response = chain.proceed(chain.request());
                    if (chain.request().url().encodedPath().endsWith("/getupdates")) {
                        getUpdatesStatuses.add(response.code());
                    }
                    return response;
                })
                .build();
        final TelegramBotsLongPollingApplication app =
                new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> http, () -> executor);

        // Deprecated in 10.2.0 in favour of DefaultLongPollingUpdateConsumer; BotSession drives both alike.
        @SuppressWarnings("deprecation")
        PollingBot start() throws TelegramApiException {
            cleanup.add(0, this);
            LongPollingSingleThreadUpdateConsumer consumer = received::add;
            app.registerBot(telegram.token(), TelegramStandInTest.this::telegramUrl, new DefaultGetUpdatesGenerator(),
                    consumer);
            return this;
        }

        void stopCleanly() throws Exception {
            stopLongPolling(app, http, executor);
        }

        @Override
        public void close() throws Exception {
            if (!executor.isTerminated()) {
                stopCleanly();
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static InlineKeyboardMarkup approveOrReject(String promotion) {
        return InlineKeyboardMarkup.builder().keyboardRow(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text("Approve").callbackData("approve:" + promotion).build(),
                InlineKeyboardButton.builder().text("Reject").callbackData("reject:" + promotion).build())).build();
    }

    private HttpRequest getUpdatesRequest(int timeoutSeconds) {
        return HttpRequest.newBuilder(telegram.methodUrl("getUpdates"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"timeout\":" + timeoutSeconds + "}")).build();
    }

    private Answer post(String method, String body) throws Exception {
        HttpResponse<String> response = rawHttp.send(HttpRequest.newBuilder(telegram.methodUrl(method))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()));
    }

    private record Answer(int status, JsonNode body) {
    }

}
