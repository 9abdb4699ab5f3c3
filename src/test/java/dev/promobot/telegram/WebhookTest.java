package dev.promobot.telegram;

import dev.promobot.Cast;
import dev.promobot.Conversation;
import dev.promobot.StandIns;
import dev.promobot.WebhookUpdates;
import dev.promobot.sandbox.SentMessage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Webhook mode: Telegram POSTs updates with the agreed secret; anything else is turned away. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
@TestProfile(WebhookTest.WebhookMode.class)
class WebhookTest {

    static final String SECRET = "webhook-secret-4f1c9a";

    public static class WebhookMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("promobot.telegram.mode", "webhook", "promobot.telegram.webhook-secret", SECRET,
                    "promobot.api.token", "");
        }
    }

    private final Conversation team = Conversation.team();

    @Test
    void aForgedCallWithoutTheSecretGets403AndIsNotActedOn() {
        SentMessage message = team.says(Cast.DEPLOYER, "/whoami");
        String update = WebhookUpdates.of(message, 800000001, "supergroup");

        given().contentType(ContentType.JSON).body(update)
                .when().post("/telegram/webhook").then().statusCode(403);
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", "guess").body(update)
                .when().post("/telegram/webhook").then().statusCode(403);
        // The genuine delivery afterwards is still taken: the forged one stored nothing.
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", SECRET).body(update)
                .when().post("/telegram/webhook").then().statusCode(200);

        assertThat(team.replyTo(message).text()).contains("role: deployer");
    }

    @Test
    void aRetriedDeliveryIsAnswered200AndActedOnOnce() {
        SentMessage message = team.says(Cast.VIEWER, "/whoami");
        String update = WebhookUpdates.of(message, 800000002, "supergroup");

        for (int delivery = 0; delivery < 3; delivery++) {
            given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", SECRET).body(update)
                    .when().post("/telegram/webhook").then().statusCode(200);
        }
        team.replyTo(message);
        SentMessage later = team.says(Cast.VIEWER, "/whoami");
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .body(WebhookUpdates.of(later, 800000003, "supergroup")).when().post("/telegram/webhook").then().statusCode(200);
        team.replyTo(later);

        assertThat(team.botMessages().stream()
                .filter(reply -> reply.replyToMessageId().equals(Optional.of(message.messageId())))).hasSize(1);
    }

    @Test
    void aBodyThatIsNotAnUpdateIsABadRequest() {
        given().contentType(ContentType.JSON).header("X-Telegram-Bot-Api-Secret-Token", SECRET).body("{\"hello\":1}")
                .when().post("/telegram/webhook").then().statusCode(400);
    }

    @Test
    void theDecisionEndpointIsOffWithoutAToken() {
        given().queryParam("target", "staging").when().get("/api/decisions").then().statusCode(404);
    }
}
