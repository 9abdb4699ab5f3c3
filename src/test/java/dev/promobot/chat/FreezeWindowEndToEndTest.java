package dev.promobot.chat;

import dev.promobot.Conversation;
import dev.promobot.StandIns;
import dev.promobot.promotion.AuditOutcome;
import dev.promobot.promotion.AuditTrail;
import dev.promobot.sandbox.SentMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.promobot.Cast.ADMIN;
import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.CHANNEL;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.VIEWER;
import static dev.promobot.Lambda.dev;
import static dev.promobot.Lambda.staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scheduled freeze window as the team meets it: promotions to its environments refused naming the window and
 * its end, an admin's override audited and announced in the channel, and the window in /status. The window here
 * starts every midnight and lasts 25 hours, so it is in force whenever the test runs.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
@TestProfile(FreezeWindowEndToEndTest.ChangeFreezeOnStaging.class)
class FreezeWindowEndToEndTest {

    public static class ChangeFreezeOnStaging implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("promobot.freeze-windows.change-freeze.schedule", "0 0 0 * * ?",
                    "promobot.freeze-windows.change-freeze.duration", "25H",
                    "promobot.freeze-windows.change-freeze.environments", "staging",
                    "promobot.freeze-windows.change-freeze.reason", "change freeze");
        }
    }

    @Inject
    AuditTrail audit;

    private final Conversation team = Conversation.team();
    private final Conversation channel = Conversation.group(CHANNEL);

    @BeforeEach
    void freshAws() {
        StandIns.reseedAws();
    }

    @Test
    void aPromotionDuringTheWindowIsRefusedNamingTheWindowAndWhenItEnds() {
        String before = staging();

        String refusal = team.replyTo(team.says(DEPLOYER, "/promote staging")).text();

        assertThat(refusal).startsWith("⛔ Not promoted to staging:").containsPattern("• staging is in freeze window "
                + "&#39;change-freeze&#39; until [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:00 UTC: change freeze; an admin "
                + "may override it by ending /promote with --override &lt;reason&gt;");
        assertThat(staging()).isEqualTo(before);
    }

    @Test
    void anAdminOverridesTheWindowForOnePromotionWhichIsAuditedAndAnnouncedInTheChannel() {
        SentMessage command = team.says(ADMIN, "/promote staging --override hotfix for incident 42");

        team.replyTo(command, message -> message.text().startsWith("✅"));

        assertThat(staging()).isEqualTo(dev());
        assertThat(audit.recent(Optional.empty(), Optional.of("staging"), 10)).anySatisfy(event -> {
            assertThat(event.outcome()).isEqualTo(AuditOutcome.OVERRIDDEN);
            assertThat(event.userId()).contains(ADMIN.id());
            assertThat(event.detail()).startsWith("freeze window change-freeze overridden for sha-")
                    .endsWith(": hotfix for incident 42");
        });
        SentMessage notice = await().atMost(Duration.ofSeconds(20)).until(() -> channel.botMessages().stream()
                .filter(message -> message.text().startsWith("⚠️ <b>Freeze window overridden</b> by "
                        + ADMIN.firstName() + " for <b>staging</b>")).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(notice.text()).contains("freeze window 'change-freeze' until ")
                .endsWith("reason: hotfix for incident 42");
    }

    @Test
    void onlyAnAdminMayOverrideAndTheWindowStillHoldsForEveryoneElse() {
        String refusal = team.replyTo(team.says(APPROVER, "/promote staging --override in a hurry")).text();

        assertThat(refusal).contains("• only admins may override a freeze window; you are an approver")
                .contains("• staging is in freeze window &#39;change-freeze&#39;");
        assertThat(audit.recent(Optional.empty(), Optional.of("staging"), 5)).noneMatch(event -> event.outcome()
                == AuditOutcome.OVERRIDDEN);
    }

    @Test
    void statusShowsTheWindowInForceAndTheNextOne() {
        String text = team.replyTo(team.says(VIEWER, "/status")).text();

        assertThat(text).containsPattern("🗓 freeze window 'change-freeze' on staging in force until "
                        + "[0-9-]{10} [0-9:]{5} UTC: change freeze")
                .containsPattern("🗓 next freeze window 'change-freeze' on staging: [0-9-]{10} 00:00 UTC "
                        + "until [0-9-]{10} 01:00 UTC: change freeze");
    }
}
