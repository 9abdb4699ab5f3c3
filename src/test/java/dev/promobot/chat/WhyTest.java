package dev.promobot.chat;

import dev.promobot.Conversation;
import dev.promobot.StandIns;
import dev.promobot.promotion.ExplainPromotion;
import dev.promobot.promotion.ExplainPromotion.Explanation;
import dev.promobot.rules.Action;
import dev.promobot.rules.Decision;
import dev.promobot.rules.Reason;
import dev.promobot.rules.Rule;
import dev.promobot.rules.Snapshot;
import dev.promobot.store.Db;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.promobot.Cast.ADMIN;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.VIEWER;
import static dev.promobot.Lambda.dev;
import static dev.promobot.rules.Fixture.APPROVER;
import static dev.promobot.rules.Fixture.DEV_IMAGE;
import static dev.promobot.rules.Fixture.NIGHTLY_IMAGE;
import static dev.promobot.rules.Fixture.image;
import static dev.promobot.rules.Fixture.prodRequest;
import static dev.promobot.rules.Fixture.snapshot;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * /why: every reason /promote would be refused now, each with its rule, from the engine the decision endpoint asks;
 * or what it would deploy; and the freeze, windows, locks, deployments in flight and open requests around it.
 */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class WhyTest {

    private static final String DEV_TAG = "sha-ccccccc-20251127143005";

    @Inject
    WhyCommand why;

    @Inject
    Db db;

    private final Conversation team = Conversation.team();

    @BeforeEach
    void fresh() {
        StandIns.reseedAws();
        clear();
    }

    @AfterEach
    void clear() {
        db.update("UPDATE promotion_freeze SET in_force = NULL, lifted_at = CURRENT_TIMESTAMP WHERE in_force IS NOT NULL");
        db.update("UPDATE approval_request SET status = 'void' WHERE status = 'open'");
        db.update("DELETE FROM environment_lock");
    }

    // ---- each blocking reason -----------------------------------------------------------------------------------

    static Stream<Arguments> everyReasonAPromotionCanBeRefusedFor() {
        return Stream.of(
                arguments(Rule.R1, snapshot().runs("dev", NIGHTLY_IMAGE), "staging", Optional.empty()),
                arguments(Rule.R2, snapshot().withoutImage(DEV_IMAGE), "staging", Optional.empty()),
                arguments(Rule.R3, snapshot(), "qa", Optional.empty()),
                arguments(Rule.R4, snapshot().runsNothing("dev"), "staging", Optional.empty()),
                arguments(Rule.R5, snapshot().runs("staging", DEV_IMAGE), "staging", Optional.empty()),
                arguments(Rule.R6, snapshot(), "prod", Optional.empty()),
                arguments(Rule.R7, snapshot().request(prodRequest(7, APPROVER)), "prod", Optional.of("v1.1.0")),
                arguments(Rule.R8, snapshot().withoutImage(DEV_IMAGE).withImage(image('c', "2025-11-27T14:30:10Z"))
                        .withImage(image('f', "2025-11-27T16:00:00Z", DEV_TAG)), "staging", Optional.empty()),
                arguments(Rule.R9, snapshot().locked("staging", APPROVER, "audit <soon>"), "staging",
                        Optional.empty()),
                arguments(Rule.R10, snapshot().deploying("staging", APPROVER), "staging", Optional.empty()),
                arguments(Rule.R13, snapshot().frozen(APPROVER, "incident <42>"), "staging", Optional.empty()),
                arguments(Rule.R14, snapshot().window("weekend", List.of("prod"), "2025-11-27T14:00:00Z",
                        "2025-11-30T06:00:00Z", "weekend"), "prod", Optional.of("v1.1.0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void everyReasonAPromotionCanBeRefusedFor(Rule rule, dev.promobot.rules.Fixture.Builder world, String env,
                                              Optional<String> second) {
        Snapshot snapshot = world.build();
        Action.Promote promote = new Action.Promote(env, env.equals("prod") ? Optional.empty() : second,
                env.equals("prod") ? second : Optional.empty());
        Decision decision = ExplainPromotion.wouldPromote(snapshot, promote);

        String text = unescaped(why.render(new Explanation(snapshot, promote, decision, List.of()), second));

        assertThat(decision.rules()).as("the engine refuses under %s", rule).contains(rule);
        assertThat(text).startsWith("🔎 <b>/promote " + env + second.map(word -> " " + word).orElse("")
                + "</b> right now\n⛔ would be refused:").doesNotContain("nothing blocks");
        for (Reason reason : decision.reasons()) {
            assertThat(text).contains("• " + reason.sentence() + " <i>(" + reason.rule() + " "
                    + reason.rule().title() + ")</i>");
        }
    }

    @Test
    void whatStandsAroundTheEnvironmentIsNamedTooWithTheApprovalsARequestStillNeeds() {
        Snapshot snapshot = snapshot().prodApprovals(2).request(prodRequest(7, APPROVER, ADMIN.id()))
                .locked("prod", APPROVER, "audit").deploying("prod", APPROVER).frozen(APPROVER, "")
                .window("weekend", List.of("prod"), "2025-11-27T14:00:00Z", "2025-11-30T06:00:00Z", "weekend")
                .build();
        Action.Promote promote = new Action.Promote("prod", Optional.empty(), Optional.of("v1.1.0"));

        String text = unescaped(why.render(new Explanation(snapshot, promote,
                ExplainPromotion.wouldPromote(snapshot, promote), List.of()), Optional.of("v1.1.0")));

        assertThat(text).contains("🧊 promotions frozen by " + APPROVER.name() + " since 2025-11-27 10:00 UTC "
                        + "(0 of 2 asked to lift it)")
                .contains("🗓 freeze window 'weekend' in force until 2025-11-30 06:00 UTC: weekend")
                .contains("🔒 locked by " + APPROVER.name() + " since 2025-11-27 09:30 UTC: audit")
                .contains("⏳ deployment running, started by " + APPROVER.name() + " at 2025-11-27 14:55 UTC")
                .contains("✋ request #7 for <code>sha-bbbbbbb-20251125</code> by " + APPROVER.name()
                        + ": 1 of 2 approvals, 1 still needed");
    }

    @Test
    void nothingBlocksNamesTheImageThatWouldBeDeployed() {
        Snapshot snapshot = snapshot().build();
        Action.Promote promote = new Action.Promote("staging", Optional.empty(), Optional.empty());

        String text = why.render(new Explanation(snapshot, promote, ExplainPromotion.wouldPromote(snapshot, promote),
                List.of()), Optional.empty());

        assertThat(text).isEqualTo("🔎 <b>/promote staging</b> right now\n✅ nothing blocks: /promote staging would "
                + "deploy <code>" + DEV_TAG + "</code> (cccccccccccc)");
    }

    // ---- in the chat --------------------------------------------------------------------------------------------

    @Test
    void inTheChatNothingBlocksSaysWhatPromoteWouldDeploy() {
        String text = team.replyTo(team.says(VIEWER, "/why staging")).text();

        assertThat(text).startsWith("🔎 <b>/promote staging</b> right now\n✅ nothing blocks: /promote staging "
                + "would deploy <code>sha-").contains("(" + dev().substring(7, 19) + ")");
    }

    @Test
    void inTheChatWhyGivesEveryReasonTheDecisionEndpointGives() {
        team.replyTo(team.says(ADMIN, "/lock staging audit"));
        team.replyTo(team.says(DEPLOYER, "/freeze incident 42"));

        String text = unescaped(team.replyTo(team.says(VIEWER, "/why staging")).text());
        JsonPath decision = given().auth().oauth2(StandIns.API_TOKEN).queryParam("target", "staging")
                .when().get("/api/decisions").then().statusCode(200).extract().jsonPath();

        List<String> sentences = decision.getList("reasons.sentence");
        assertThat(decision.getList("reasons.rule", String.class)).containsExactly("R13", "R9");
        for (String sentence : sentences) {
            assertThat(text).contains("• " + sentence);
        }
        assertThat(text).contains("🧊 promotions frozen by " + DEPLOYER.firstName()).contains("🔒 locked by "
                + ADMIN.firstName());
    }

    @Test
    void inTheChatWhyNamesAnOpenRequestAndTheApprovalItStillNeeds() {
        team.replyTo(team.says(DEPLOYER, "/promote prod v9.0.1"), message -> message.text().contains("Promotion request"));

        String text = team.replyTo(team.says(VIEWER, "/why prod v9.0.1")).text();

        assertThat(text).contains("already has open approval request #").contains("(R7 approval)")
                .containsPattern("✋ request #[0-9]+ for <code>sha-[0-9a-f]+-[0-9]+</code> by "
                        + DEPLOYER.firstName() + ": 0 of 1 approvals, 1 still needed");
    }

    /** Qute writes ' as &#39;; the sentences compared here are the engine's own. */
    private static String unescaped(String html) {
        return html.replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }
}
