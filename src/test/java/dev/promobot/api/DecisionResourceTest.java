package dev.promobot.api;

import dev.promobot.Cast;
import dev.promobot.Lambda;
import dev.promobot.promotion.Freezes;
import dev.promobot.store.Db;
import dev.promobot.StandIns;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/** The CI pipeline asks promobot's rules the same question a deployer would, over HTTP. */
@QuarkusTest
@QuarkusTestResource(StandIns.class)
class DecisionResourceTest {

    @Inject
    Freezes freezes;

    @Inject
    Db db;

    @BeforeEach
    void freshAws() {
        StandIns.reseedAws();
    }

    @Test
    void withoutTheBearerTokenTheAnswerIs401() {
        given().queryParam("target", "staging")
                .when().get("/api/decisions")
                .then().statusCode(401);
        given().auth().oauth2("wrong-token-0123456789").queryParam("target", "staging")
                .when().get("/api/decisions")
                .then().statusCode(401);
    }

    @Test
    void promotingStagingIsAllowedAndNamesExactlyTheImageDevRuns() {
        String devDigest = Lambda.dev();

        given().auth().oauth2(StandIns.API_TOKEN).queryParam("target", "staging")
                .when().get("/api/decisions")
                .then().statusCode(200)
                .body("allowed", equalTo(true))
                .body("reasons", empty())
                .body("image.digest", equalTo(devDigest))
                .body("image.tag", startsWith("sha-"))
                .body("approvalsNeeded", equalTo(0));
    }

    @Test
    void prodWithoutAReleaseTagIsRefusedWithTheRuleAndItsSentence() {
        given().auth().oauth2(StandIns.API_TOKEN).queryParam("target", "prod")
                .when().get("/api/decisions")
                .then().statusCode(200)
                .body("allowed", equalTo(false))
                .body("reasons.rule", hasItem("R6"))
                .body("reasons.sentence", hasItem("prod needs a release tag: /promote prod vMAJOR.MINOR.PATCH"));
    }

    @Test
    void prodWithAReleaseTagAwaitsOneApproval() {
        given().auth().oauth2(StandIns.API_TOKEN).queryParam("target", "prod").queryParam("release-tag", "v1.4.0")
                .when().get("/api/decisions")
                .then().statusCode(200)
                .body("allowed", equalTo(true))
                .body("approvalsNeeded", equalTo(1));
    }

    @Test
    void whileTheLineIsFrozenTheEndpointRefusesAsTheChatDoes() {
        freezes.freeze(Optional.empty(), Cast.DEPLOYER.id(), Cast.DEPLOYER.firstName(), "incident 42");
        try {
            given().auth().oauth2(StandIns.API_TOKEN).queryParam("target", "staging")
                    .when().get("/api/decisions")
                    .then().statusCode(200)
                    .body("allowed", equalTo(false))
                    .body("reasons.rule", hasItem("R13"))
                    .body("reasons.title", hasItem("freeze"))
                    .body("reasons.sentence", hasItem(allOf(startsWith("every promotion is frozen by "
                            + Cast.DEPLOYER.firstName() + " since "), endsWith(" UTC: incident 42; it lifts when 2 "
                            + "approvers or admins send /unfreeze"))));
        } finally {
            db.update("UPDATE promotion_freeze SET in_force = NULL, lifted_at = CURRENT_TIMESTAMP WHERE in_force IS NOT NULL");
        }
    }

    @Test
    void anUnknownEnvironmentIsRefusedNamingTheKnownOnes() {
        given().auth().oauth2(StandIns.API_TOKEN).queryParam("target", "qa")
                .when().get("/api/decisions")
                .then().statusCode(200)
                .body("allowed", equalTo(false))
                .body("reasons.sentence", hasItem("there is no environment 'qa'; environments: dev, staging, prod"));
    }

    @Test
    void aMissingTargetIsABadRequest() {
        given().auth().oauth2(StandIns.API_TOKEN)
                .when().get("/api/decisions")
                .then().statusCode(400)
                .body("error", startsWith("give the target environment"));
    }
}
