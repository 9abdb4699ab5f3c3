package dev.promobot.chat;

import dev.promobot.Conversation;
import dev.promobot.StandIns;
import dev.promobot.promotion.AuditOutcome;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.promobot.Cast.ADMIN;
import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.CHANNEL;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.SECOND_APPROVER;
import static dev.promobot.Cast.VIEWER;
import static dev.promobot.Lambda.dev;
import static dev.promobot.Lambda.staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the line from the team chat: /freeze stops every promotion, is announced, pinned and posted to the
 * channel; rollbacks stay allowed; two different approvers or admins lift it with /unfreeze.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class FreezeEndToEndTest {

    @Inject
    AuditTrail audit;

    @Inject
    Db db;

    private final Conversation team = Conversation.team();
    private final Conversation channel = Conversation.group(CHANNEL);

    @BeforeEach
    void fresh() {
        StandIns.reseedAws();
        liftAnyFreeze();
    }

    @AfterEach
    void liftAnyFreeze() {
        // A freeze stops every promotion of every test: none outlives the test that declared it.
        db.update("UPDATE promotion_freeze SET in_force = NULL, lifted_at = CURRENT_TIMESTAMP "
                + "WHERE in_force IS NOT NULL");
    }

    @Test
    void aDeployerFreezesAndTheAnnouncementIsPinnedInTheTeamChatAndPostedToTheChannel() {
        SentMessage announcement = team.replyTo(team.says(DEPLOYER, "/freeze incident 42"));

        assertThat(announcement.text()).startsWith("🧊 <b>Promotions are frozen</b> by " + DEPLOYER.firstName())
                .contains(": incident 42")
                .contains("No promotion to any environment until 2 approvers or admins send /unfreeze. Rollbacks "
                        + "stay allowed.");
        await().atMost(Duration.ofSeconds(20)).until(() -> StandIns.telegram().pinnedMessages(team.chatId())
                .contains(announcement.messageId()));
        await().atMost(Duration.ofSeconds(20)).until(() -> channel.botMessages().stream()
                .anyMatch(message -> message.text().contains("Promotions are frozen</b> by "
                        + DEPLOYER.firstName() + " since") && message.text().contains("incident 42")));
        assertThat(audit.recent(Optional.empty(), Optional.empty(), 5)).anySatisfy(event -> {
            assertThat(event.outcome()).isEqualTo(AuditOutcome.FROZEN);
            assertThat(event.detail()).isEqualTo("incident 42");
        });
    }

    @Test
    void theLineCanBeStoppedAndReleasedWhileAwsCannotBeRead() {
        StandIns.aws().denyAccess(true);
        try {
            SentMessage frozen = team.replyTo(team.says(DEPLOYER, "/freeze AWS is down"));
            team.replyTo(team.says(APPROVER, "/unfreeze"));
            SentMessage lifted = team.replyTo(team.says(ADMIN, "/unfreeze"));

            assertThat(frozen.text()).startsWith("🧊 <b>Promotions are frozen</b>");
            assertThat(lifted.text()).startsWith("🟢 <b>The freeze is lifted</b>");
        } finally {
            StandIns.aws().denyAccess(false);
        }
    }

    @Test
    void whileFrozenAPromotionIsRefusedNamingTheFreezeAndStatusShowsIt() {
        team.replyTo(team.says(DEPLOYER, "/freeze incident 42"));
        String before = staging();

        String refusal = team.replyTo(team.says(DEPLOYER, "/promote staging")).text();

        assertThat(refusal).startsWith("⛔ Not promoted to staging:")
                .contains("• every promotion is frozen by " + DEPLOYER.firstName() + " since ")
                .contains(": incident 42; it lifts when 2 approvers or admins send /unfreeze");
        assertThat(staging()).isEqualTo(before);
        assertThat(team.replyTo(team.says(VIEWER, "/status")).text())
                .contains("🧊 <b>promotions frozen</b> by " + DEPLOYER.firstName())
                .contains("(0 of 2 asked to lift it with /unfreeze)");
    }

    @Test
    void aRollbackIsAllowedWhileFrozen() {
        String before = staging();
        team.replyTo(team.says(DEPLOYER, "/promote staging"), message -> message.text().startsWith("✅"));
        assertThat(staging()).isEqualTo(dev());
        team.replyTo(team.says(DEPLOYER, "/freeze bad release"));

        SentMessage rollback = team.replyTo(team.says(DEPLOYER, "/rollback staging"),
                message -> message.text().startsWith("✅"));

        assertThat(rollback.text()).contains("<b>staging</b>");
        assertThat(staging()).isEqualTo(before);
    }

    @Test
    void twoDifferentApproversLiftTheFreezeAndTheSameApproverTwiceDoesNot() {
        SentMessage announcement = team.replyTo(team.says(APPROVER, "/freeze"));
        await().atMost(Duration.ofSeconds(20)).until(() -> StandIns.telegram().pinnedMessages(team.chatId())
                .contains(announcement.messageId()));

        assertThat(team.replyTo(team.says(APPROVER, "/unfreeze")).text()).isEqualTo("🧊 1 of 2 to lift the "
                + "freeze: " + APPROVER.firstName() + " asked. It stays until another approver or admin sends "
                + "/unfreeze.");
        assertThat(team.replyTo(team.says(APPROVER, "/unfreeze")).text()).isEqualTo("⛔ you already asked to "
                + "lift the freeze; it takes 2 different approvers or admins, so another one must send /unfreeze");
        assertThat(team.replyTo(team.says(DEPLOYER, "/promote staging")).text())
                .contains("every promotion is frozen").contains("(1 of 2 so far)");

        SentMessage lifted = team.replyTo(team.says(SECOND_APPROVER, "/unfreeze"));

        assertThat(lifted.text()).startsWith("🟢 <b>The freeze is lifted</b> by " + APPROVER.firstName() + " and "
                + SECOND_APPROVER.firstName() + "; promotions move again.");
        await().atMost(Duration.ofSeconds(20)).until(() -> !StandIns.telegram().pinnedMessages(team.chatId())
                .contains(announcement.messageId()));
        await().atMost(Duration.ofSeconds(20)).until(() -> channel.botMessages().stream()
                .anyMatch(message -> message.text().contains("The freeze is lifted</b> by " + APPROVER.firstName()
                        + " and " + SECOND_APPROVER.firstName())));
        assertThat(team.replyTo(team.says(DEPLOYER, "/promote staging"), message -> message.text().startsWith("✅"))
                .text()).contains("<b>staging</b> now runs");
    }

    @Test
    void theAdminWhoFrozeMayBeOneOfTheTwoWhoLiftIt() {
        team.replyTo(team.says(ADMIN, "/freeze audit"));

        team.replyTo(team.says(ADMIN, "/unfreeze"));
        SentMessage lifted = team.replyTo(team.says(APPROVER, "/unfreeze"));

        assertThat(lifted.text()).contains("lifted</b> by " + ADMIN.firstName() + " and " + APPROVER.firstName());
        assertThat(audit.recent(Optional.empty(), Optional.empty(), 5)).extracting(AuditTrail.Event::outcome)
                .contains(AuditOutcome.UNFREEZE_ASKED, AuditOutcome.UNFROZEN);
    }

    @Test
    void aDeployerMayFreezeButNotLiftTheFreeze() {
        team.replyTo(team.says(DEPLOYER, "/freeze"));

        assertThat(team.replyTo(team.says(DEPLOYER, "/unfreeze")).text())
                .isEqualTo("Only approvers may lift the freeze; you are a deployer.");
        assertThat(team.replyTo(team.says(VIEWER, "/freeze")).text())
                .isEqualTo("Only deployers may freeze promotions; you are a viewer.");
    }

    @Test
    void unfreezingWhatIsNotFrozenAndFreezingTwiceAreRefused() {
        assertThat(team.replyTo(team.says(APPROVER, "/unfreeze")).text()).isEqualTo("⛔ promotions are not frozen");

        team.replyTo(team.says(DEPLOYER, "/freeze first"));

        assertThat(team.replyTo(team.says(APPROVER, "/freeze second")).text())
                .startsWith("⛔ promotions are already frozen by " + DEPLOYER.firstName()).endsWith(": first");
    }

    @Test
    void whereTheBotMayNotPinTheFreezeIsStillAnnouncedAndTheRefusalIsSetAside() {
        Conversation unpinnable = Conversation.team();
        StandIns.telegram().refusePinning(unpinnable.chatId());

        SentMessage announcement = unpinnable.replyTo(unpinnable.says(DEPLOYER, "/freeze"));

        assertThat(announcement.text()).startsWith("🧊 <b>Promotions are frozen</b>");
        await().atMost(Duration.ofSeconds(20)).until(() -> db.one("SELECT error FROM outbox WHERE chat_id = ? "
                        + "AND pin = 'pin' AND sent_at IS NOT NULL", rs -> rs.getString(1), unpinnable.chatId())
                .filter(error -> error.startsWith("400: Bad Request: not enough rights")).isPresent());
        assertThat(StandIns.telegram().pinnedMessages(unpinnable.chatId())).isEmpty();
        assertThat(unpinnable.replyTo(unpinnable.says(VIEWER, "/status")).text()).contains("promotions frozen");
    }
}
