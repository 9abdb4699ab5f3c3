package dev.promobot.lifecycle;

import dev.promobot.lifecycle.LifecyclePolicy.ActionType;
import dev.promobot.lifecycle.LifecyclePolicy.CountType;
import dev.promobot.lifecycle.LifecyclePolicy.ParseResult;
import dev.promobot.lifecycle.LifecyclePolicy.Rule;
import dev.promobot.lifecycle.LifecyclePolicy.RuleAction;
import dev.promobot.lifecycle.LifecyclePolicy.Selection;
import dev.promobot.lifecycle.LifecyclePolicy.TagStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.promobot.lifecycle.PolicyJson.any;
import static dev.promobot.lifecycle.PolicyJson.parsed;
import static dev.promobot.lifecycle.PolicyJson.policy;
import static dev.promobot.lifecycle.PolicyJson.tagged;
import static dev.promobot.lifecycle.PolicyJson.untagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LifecyclePolicyParseTest {

    private static final String COUNT_1 = "\"countType\":\"imageCountMoreThan\",\"countNumber\":1";
    private static final String PUSHED_30 =
            "\"countType\":\"sinceImagePushed\",\"countUnit\":\"days\",\"countNumber\":30";
    private static final String PULLED_90 =
            "\"countType\":\"sinceImagePulled\",\"countUnit\":\"days\",\"countNumber\":90";
    private static final String EXPIRE = "{\"type\":\"expire\"}";
    private static final String TO_ARCHIVE = "{\"type\":\"transition\",\"targetStorageClass\":\"archive\"}";

    /** One case per bullet of the reference's "Validation" list. */
    static Stream<Arguments> referenceValidations() {
        return Stream.of(
                arguments("rulePriority is unique",
                        policy(tagged(1).prefixes("a").countMoreThan(1), tagged(1).prefixes("b").countMoreThan(1)),
                        "rule 1: rulePriority 1 is used by 2 rules; each rule needs its own priority"),
                arguments("rulePriority is at least 1",
                        policy(tagged(0).prefixes("a").countMoreThan(1)),
                        "rule 0: rulePriority must be 1 or more, not 0"),
                arguments("tagged needs a list",
                        rules(rule(2, "{\"tagStatus\":\"tagged\"," + COUNT_1 + "}", EXPIRE)),
                        "rule 2: a tagged rule needs exactly one of tagPrefixList or tagPatternList"),
                arguments("tagged takes only one list",
                        policy(tagged(2).prefixes("a").patterns("b*").countMoreThan(1)),
                        "rule 2: a tagged rule needs exactly one of tagPrefixList or tagPatternList, not both"),
                arguments("untagged takes no list",
                        policy(untagged(3).prefixes("a").countMoreThan(1)),
                        "rule 3: an untagged rule takes no tagPrefixList or tagPatternList"),
                arguments("any takes no list",
                        policy(any(4).patterns("a*").countMoreThan(1)),
                        "rule 4: an any rule takes no tagPrefixList or tagPatternList"),
                arguments("at most four wildcards in a pattern",
                        policy(tagged(1).patterns("ok*", "a*b*c*d*e*").countMoreThan(1)),
                        "rule 1: tag pattern \"a*b*c*d*e*\" has 5 wildcards; at most 4 are allowed"),
                arguments("since types need countUnit",
                        rules(rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countNumber\":3}",
                                EXPIRE)),
                        "rule 1: sinceImagePushed needs countUnit days"),
                arguments("imageCountMoreThan takes no countUnit",
                        rules(rule(1, "{\"tagStatus\":\"any\"," + COUNT_1 + ",\"countUnit\":\"days\"}", EXPIRE)),
                        "rule 1: imageCountMoreThan takes no countUnit"),
                arguments("countNumber is at least 1",
                        policy(any(1).countMoreThan(0)),
                        "rule 1: selection.countNumber must be 1 or more, not 0"),
                arguments("sinceImagePulled only with transition",
                        rules(rule(1, "{\"tagStatus\":\"any\"," + PULLED_90 + "}", EXPIRE)),
                        "rule 1: sinceImagePulled can only be used with a transition action"),
                arguments("sinceImageTransitioned only with expire",
                        policy(any(1).archived().sinceTransitioned(90).transitionToArchive()),
                        "rule 1: sinceImageTransitioned can only be used with an expire action"),
                arguments("sinceImageTransitioned only on archive storage",
                        policy(any(1).sinceTransitioned(90)),
                        "rule 1: sinceImageTransitioned can only be used with storageClass archive"),
                arguments("transition needs targetStorageClass archive",
                        rules(rule(1, "{\"tagStatus\":\"any\"," + PULLED_90 + "}", "{\"type\":\"transition\"}")),
                        "rule 1: a transition action needs targetStorageClass archive"),
                arguments("transition to standard is not a transition",
                        rules(rule(1, "{\"tagStatus\":\"any\"," + PULLED_90 + "}",
                                "{\"type\":\"transition\",\"targetStorageClass\":\"standard\"}")),
                        "rule 1: a transition action needs targetStorageClass archive"),
                arguments("an any rule has the highest priority of its storage class",
                        policy(any(1).countMoreThan(5), tagged(2).prefixes("sha-").countMoreThan(3)),
                        "rule 1: a tagStatus any rule must have the highest rulePriority of the standard rules,"
                                + " but rule 2 is higher"));
    }

    /** The defects the reference does not list but a hand-written policy has: bad JSON, missing or odd fields. */
    static Stream<Arguments> shapeValidations() {
        return Stream.of(
                arguments("empty text", "  ", "the policy is empty; expected a JSON object with a rules array"),
                arguments("not an object", "[1, 2]", "the policy must be a JSON object with a rules array"),
                arguments("no rules array", "{\"rule\": []}", "the policy has no rules array"),
                arguments("rules is not an array", "{\"rules\": {}}",
                        "the policy's rules must be a JSON array of rules"),
                arguments("no rules", "{\"rules\": []}",
                        "the policy's rules array is empty; a policy needs at least one rule"),
                arguments("rule is not an object", "{\"rules\": [7]}", "the rule at position 1 must be a JSON object"),
                arguments("rulePriority missing",
                        "{\"rules\":[{\"selection\":{\"tagStatus\":\"any\"," + COUNT_1 + "},\"action\":" + EXPIRE
                                + "}]}",
                        "the rule at position 1: rulePriority is missing; give each rule its own whole number,"
                                + " 1 or more"),
                arguments("rulePriority not a number",
                        "{\"rules\":[{\"rulePriority\":\"1\",\"selection\":{\"tagStatus\":\"any\"," + COUNT_1
                                + "},\"action\":" + EXPIRE + "}]}",
                        "the rule at position 1: rulePriority must be a whole number, 1 or more, not \"1\""),
                arguments("selection missing",
                        "{\"rules\":[{\"rulePriority\":1,\"action\":" + EXPIRE + "}]}",
                        "rule 1: selection is missing"),
                arguments("action missing",
                        "{\"rules\":[{\"rulePriority\":1,\"selection\":{\"tagStatus\":\"any\"," + COUNT_1 + "}}]}",
                        "rule 1: action is missing"),
                arguments("selection not an object",
                        "{\"rules\":[{\"rulePriority\":1,\"selection\":[],\"action\":" + EXPIRE + "}]}",
                        "rule 1: selection must be a JSON object, not []"),
                arguments("tagStatus missing",
                        rules(rule(1, "{" + COUNT_1 + "}", EXPIRE)),
                        "rule 1: selection.tagStatus is missing; use one of tagged, untagged, any"),
                arguments("tagStatus unknown",
                        rules(rule(1, "{\"tagStatus\":\"TAGGED\",\"tagPrefixList\":[\"a\"]," + COUNT_1 + "}", EXPIRE)),
                        "rule 1: selection.tagStatus \"TAGGED\" is not one of tagged, untagged, any"),
                arguments("countType missing",
                        rules(rule(1, "{\"tagStatus\":\"any\",\"countNumber\":1}", EXPIRE)),
                        "rule 1: selection.countType is missing; use one of imageCountMoreThan, sinceImagePushed,"
                                + " sinceImagePulled, sinceImageTransitioned"),
                arguments("countType unknown",
                        rules(rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountLessThan\",\"countNumber\":1}",
                                EXPIRE)),
                        "rule 1: selection.countType \"imageCountLessThan\" is not one of imageCountMoreThan,"
                                + " sinceImagePushed, sinceImagePulled, sinceImageTransitioned"),
                arguments("countNumber missing",
                        rules(rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\"}", EXPIRE)),
                        "rule 1: selection.countNumber is missing"),
                arguments("countNumber not a whole number",
                        rules(rule(1, "{\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\","
                                + "\"countNumber\":1.5}", EXPIRE)),
                        "rule 1: selection.countNumber must be a whole number, 1 or more, not 1.5"),
                arguments("countUnit unknown",
                        rules(rule(1, "{\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\","
                                + "\"countUnit\":\"hours\",\"countNumber\":3}", EXPIRE)),
                        "rule 1: selection.countUnit \"hours\" is not supported; use days"),
                arguments("storageClass unknown",
                        rules(rule(1, "{\"tagStatus\":\"any\",\"storageClass\":\"glacier\"," + PUSHED_30 + "}",
                                EXPIRE)),
                        "rule 1: selection.storageClass \"glacier\" is not one of standard, archive"),
                arguments("tag list is not a list of strings",
                        rules(rule(1, "{\"tagStatus\":\"tagged\",\"tagPrefixList\":[\"a\", 3]," + COUNT_1 + "}",
                                EXPIRE)),
                        "rule 1: selection.tagPrefixList must be a list of strings"),
                arguments("tag list is empty",
                        rules(rule(1, "{\"tagStatus\":\"tagged\",\"tagPatternList\":[]," + COUNT_1 + "}", EXPIRE)),
                        "rule 1: selection.tagPatternList is empty; list at least one tag pattern"),
                arguments("action type missing",
                        rules(rule(1, "{\"tagStatus\":\"any\"," + COUNT_1 + "}", "{}")),
                        "rule 1: action.type is missing; use one of expire, transition"),
                arguments("action type unknown",
                        rules(rule(1, "{\"tagStatus\":\"any\"," + COUNT_1 + "}", "{\"type\":\"delete\"}")),
                        "rule 1: action.type \"delete\" is not one of expire, transition"),
                arguments("targetStorageClass unknown",
                        rules(rule(1, "{\"tagStatus\":\"any\"," + PULLED_90 + "}",
                                "{\"type\":\"transition\",\"targetStorageClass\":\"glacier\"}")),
                        "rule 1: action.targetStorageClass \"glacier\" is not one of standard, archive"),
                arguments("description not a string",
                        "{\"rules\":[{\"rulePriority\":1,\"description\":5,\"selection\":{\"tagStatus\":\"any\","
                                + COUNT_1 + "},\"action\":" + EXPIRE + "}]}",
                        "rule 1: description must be a string, not 5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceValidations")
    void referenceValidationIsReportedAsOneSentence(String validation, String json, String finding) {
        ParseResult parsed = LifecyclePolicy.parse(json);

        assertThat(parsed.policy()).isEmpty();
        assertThat(parsed.findings()).containsExactly(finding);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapeValidations")
    void malformedPolicyIsReportedAsOneSentence(String validation, String json, String finding) {
        ParseResult parsed = LifecyclePolicy.parse(json);

        assertThat(parsed.policy()).isEmpty();
        assertThat(parsed.findings()).containsExactly(finding);
    }

    @Test
    void unparseableJsonSaysWhereItBroke() {
        ParseResult parsed = LifecyclePolicy.parse("{\"rules\": [\n  {\"rulePriority\": 1,,}]}");

        assertThat(parsed.findings()).singleElement().asString()
                .startsWith("the policy is not valid JSON at line 2, column ");
    }

    @Test
    void trailingTextAfterThePolicyIsNotJson() {
        assertThat(LifecyclePolicy.parse(policy(any(1).countMoreThan(1)) + " extra").findings())
                .singleElement().asString().startsWith("the policy is not valid JSON");
    }

    @Test
    void everyDefectIsReportedNotOnlyTheFirst() {
        ParseResult parsed = LifecyclePolicy.parse(policy(
                tagged(1).countMoreThan(0),
                untagged(2).prefixes("x").sincePushed(0)));

        assertThat(parsed.findings()).containsExactly(
                "rule 1: selection.countNumber must be 1 or more, not 0",
                "rule 1: a tagged rule needs exactly one of tagPrefixList or tagPatternList",
                "rule 2: selection.countNumber must be 1 or more, not 0",
                "rule 2: an untagged rule takes no tagPrefixList or tagPatternList");
    }

    @Test
    void fourWildcardsAreAllowed() {
        assertThat(LifecyclePolicy.parse(policy(tagged(1).patterns("a*b*c*d*").countMoreThan(1))).isValid()).isTrue();
    }

    @Test
    void anyRuleOnlyNeedsToComeLastAmongItsOwnStorageClass() {
        ParseResult parsed = LifecyclePolicy.parse(policy(
                any(1).archived().sinceTransitioned(90),
                tagged(2).prefixes("sha-").countMoreThan(30)));

        assertThat(parsed.findings()).isEmpty();
    }

    @Test
    void seedPolicyParsesToItsRule() {
        LifecyclePolicy policy = parsed("""
                {"rules": [{
                  "rulePriority": 1,
                  "description": "keep the last 30 sha- images",
                  "selection": {"tagStatus": "tagged", "tagPrefixList": ["sha-"],
                                "countType": "imageCountMoreThan", "countNumber": 30},
                  "action": {"type": "expire"}
                }]}
                """);

        assertThat(policy.rules()).containsExactly(new Rule(1, "keep the last 30 sha- images",
                new Selection(TagStatus.TAGGED, List.of("sha-"), List.of(), StorageClass.STANDARD,
                        CountType.IMAGE_COUNT_MORE_THAN, Optional.empty(), 30),
                RuleAction.expire()));
    }

    @Test
    void rulesComeOutInEvaluationOrder() {
        LifecyclePolicy policy = parsed(
                any(20).countMoreThan(100),
                tagged(3).prefixes("sha-").countMoreThan(30),
                untagged(7).sincePushed(1));

        assertThat(policy.rules()).extracting(Rule::rulePriority).containsExactly(3, 7, 20);
    }

    @Test
    void archiveRuleParsesWithItsTargetStorageClass() {
        LifecyclePolicy policy = parsed(any(1).sincePulled(90).transitionToArchive());

        assertThat(policy.rules().get(0).action()).isEqualTo(RuleAction.transitionToArchive());
        assertThat(policy.rules().get(0).action().type()).isEqualTo(ActionType.TRANSITION);
        assertThat(policy.rules().get(0).selection().countUnit()).contains("days");
    }

    @Test
    void keepCountForTheSeedPolicyIsThirty() {
        LifecyclePolicy policy = parsed(tagged(1).prefixes("sha-").countMoreThan(30));

        assertThat(policy.keepCountFor("sha-")).contains(30);
        assertThat(policy.keepCountFor("release-")).isEmpty();
    }

    @Test
    void keepCountForTakesTheFirstCountRuleThatSelectsEveryTagWithThePrefix() {
        LifecyclePolicy policy = parsed(
                tagged(1).prefixes("sha-").sincePushed(365),
                tagged(2).patterns("sha-*-prod").countMoreThan(5),
                tagged(3).patterns("sh*").countMoreThan(40),
                tagged(4).prefixes("s").countMoreThan(50));

        assertThat(policy.keepCountFor("sha-")).contains(40);
        assertThat(policy.keepCountFor("s")).contains(50);
    }

    @Test
    void keepCountForCountsAnAnyRuleButNotAnUntaggedOne() {
        assertThat(parsed(untagged(1).countMoreThan(3), any(2).countMoreThan(9)).keepCountFor("sha-")).contains(9);
    }

    private static String rules(String... rules) {
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    private static String rule(int priority, String selection, String action) {
        return "{\"rulePriority\":" + priority + ",\"selection\":" + selection + ",\"action\":" + action + "}";
    }
}
