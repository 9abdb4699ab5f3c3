package dev.promobot.telegram;

import dev.promobot.Cast;
import dev.promobot.Conversation;
import dev.promobot.StandIns;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Long polling against the stand-in, which confirms updates the way the Bot API does. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
@TestProfile(LongPollingTest.QuickToWorry.class)
class LongPollingTest {

    public static class QuickToWorry implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("promobot.telegram.unhealthy-after", "3S");
        }
    }

    private final Conversation team = Conversation.team();

    @Inject
    Db db;

    @Test
    void idleLongPollingMakesAtMostOneGetUpdatesPerLongPollPeriod() {
        SentMessage whoami = team.says(Cast.DEPLOYER, "/whoami");
        team.replyTo(whoami);
        await().atMost(Duration.ofSeconds(10)).until(StandIns.telegram()::isLongPollWaiting);
        int before = StandIns.telegram().requestCount("getUpdates");

        // The long poll is 30 s: an idle bot that confirmed what it received waits in one getUpdates all along.
        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(12))
                .until(() -> StandIns.telegram().requestCount("getUpdates") - before <= 1);
        assertThat(StandIns.telegram().pendingUpdateCount()).as("everything received was confirmed").isZero();
    }

    @Test
    void updatesTelegramBotsCannotReadNeitherStopPollingNorHoldTheirChatUp() {
        // An entity longer than its text, which TelegramBots' own getUpdates fails to read, batch and all.
        long oddEntity = StandIns.telegram().enqueueRawUpdate("""
                {"message": {"message_id": 990001, "date": 1764200000,
                 "chat": {"id": %d, "type": "supergroup", "title": "Team"},
                 "from": {"id": %d, "is_bot": false, "first_name": "Dana"}, "text": "/",
                 "entities": [{"type": "bot_command", "offset": 0, "length": 11}]}}""".formatted(team.chatId(),
                Cast.DEPLOYER.id()));
        // A sender that is not a user at all: nothing can read it.
        long unreadable = StandIns.telegram().enqueueRawUpdate("""
                {"message": {"message_id": 990002, "date": 1764200000,
                 "chat": {"id": %d, "type": "supergroup", "title": "Team"}, "from": "Dana", "text": "/status"}}"""
                .formatted(team.chatId()));

        SentMessage whoami = team.says(Cast.DEPLOYER, "/whoami");

        assertThat(team.replyTo(whoami).text()).contains("role: deployer");
        assertThat(db.one("SELECT outcome FROM inbox WHERE update_id = ?", rs -> rs.getString(1), oddEntity))
                .contains("ignored: not for promobot");
        assertThat(db.one("SELECT outcome FROM inbox WHERE update_id = ?", rs -> rs.getString(1), unreadable))
                .as("set aside at once, not retried").contains("ignored: unreadable");
        assertThat(StandIns.telegram().pendingUpdateCount()).as("all confirmed").isZero();
    }

    @Test
    void anUpdateThatCouldNotBeStoredIsFetchedAgainOnceTheDatabaseIsBack() {
        db.update("ALTER TABLE inbox RENAME TO inbox_away");
        SentMessage whoami;
        try {
            whoami = team.says(Cast.DEPLOYER, "/whoami");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                JsonPath health = given().when().get("/q/health/ready").then().statusCode(503).extract().jsonPath();
                assertThat(health.getString("checks.find { it.name == 'telegram-long-polling' }.data.reason"))
                        .startsWith("no getUpdates has succeeded for");
            });
            assertThat(StandIns.telegram().pendingUpdateCount()).as("not confirmed while it is not stored")
                    .isEqualTo(1);
        } finally {
            db.update("ALTER TABLE inbox_away RENAME TO inbox");
        }

        SentMessage reply = team.replyTo(whoami);
        assertThat(reply.text()).contains(String.valueOf(Cast.DEPLOYER.id()));
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
        assertThat(team.botMessages()).filteredOn(m -> m.replyToMessageId().equals(java.util.Optional.of(
                whoami.messageId()))).as("answered once").hasSize(1);
    }
}
