package dev.promobot.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promobot.Conversation;
import dev.promobot.StandIns;
import dev.promobot.promotion.AuditOutcome;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.store.Db;
import dev.promobot.telegram.Inbox;
import dev.promobot.telegram.UpdateProcessor;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.promobot.Cast.ADMIN;
import static dev.promobot.Cast.ANOTHER_FOREIGN_GROUP;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.FOREIGN_GROUP;
import static dev.promobot.Cast.STRANGER;
import static dev.promobot.Cast.VIEWER;
import static dev.promobot.Lambda.dev;
import static dev.promobot.Lambda.staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conversations with promobot through the real TelegramBots client (long polling) against the Telegram stand-in,
 * with ECR and Lambda played by the AWS stand-in. Assertions are on what people see in the chat, on what Lambda
 * runs afterwards, and on the audit trail.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class ChatEndToEndTest {

    @Inject
    AuditTrail audit;

    @Inject
    UpdateProcessor processor;

    @Inject
    Db db;

    @Inject
    ObjectMapper json;

    private final Conversation team = Conversation.team();

    @BeforeEach
    void freshAws() {
        StandIns.reseedAws();
    }

    @Test
    void aDeployerPromotesStagingAndStagingThenRunsExactlyWhatDevRuns() {
        String devDigest = dev();
        assertThat(staging()).isNotEqualTo(devDigest);

        SentMessage command = team.says(DEPLOYER, "/promote staging");

        SentMessage reply = team.replyTo(command, message -> message.text().startsWith("✅"));
        assertThat(reply.originalText()).startsWith("⏳ Promoting");
        assertThat(reply.text()).contains("<b>staging</b> now runs").contains(devDigest.substring(7, 19))
                .contains("by " + DEPLOYER.firstName()).containsPattern("in [0-9]+\\.[0-9] s")
                .endsWith("\n\n📝 Changelog: set promobot.github.repository and promobot.github.token to see the "
                        + "commits each promotion brings");
        assertThat(staging()).isEqualTo(devDigest);
        assertThat(audit.recent(Optional.empty(), Optional.of("staging"), 5)).extracting(AuditTrail.Event::outcome)
                .contains(AuditOutcome.SUCCEEDED);
    }

    @Test
    void aViewerIsRefusedWithOneLineAndNothingChanges() {
        String before = staging();

        SentMessage command = team.says(VIEWER, "/promote staging");

        assertThat(team.replyTo(command).text()).isEqualTo("Only deployers may promote; you are a viewer.");
        assertThat(staging()).isEqualTo(before);
        assertThat(audit.recent(Optional.empty(), Optional.empty(), 10)).anySatisfy(event -> {
            assertThat(event.userId()).contains(VIEWER.id());
            assertThat(event.chatId()).contains(team.chatId());
            assertThat(event.text()).isEqualTo("/promote staging");
            assertThat(event.outcome()).isEqualTo(AuditOutcome.REFUSED);
        });
    }

    @Test
    void promotingWhatStagingAlreadyRunsSaysSoAndChangesNothing() {
        team.replyTo(team.says(DEPLOYER, "/promote staging"), message -> message.text().startsWith("✅"));

        SentMessage again = team.says(DEPLOYER, "/promote staging");

        assertThat(team.replyTo(again).text()).startsWith("⛔ Not promoted to staging:")
                .contains("staging already runs").contains("nothing to do");
    }

    @Test
    void aNamedTagThatIsNotWhatDevRunsIsRefusedWithTheReason() {
        SentMessage command = team.says(DEPLOYER, "/promote staging latest");

        assertThat(team.replyTo(command).text()).contains("mutable name");
    }

    @Test
    void aCommandInAChatThatIsNotConfiguredIsIgnoredAndCounted() {
        Conversation foreign = Conversation.group(FOREIGN_GROUP);
        SentMessage ignored = foreign.says(DEPLOYER, "/promote staging");

        await().atMost(Duration.ofSeconds(20)).until(() -> db.one("SELECT COUNT(*) FROM inbox WHERE chat_id = ? "
                + "AND processed_at IS NULL", rs -> rs.getLong(1), FOREIGN_GROUP).orElse(0L) == 0);
        assertThat(foreign.reply(ignored)).isEmpty();
        assertThat(db.one("SELECT last_text FROM outside_message WHERE chat_id = ? AND user_id = ?",
                rs -> rs.getString(1), FOREIGN_GROUP, DEPLOYER.id())).as("counted by the hour, not audited")
                .contains("/promote staging");
        assertThat(staging()).isNotEqualTo(dev());
    }

    @Test
    void whoamiAnswersAnywhereWithTheIdsAnAdminNeeds() {
        Conversation foreign = Conversation.group(ANOTHER_FOREIGN_GROUP);

        SentMessage reply = foreign.replyTo(foreign.says(STRANGER, "/whoami"));

        assertThat(reply.text()).contains("user id: <code>" + STRANGER.id() + "</code>").contains("role: none")
                .contains("chat id: <code>" + ANOTHER_FOREIGN_GROUP + "</code>");
    }

    @Test
    void statusShowsEveryEnvironmentInPipelineOrderAndHowFarBehind() {
        SentMessage reply = team.replyTo(team.says(VIEWER, "/status"));

        String text = reply.text();
        assertThat(text.indexOf("<b>dev</b>")).isPositive().isLessThan(text.indexOf("<b>staging</b>"));
        assertThat(text.indexOf("<b>staging</b>")).isLessThan(text.indexOf("<b>prod</b>"));
        assertThat(text).contains("2 images behind dev").contains("7 images behind staging")
                .contains("deployed outside promobot").contains(dev().substring(7, 19));
    }

    @Test
    void helpListsOnlyTheCommandsTheCallerMayUse() {
        String forViewer = team.replyTo(team.says(VIEWER, "/help")).text();
        String forDeployer = team.replyTo(team.says(DEPLOYER, "/help")).text();

        assertThat(forViewer).contains("/status").contains("/history").doesNotContain("/promote");
        assertThat(forDeployer).contains("/status").contains("/promote &lt;env&gt; [tag]")
                .doesNotContain("[service]").doesNotContain("Services:");
    }

    @Test
    void anUnknownCommandGetsAHintToHelp() {
        assertThat(team.replyTo(team.says(ADMIN, "/deploy prod")).text())
                .isEqualTo("I don't know /deploy. Send /help for the commands you may use.");
    }

    @Test
    void aCommandForAnotherBotAndPlainChatAreLeftAlone() {
        SentMessage other = team.says(DEPLOYER, "/status@SomeOtherBot");
        SentMessage chat = team.says(DEPLOYER, "deploying after lunch");
        team.replyTo(team.says(DEPLOYER, "/whoami"));

        assertThat(team.reply(other)).isEmpty();
        assertThat(team.reply(chat)).isEmpty();
    }

    @Test
    void aCommandAddressedToPromobotByNameIsAnswered() {
        String username = StandIns.telegram().bot().username();

        assertThat(team.replyTo(team.says(VIEWER, "/whoami@" + username)).text()).contains("role: viewer");
    }

    @Test
    void aKnownUserMayLookButNotChangeFromAPrivateChat() {
        Conversation direct = Conversation.privateWith(DEPLOYER);

        assertThat(direct.replyTo(direct.says(DEPLOYER, "/status")).text()).contains("<b>prod</b>");
        assertThat(direct.replyTo(direct.says(DEPLOYER, "/promote staging")).text())
                .isEqualTo("/promote is only taken in the team's chat.");
    }

    @Test
    void imagesListsTheNewestByBuildTimeWithWhereEachRunsAndItsRank() {
        String text = team.replyTo(team.says(VIEWER, "/images 12")).text();

        assertThat(text).contains("the lifecycle policy keeps 30");
        assertThat(text.lines().filter(line -> line.matches("[0-9]+\\. .*"))).hasSize(12);
        assertThat(text).contains("1. <code>sha-").contains("← dev").contains("← staging");
        assertThat(text.lines().filter(line -> line.startsWith("10. ")).findFirst()).hasValueSatisfying(line ->
                assertThat(line).contains("← prod"));
    }

    @Test
    void historyShowsTheAuditTrailNewestFirst() {
        team.replyTo(team.says(VIEWER, "/promote staging"));

        String text = team.replyTo(team.says(VIEWER, "/history 3")).text();

        List<String> lines = text.lines().skip(1).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains(VIEWER.firstName()).contains("/promote staging").contains("refused");
    }

    @Test
    void theCommandMenuIsRegisteredAtStartUp() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(StandIns.telegram().commands()).extracting(command -> command.command())
                        .contains("status", "promote", "history", "images", "whoami", "help"));
    }

    @Test
    void everyButtonPressIsAnswered() {
        SentMessage anchor = team.replyTo(team.says(VIEWER, "/whoami"));
        long update = StandIns.telegram().enqueueRawUpdate("""
                {"callback_query": {"id": "press-4711", "chat_instance": "1", "data": "approve:1",
                 "from": {"id": %d, "is_bot": false, "first_name": "%s"},
                 "message": {"message_id": %d, "date": 1764200000,
                   "chat": {"id": %d, "type": "supergroup", "title": "Team"}, "text": "x"}}}"""
                .formatted(DEPLOYER.id(), DEPLOYER.firstName(), anchor.messageId(), team.chatId()));

        assertThat(update).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> StandIns.telegram().requests("answerCallbackQuery")
                .stream().anyMatch(request -> "press-4711".equals(request.get("callback_query_id"))));
    }

    @Test
    void anEditedMessageIsNotACommand() {
        SentMessage original = team.says(DEPLOYER, "hello");
        StandIns.telegram().userEditsMessage(team.chatId(), original.messageId(), DEPLOYER.user(),
                "/promote staging");
        team.replyTo(team.says(DEPLOYER, "/whoami"));

        assertThat(team.reply(original)).isEmpty();
        assertThat(staging()).isNotEqualTo(dev());
    }

    @Test
    void theSameUpdateDeliveredTwiceIsActedOnOnce() throws Exception {
        SentMessage command = team.says(DEPLOYER, "/whoami");
        team.replyTo(command);
        // Telegram delivers the same update again, as it does when it did not see the first delivery confirmed.
        Inbox.StoredUpdate first = db.one(
                "SELECT update_id, payload, attempts FROM inbox WHERE payload LIKE ? AND payload LIKE ?",
                rs -> new Inbox.StoredUpdate(rs.getLong(1), rs.getString(2), rs.getInt(3)),
                "%\"message_id\":" + command.messageId() + ",%", "%" + team.chatId() + "%").orElseThrow();

        assertThat(processor.receive(json.readTree(first.payload()), first.payload())).isFalse();
        team.replyTo(team.says(DEPLOYER, "/whoami"));

        assertThat(team.botMessages().stream()
                .filter(message -> message.replyToMessageId().equals(Optional.of(command.messageId())))).hasSize(1);
    }

    @Test
    void aTelegram429DelaysTheReplyWithoutLosingOrDoublingIt() {
        StandIns.telegram().tooManyRequests("sendMessage", 1, 2);
        int before = StandIns.telegram().requestCount("sendMessage");
        long started = System.nanoTime();

        SentMessage command = team.says(ADMIN, "/whoami");
        SentMessage reply = team.replyTo(command);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(reply.text()).contains("role: admin");
        assertThat(team.botMessages().stream()
                .filter(message -> message.replyToMessageId().equals(Optional.of(command.messageId())))).hasSize(1);
        assertThat(StandIns.telegram().requestCount("sendMessage") - before).isEqualTo(2);
    }

    @Test
    void aFailedSendIsRetriedAndArrivesOnce() {
        StandIns.telegram().failNext("sendMessage", 502, "Bad Gateway");
        int before = StandIns.telegram().requestCount("sendMessage");

        SentMessage command = team.says(VIEWER, "/whoami");

        assertThat(team.replyTo(command).text()).contains("role: viewer");
        assertThat(team.botMessages().stream()
                .filter(message -> message.replyToMessageId().equals(Optional.of(command.messageId())))).hasSize(1);
        assertThat(StandIns.telegram().requestCount("sendMessage") - before).isEqualTo(2);
    }

    @Test
    void valuesFromOutsideAreEscapedSoTelegramAcceptsTheMessage() {
        SentMessage command = team.says(DEPLOYER, "/promote staging <b>&");

        assertThat(team.replyTo(command).text()).contains("&lt;b&gt;&amp;");
    }

    @Test
    void anAdminRunsTheLifecycleAuditAndReadsTheDetails() {
        String text = team.replyTo(team.says(ADMIN, "/audit")).text();

        assertThat(text).startsWith("<b>ECR lifecycle audit</b> · dr-daily-report-telegram-api")
                .contains("10 of 40 images due to expire").contains("<b>Due per rule</b>\nrule 1: 10 images")
                .contains("about $").doesNotContain("{");
        assertThat(team.replyTo(team.says(DEPLOYER, "/audit")).text())
                .isEqualTo("Only admins may run the lifecycle audit; you are a deployer.");
    }
}
