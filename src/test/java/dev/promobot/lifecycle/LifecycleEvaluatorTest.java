package dev.promobot.lifecycle;

import static dev.promobot.lifecycle.Images.NOW;
import static dev.promobot.lifecycle.Images.archived;
import static dev.promobot.lifecycle.Images.days;
import static dev.promobot.lifecycle.Images.digest;
import static dev.promobot.lifecycle.Images.hours;
import static dev.promobot.lifecycle.Images.image;
import static dev.promobot.lifecycle.Images.pulled;
import static dev.promobot.lifecycle.Images.referencing;
import static dev.promobot.lifecycle.Images.restored;
import static dev.promobot.lifecycle.PolicyJson.any;
import static dev.promobot.lifecycle.PolicyJson.parsed;
import static dev.promobot.lifecycle.PolicyJson.tagged;
import static dev.promobot.lifecycle.PolicyJson.untagged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.promobot.lifecycle.Evaluation.Verdict;
import dev.promobot.lifecycle.LifecyclePolicy.ActionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The reference's test vectors 1-9, then the edges the reference states in prose. */
class LifecycleEvaluatorTest {

    private static final List<LifecycleImage> BETA_PROD_IMAGES = List.of(
            image("A", days(10), "beta-1", "prod-1"),
            image("B", days(9), "beta-2", "prod-2"),
            image("C", days(8), "beta-3"));

    @Test
    void vector1_imageKeptByAHigherRuleIsShieldedFromALowerRule() {
        LifecyclePolicy policy = parsed(
                tagged(1).patterns("prod*").countMoreThan(1),
                tagged(2).patterns("beta*").countMoreThan(1));

        assertThat(outcome(policy, BETA_PROD_IMAGES)).containsExactlyEntriesOf(Map.of("A", "expire by rule 1"));
    }

    @Test
    void vector1_withTagPrefixListGivesTheSameResult() {
        LifecyclePolicy policy = parsed(
                tagged(1).prefixes("prod").countMoreThan(1),
                tagged(2).prefixes("beta").countMoreThan(1));

        assertThat(outcome(policy, BETA_PROD_IMAGES)).containsExactlyEntriesOf(Map.of("A", "expire by rule 1"));
    }

    @Test
    void vector2_swappingPrioritiesLetsTheFirstRuleExpireBoth() {
        LifecyclePolicy policy = parsed(
                tagged(1).patterns("beta*").countMoreThan(1),
                tagged(2).patterns("prod*").countMoreThan(1));

        assertThat(outcome(policy, BETA_PROD_IMAGES))
                .containsExactlyInAnyOrderEntriesOf(Map.of("A", "expire by rule 1", "B", "expire by rule 1"));
    }

    @Test
    void vector3_everyPatternMustMatchOneOfTheImagesTags() {
        List<LifecycleImage> images = List.of(
                image("A", days(12), "alpha-1"),
                image("B", days(11), "beta-1"),
                image("C", days(10), "alpha-2", "beta-2"),
                image("D", days(4), "alpha-3"),
                image("E", days(3), "beta-3"),
                image("F", days(2), "alpha-4", "beta-4"));
        LifecyclePolicy policy = parsed(tagged(1).patterns("alpha*", "beta*").sincePushed(5));

        assertThat(outcome(policy, images)).containsExactlyInAnyOrderEntriesOf(Map.of("C", "expire by rule 1"));
    }

    @Test
    void vector4_imagesWithExtraTagsStillCountTowardsTheLimit() {
        List<LifecycleImage> images = List.of(
                image("A", days(10), "alpha-1", "beta-1", "gamma-1"),
                image("B", days(9), "alpha-2", "beta-2"),
                image("C", days(8), "alpha-3", "beta-3", "gamma-2"));
        LifecyclePolicy policy = parsed(tagged(1).patterns("alpha*", "beta*").countMoreThan(1));

        assertThat(outcome(policy, images))
                .containsExactlyInAnyOrderEntriesOf(Map.of("A", "expire by rule 1", "B", "expire by rule 1"));
    }

    @Test
    void vector5_anyRuleCountsEveryImageButActsOnlyOnUnshieldedOnes() {
        List<LifecycleImage> images = List.of(
                image("A", days(4), "alpha-1", "beta-1"),
                image("B", days(3)),
                image("C", days(2), "alpha-2"),
                image("D", days(1).plus(hours(2)), "githash"),
                image("E", hours(20)));
        LifecyclePolicy policy = parsed(
                tagged(1).patterns("alpha*").countMoreThan(1),
                untagged(2).sincePushed(1),
                any(3).countMoreThan(1));

        assertThat(outcome(policy, images)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A", "expire by rule 1",
                "B", "expire by rule 2",
                "D", "expire by rule 3"));
    }

    private static final List<LifecycleImage> PROD_LOOKALIKES = List.of(
            image("a", days(20), "prod"),
            image("b", days(20), "production-team1"),
            image("c", days(20), "repo-production"),
            image("d", days(20), "preprod"),
            image("e", days(20), "dev"),
            image("f", days(20), "Prod"));

    @Test
    void vector6_trailingWildcardMatchesTagsStartingWithTheLiteralCaseSensitively() {
        LifecyclePolicy policy = parsed(tagged(1).patterns("prod*").sincePushed(14));

        assertThat(outcome(policy, PROD_LOOKALIKES).keySet()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void vector6_wildcardsOnBothSidesMatchTheLiteralAnywhere() {
        LifecyclePolicy policy = parsed(tagged(1).patterns("*prod*").sincePushed(14));

        assertThat(outcome(policy, PROD_LOOKALIKES).keySet()).containsExactlyInAnyOrder("a", "b", "c", "d");
    }

    @Test
    void vector7_archiveUnpulledImagesThenExpireLongArchivedOnes() {
        List<LifecycleImage> images = List.of(
                pulled(image("p", days(200), "app-1"), days(10)),
                image("q", days(200), "app-2"),
                restored(pulled(image("r", days(200), "app-3"), days(150)), days(5)),
                archived(image("s", days(300)), days(100)),
                archived(image("t", days(300)), days(30)));
        LifecyclePolicy policy = parsed(
                any(1).sincePulled(90).transitionToArchive(),
                any(2).archived().sinceTransitioned(90));

        Evaluation evaluation = LifecycleEvaluator.evaluate(policy, images, NOW);

        assertThat(digests(evaluation.transitioned())).containsExactly(digest("q"));
        assertThat(digests(evaluation.expired())).containsExactly(digest("s"));
    }

    @Test
    void vector8_imagesAManifestListReferencesAreNotExpiredWhileTheListLives() {
        List<LifecycleImage> images = List.of(
                referencing(image("I1", days(5), "v1"), "c1", "c2"),
                image("c1", days(5).plus(hours(1))),
                image("c2", days(5).plus(hours(1))),
                image("u1", days(3)),
                image("u2", days(2)),
                image("u3", days(1)));
        LifecyclePolicy policy = parsed(untagged(1).countMoreThan(1));

        assertThat(outcome(policy, images))
                .containsExactlyInAnyOrderEntriesOf(Map.of("u1", "expire by rule 1", "u2", "expire by rule 1"));
    }

    @Test
    void vector9_seedPolicyExpiresTheOldestTenOfFortyShaImagesAndLatestProtectsNothing() {
        List<LifecycleImage> images = new ArrayList<>();
        for (int day = 40; day >= 1; day--) {
            String sha = String.format("sha-%02d", 41 - day);
            images.add(day == 1 ? image(sha, days(day), sha, "latest") : image(sha, days(day), sha));
        }
        LifecyclePolicy policy = parsed(tagged(1).prefixes("sha-").countMoreThan(30));

        Map<String, String> outcome = outcome(policy, images);

        assertThat(outcome.keySet()).containsExactly(
                "sha-01", "sha-02", "sha-03", "sha-04", "sha-05", "sha-06", "sha-07", "sha-08", "sha-09", "sha-10");
        assertThat(outcome.values()).containsOnly("expire by rule 1");
    }

    @Test
    void restoredImageCountsFromItsRestoreNotItsOriginalPush() {
        List<LifecycleImage> images = List.of(
                restored(image("old-restored", days(100), "sha-1"), days(1)),
                image("newer", days(10), "sha-2"));
        LifecyclePolicy policy = parsed(tagged(1).prefixes("sha-").countMoreThan(1));

        assertThat(outcome(policy, images)).containsExactlyInAnyOrderEntriesOf(Map.of("newer", "expire by rule 1"));
    }

    @Test
    void restoredImageIsNotOldBySinceImagePushed() {
        List<LifecycleImage> images = List.of(restored(image("r", days(100), "sha-1"), days(1)));

        assertThat(outcome(parsed(tagged(1).prefixes("sha-").sincePushed(30)), images)).isEmpty();
    }

    @Test
    void sinceImagePushedIsStrictlyOlderThanTheDays() {
        List<LifecycleImage> images = List.of(
                image("exactly", days(14), "sha-1"),
                image("older", days(14).plusSeconds(1), "sha-2"));

        assertThat(outcome(parsed(tagged(1).prefixes("sha-").sincePushed(14)), images).keySet())
                .containsExactly("older");
    }

    @Test
    void equalPushTimesKeepTheSmallerDigest() {
        List<LifecycleImage> images = List.of(image("b", days(3), "sha-b"), image("a", days(3), "sha-a"));

        assertThat(outcome(parsed(tagged(1).prefixes("sha-").countMoreThan(1)), images).keySet())
                .containsExactly("b");
    }

    @Test
    void neverPulledImageAgesFromItsPush() {
        List<LifecycleImage> images = List.of(image("fresh", days(30)), image("stale", days(120)));

        assertThat(outcome(parsed(any(1).sincePulled(90).transitionToArchive()), images))
                .containsExactlyInAnyOrderEntriesOf(Map.of("stale", "transition by rule 1"));
    }

    @Test
    void childrenOfAnExpiredManifestListExpireWithIt() {
        List<LifecycleImage> images = List.of(
                referencing(image("list", days(50), "v1"), "c1", "c2"),
                image("c1", days(50)),
                image("c2", days(50)));
        LifecyclePolicy policy = parsed(any(1).sincePushed(30));

        assertThat(outcome(policy, images).keySet()).containsExactlyInAnyOrder("list", "c1", "c2");
    }

    @Test
    void childrenOfAListKeptByALaterRuleOrderStillStayProtected() {
        List<LifecycleImage> images = List.of(
                referencing(image("list", days(50), "v1"), "c1"),
                image("c1", days(50)));
        LifecyclePolicy policy = parsed(untagged(1).sincePushed(30), tagged(2).patterns("v*").countMoreThan(5));

        assertThat(outcome(policy, images)).isEmpty();
    }

    @Test
    void manifestListKeptBecauseALiveListReferencesItKeepsItsOwnChildren() {
        List<LifecycleImage> images = List.of(
                referencing(image("outer", days(1), "release"), "inner"),
                referencing(image("inner", days(50)), "leaf"),
                image("leaf", days(50)));
        LifecyclePolicy policy = parsed(untagged(1).sincePushed(30));

        assertThat(outcome(policy, images)).isEmpty();
    }

    @Test
    void manifestListBeingArchivedNoLongerProtectsItsChildren() {
        List<LifecycleImage> images = List.of(
                referencing(image("list", days(200), "v1"), "c1"),
                image("c1", days(200)));
        LifecyclePolicy policy = parsed(
                tagged(1).patterns("v*").sincePulled(90).transitionToArchive(),
                untagged(2).sincePushed(90));

        assertThat(outcome(policy, images))
                .containsExactlyInAnyOrderEntriesOf(Map.of("list", "transition by rule 1", "c1", "expire by rule 2"));
    }

    @Test
    void standardRulesIgnoreArchivedImagesAndArchiveRulesIgnoreStandardOnes() {
        List<LifecycleImage> images = List.of(
                archived(image("cold", days(300), "sha-1"), days(200)),
                image("warm", days(300), "sha-2"));

        assertThat(outcome(parsed(tagged(1).prefixes("sha-").sincePushed(30)), images).keySet())
                .containsExactly("warm");
        assertThat(outcome(parsed(tagged(1).prefixes("sha-").archived().sinceTransitioned(90)), images).keySet())
                .containsExactly("cold");
    }

    @Test
    void evaluationExplainsWhatEachRuleSelectedAndActedOn() {
        LifecyclePolicy policy = parsed(
                tagged(1).patterns("prod*").countMoreThan(1),
                tagged(2).patterns("beta*").countMoreThan(1));

        Evaluation evaluation = LifecycleEvaluator.evaluate(policy, BETA_PROD_IMAGES, NOW);

        assertThat(evaluation.selectedBy(1)).containsExactlyInAnyOrder(digest("A"), digest("B"));
        assertThat(evaluation.selectedBy(2)).containsExactlyInAnyOrder(digest("A"), digest("B"), digest("C"));
        assertThat(evaluation.selectedBy(3)).isEmpty();
        assertThat(evaluation.byRule()).containsExactly(Map.entry(1, 1L), Map.entry(2, 0L));
        assertThat(evaluation.verdictFor(digest("A")))
                .hasValueSatisfying(verdict -> assertThat(verdict.action()).isEqualTo(ActionType.EXPIRE));
        assertThat(evaluation.verdictFor(digest("B"))).isEmpty();
    }

    @Test
    void sameDigestTwiceIsRejected() {
        List<LifecycleImage> images = List.of(image("A", days(1), "a"), image("A", days(2), "b"));

        assertThatThrownBy(() -> LifecycleEvaluator.evaluate(parsed(any(1).countMoreThan(1)), images, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sha256:A");
    }

    private static Map<String, String> outcome(LifecyclePolicy policy, List<LifecycleImage> images) {
        Map<String, String> outcome = new TreeMap<>();
        for (Verdict verdict : LifecycleEvaluator.evaluate(policy, images, NOW).verdicts()) {
            outcome.put(verdict.digest().substring("sha256:".length()),
                    verdict.action().policyName() + " by rule " + verdict.rulePriority());
        }
        return outcome;
    }

    private static List<String> digests(List<Verdict> verdicts) {
        return verdicts.stream().map(Verdict::digest).toList();
    }
}
