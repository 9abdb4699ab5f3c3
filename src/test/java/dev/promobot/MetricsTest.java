package dev.promobot;

import dev.promobot.sandbox.Seed;
import dev.promobot.sandbox.SentMessage;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.promobot.Cast.ADMIN;
import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator scraping /q/metrics sees after the team has worked with promobot: each of promobot's own
 * metrics, read as Prometheus text, moves when the thing it counts happens.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class MetricsTest {

    /** The one service of the test configuration, by default named after its repository. */
    private static final String SERVICE = "service=\"" + Seed.REPOSITORY + "\"";

    @Inject
    Db db;

    private final Conversation team = Conversation.team();

    @BeforeEach
    void fresh() {
        StandIns.reseedAws();
        db.update("UPDATE approval_request SET status = 'void' WHERE status = 'open'");
        db.update("DELETE FROM environment_lock");
    }

    @AfterEach
    void allowAwsAgain() {
        StandIns.aws().denyAccess(false);
    }

    @Test
    void aPromotionIsCountedByEnvironmentKindAndOutcomeWithItsDuration() {
        String succeeded = "promobot_deployments_total{environment=\"staging\",kind=\"promotion\","
                + "outcome=\"succeeded\"," + SERVICE + "}";
        String timed = "promobot_deployment_duration_seconds_count{environment=\"staging\",kind=\"promotion\","
                + "outcome=\"succeeded\"," + SERVICE + "}";
        double before = value(scrape(), succeeded);
        double timedBefore = value(scrape(), timed);

        team.replyTo(team.says(DEPLOYER, "/promote staging"), message -> message.text().startsWith("✅"));

        await().atMost(Duration.ofSeconds(10)).until(() -> value(scrape(), succeeded) == before + 1);
        String metrics = scrape();
        assertThat(value(metrics, timed)).isEqualTo(timedBefore + 1);
        assertThat(metrics).contains("promobot_deployment_duration_seconds_bucket{environment=\"staging\","
                + "kind=\"promotion\",outcome=\"succeeded\"," + SERVICE + ",le=\"30.0\"}");
    }

    @Test
    void anApprovedRequestRecordsHowLongItWaited() {
        String approved = "promobot_approval_wait_seconds_count{environment=\"prod\",outcome=\"approved\"," + SERVICE
                + "}";
        double before = value(scrape(), approved);
        SentMessage request = team.replyTo(team.says(DEPLOYER, "/promote prod " + release()),
                message -> message.text().contains("Promotion request #"));

        team.replies(APPROVER, "/approve prod", request);
        team.current(request, message -> message.text().contains("✅ deployed"));

        await().atMost(Duration.ofSeconds(10)).until(() -> value(scrape(), approved) == before + 1);
        assertThat(scrape()).contains("promobot_deployments_total{environment=\"prod\",kind=\"promotion\","
                + "outcome=\"succeeded\"," + SERVICE + "}");
    }

    @Test
    void aChatHeldBy429ShowsInTheOutboxBacklogAndTheTelegramErrors() {
        Conversation held = Conversation.team();
        String refused = "promobot_telegram_errors_total{kind=\"429\",method=\"sendMessage\"}";
        double before = value(scrape(), refused);
        StandIns.telegram().tooManyRequests("sendMessage", held.chatId(), 1, 5);

        SentMessage command = held.says(VIEWER, "/whoami");

        await().atMost(Duration.ofSeconds(10)).until(() -> value(scrape(), refused) == before + 1);
        // Held for 5 s: the answer waits in the outbox, and grows older there.
        await().atMost(Duration.ofSeconds(4)).until(() -> value(scrape(), "promobot_outbox_pending") >= 1
                && value(scrape(), "promobot_outbox_oldest_age_seconds") >= 1);
        held.replyTo(command);
        await().atMost(Duration.ofSeconds(10)).until(() -> value(scrape(), "promobot_outbox_pending") == 0);
        assertThat(value(scrape(), "promobot_outbox_oldest_age_seconds")).isZero();
    }

    @Test
    void theInboxBacklogIsShownAndEmptiesOnceProcessed() {
        team.replyTo(team.says(VIEWER, "/whoami"));

        await().atMost(Duration.ofSeconds(10)).until(() -> value(scrape(), "promobot_inbox_pending") == 0);
        String metrics = scrape();
        assertThat(value(metrics, "promobot_inbox_lag_seconds")).isZero();
        assertThat(metrics).contains("# TYPE promobot_inbox_lag_seconds gauge");
    }

    @Test
    void anAwsCallDeniedAccessIsCountedByServiceOperationAndKind() {
        String denied = "promobot_aws_errors_total{kind=\"access_denied\",operation=\"DescribeImages\","
                + "service=\"Ecr\"}";
        double before = value(scrape(), denied);
        StandIns.aws().denyAccess(true);

        SentMessage status = team.says(VIEWER, "/status");

        assertThat(team.replyTo(status).text()).contains("AWS denied promobot access");
        assertThat(value(scrape(), denied)).isGreaterThan(before);
    }

    @Test
    void theLatestLifecycleAuditsImagesAtRiskAreShown() {
        team.replyTo(team.says(ADMIN, "/audit"), message -> message.text().contains("at risk"));

        await().atMost(Duration.ofSeconds(10)).until(() -> db.one("SELECT COUNT(*) FROM lifecycle_audit_run",
                rs -> rs.getLong(1)).orElse(0L) > 0);
        int dangers = db.one("SELECT dangers FROM lifecycle_audit_run ORDER BY ran_at DESC, id DESC LIMIT 1",
                rs -> rs.getInt(1)).orElseThrow();
        int expiring = db.one("SELECT expiring FROM lifecycle_audit_run ORDER BY ran_at DESC, id DESC LIMIT 1",
                rs -> rs.getInt(1)).orElseThrow();
        String metrics = scrape();
        String service = "{service=\"" + Seed.REPOSITORY + "\"}";
        assertThat(value(metrics, "promobot_lifecycle_images_at_risk" + service)).isEqualTo(dangers);
        assertThat(value(metrics, "promobot_lifecycle_images_expiring" + service)).isEqualTo(expiring);
    }

    private static String release() {
        return "v42." + ThreadLocalRandom.current().nextInt(1_000_000) + ".0";
    }

    private static String scrape() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sample's value in Prometheus text, 0 when the series does not exist yet. */
    private static double value(String metrics, String series) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+|NaN)$").matcher(metrics);
        return sample.find() ? Double.parseDouble(sample.group(1)) : 0;
    }
}
