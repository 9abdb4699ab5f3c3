package dev.promobot.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promobot.lifecycle.Evaluation.Verdict;
import dev.promobot.lifecycle.LifecyclePolicy.ParseResult;
import dev.promobot.lifecycle.LifecyclePolicy.Rule;
import dev.promobot.lifecycle.PolicyJson.RuleJson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.promobot.lifecycle.Images.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class LifecyclePropertiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final List<String> TAGS =
            List.of("sha-1a2b", "sha-3c4d", "sha-5e6f", "prod", "prod-2", "beta-1", "latest", "v1", "v1.2");
    private static final List<String> PREFIXES = List.of("sha-", "sha", "prod", "beta", "v1", "x");
    private static final List<String> PATTERNS = List.of("sha-*", "*-1", "prod*", "*", "v*.*", "b*t*", "latest");
    private static final List<JsonNode> ODD_VALUES = List.of(
            MAPPER.nullNode(), MAPPER.getNodeFactory().numberNode(0), MAPPER.getNodeFactory().numberNode(-1),
            MAPPER.getNodeFactory().numberNode(1.5), MAPPER.getNodeFactory().numberNode(Long.MAX_VALUE),
            MAPPER.getNodeFactory().textNode(""), MAPPER.getNodeFactory().textNode("tagged"),
            MAPPER.getNodeFactory().textNode("archive"), MAPPER.getNodeFactory().textNode("a*b*c*d*e*f"),
            MAPPER.getNodeFactory().booleanNode(true), MAPPER.createArrayNode(), MAPPER.createObjectNode());

    @Property(tries = 2000)
    void parseNeverThrowsForAnyString(@ForAll String text) {
        assertThat(LifecyclePolicy.parse(text)).satisfies(LifecyclePropertiesTest::isPolicyOrFindings);
    }

    @Property(tries = 2000)
    void parseNeverThrowsForJsonShapedNoise(@ForAll("jsonShapedNoise") String text) {
        assertThat(LifecyclePolicy.parse(text)).satisfies(LifecyclePropertiesTest::isPolicyOrFindings);
    }

    @Property
    void generatedPoliciesAreValid(@ForAll("validPolicies") String json) {
        assertThat(LifecyclePolicy.parse(json).findings()).isEmpty();
    }

    @Property(tries = 2000)
    void parseNeverThrowsForTextEditsOfValidPolicies(
            @ForAll("validPolicies") String json, @ForAll("textEdits") List<int[]> edits) {
        StringBuilder text = new StringBuilder(json);
        for (int[] edit : edits) {
            int at = Math.floorMod(edit[1], text.length() + 1);
            switch (edit[0]) {
                case 0 -> text.insert(at, (char) edit[2]);
                case 1 -> text.delete(at, Math.min(text.length(), at + 1 + edit[2] % 8));
                default -> {
                    if (at < text.length()) {
                        text.setCharAt(at, (char) edit[2]);
                    }
                }
            }
        }
        assertThat(LifecyclePolicy.parse(text.toString())).satisfies(LifecyclePropertiesTest::isPolicyOrFindings);
    }

    @Property(tries = 2000)
    void parseNeverThrowsForFieldEditsOfValidPolicies(
            @ForAll("validPolicies") String json, @ForAll("fieldEdits") List<int[]> edits)
            throws JsonProcessingException {
        JsonNode root = MAPPER.readTree(json);
        for (int[] edit : edits) {
            List<JsonNode> containers = new ArrayList<>();
            collectContainers(root, containers);
            JsonNode container = containers.get(Math.floorMod(edit[0], containers.size()));
            JsonNode value = ODD_VALUES.get(Math.floorMod(edit[1], ODD_VALUES.size()));
            boolean remove = edit[1] % 5 == 0;
            if (container instanceof ObjectNode object && !object.isEmpty()) {
                List<String> fields = new ArrayList<>();
                object.fieldNames().forEachRemaining(fields::add);
                String field = fields.get(Math.floorMod(edit[2], fields.size()));
                if (remove) {
                    object.remove(field);
                } else {
                    object.set(field, value.deepCopy());
                }
            } else if (container instanceof ArrayNode array && !array.isEmpty()) {
                int index = Math.floorMod(edit[2], array.size());
                if (remove) {
                    array.remove(index);
                } else {
                    array.set(index, value.deepCopy());
                }
            }
        }
        ParseResult parsed = LifecyclePolicy.parse(root.toString());

        assertThat(parsed).satisfies(LifecyclePropertiesTest::isPolicyOrFindings);
        parsed.policy().ifPresent(policy -> LifecycleEvaluator.evaluate(policy, List.of(), NOW));
    }

    @Property
    void evaluationDoesNotDependOnTheOrderOfTheImages(
            @ForAll("validPolicies") String json, @ForAll("repositories") List<LifecycleImage> images,
            @ForAll Random random) {
        LifecyclePolicy policy = PolicyJson.parsed(json);
        List<LifecycleImage> shuffled = new ArrayList<>(images);
        Collections.shuffle(shuffled, random);
        Evaluation evaluation = LifecycleEvaluator.evaluate(policy, images, NOW);

        assertThat(LifecycleEvaluator.evaluate(policy, shuffled, NOW)).isEqualTo(evaluation);
        // Guards the generators: most cases must act on something, or the properties prove little.
        Statistics.label("acts on an image").collect(!evaluation.verdicts().isEmpty());
        Statistics.label("acts on an image").coverage(coverage -> coverage.check(true).percentage(p -> p > 50));
    }

    @Property
    void everyImageIsActedOnAtMostOnce(
            @ForAll("validPolicies") String json, @ForAll("repositories") List<LifecycleImage> images) {
        Evaluation evaluation = LifecycleEvaluator.evaluate(PolicyJson.parsed(json), images, NOW);

        assertThat(evaluation.verdicts()).extracting(Verdict::digest).doesNotHaveDuplicates();
    }

    @Property
    void onlyTheFirstRuleToSelectAnImageMayActOnIt(
            @ForAll("validPolicies") String json, @ForAll("repositories") List<LifecycleImage> images) {
        LifecyclePolicy policy = PolicyJson.parsed(json);
        Evaluation evaluation = LifecycleEvaluator.evaluate(policy, images, NOW);

        for (Verdict verdict : evaluation.verdicts()) {
            Optional<Integer> firstSelecting = policy.rules().stream()
                    .map(Rule::rulePriority)
                    .filter(priority -> evaluation.selectedBy(priority).contains(verdict.digest()))
                    .findFirst();
            assertThat(firstSelecting).as("first rule selecting %s", verdict.digest())
                    .contains(verdict.rulePriority());
        }
    }

    @Property
    void imagesNoRuleSelectsAreNeverActedOn(
            @ForAll("validPolicies") String json, @ForAll("repositories") List<LifecycleImage> images) {
        LifecyclePolicy policy = PolicyJson.parsed(json);
        Evaluation evaluation = LifecycleEvaluator.evaluate(policy, images, NOW);
        Set<String> selectedByAnyRule = new HashSet<>();
        for (Rule rule : policy.rules()) {
            Set<String> selected = images.stream()
                    .filter(image -> image.storageClass() == rule.selection().storageClass()
                            && TagCondition.of(rule.selection()).selects(image.tags()))
                    .map(LifecycleImage::digest)
                    .collect(Collectors.toSet());
            assertThat(evaluation.selectedBy(rule.rulePriority())).isEqualTo(selected);
            selectedByAnyRule.addAll(selected);
        }

        assertThat(evaluation.verdicts()).extracting(Verdict::digest).allMatch(selectedByAnyRule::contains);
    }

    @Property
    void noImageALiveManifestListReferencesIsActedOn(
            @ForAll("validPolicies") String json, @ForAll("repositories") List<LifecycleImage> images) {
        Evaluation evaluation = LifecycleEvaluator.evaluate(PolicyJson.parsed(json), images, NOW);

        for (LifecycleImage list : images) {
            if (evaluation.verdictFor(list.digest()).isEmpty()) {
                assertThat(list.childDigests()).allSatisfy(child ->
                        assertThat(evaluation.verdictFor(child)).as("child %s of live %s", child, list.digest())
                                .isEmpty());
            }
        }
    }

    @Property(tries = 5000)
    void globMatchesLikeItsRegexTranslation(
            @ForAll("globPatterns") String pattern, @ForAll("globTags") String tag) {
        assertThat(TagPattern.compile(pattern).matches(tag)).isEqualTo(matchesByRegex(pattern, tag));
    }

    @Property(tries = 2000)
    void globMatchesLikeItsRegexTranslationForAnyText(
            @ForAll List<String> literals, @ForAll String tag) {
        String pattern = String.join("*", literals);
        assertThat(TagPattern.compile(pattern).matches(tag)).isEqualTo(matchesByRegex(pattern, tag));
        String embedded = literals.isEmpty() ? tag : tag + "*";
        assertThat(TagPattern.compile(embedded).matches(tag)).isEqualTo(matchesByRegex(embedded, tag));
    }

    private static boolean matchesByRegex(String pattern, String tag) {
        String regex = Arrays.stream(pattern.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.DOTALL).matcher(tag).matches();
    }

    private static void isPolicyOrFindings(ParseResult parsed) {
        assertThat(parsed.policy().isPresent()).isNotEqualTo(!parsed.findings().isEmpty());
        assertThat(parsed.findings()).allSatisfy(finding -> assertThat(finding).isNotBlank());
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            node.elements().forEachRemaining(child -> collectContainers(child, into));
        }
    }

    @Provide
    Arbitrary<String> jsonShapedNoise() {
        Arbitrary<String> words = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"rules\"", "\"rulePriority\"",
                "\"selection\"", "\"action\"", "\"tagStatus\"", "\"tagged\"", "\"any\"", "\"countType\"",
                "\"countNumber\"", "\"imageCountMoreThan\"", "\"type\"", "\"expire\"", "1", "0", "-3", "1e99",
                "null", "true", "\"", "\\", " ");
        return words.list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<List<int[]>> textEdits() {
        Arbitrary<int[]> edit = Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 10_000),
                Arbitraries.of((int) '{', (int) '}', (int) '[', (int) ']', (int) '"', (int) ',', (int) ':',
                        (int) '*', (int) '0', (int) '-', (int) 'x', (int) '\\', (int) ' ', (int) '\uD83D'))
                .as((kind, at, c) -> new int[] {kind, at, c});
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<int[]>> fieldEdits() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 1000);
        return Combinators.combine(index, index, index).as((a, b, c) -> new int[] {a, b, c})
                .list().ofMinSize(1).ofMaxSize(3);
    }

    private enum TagChoice { PREFIXES, PATTERNS, UNTAGGED }

    private enum CountChoice { IMAGE_COUNT, SINCE_PUSHED, SINCE_PULLED_TO_ARCHIVE, SINCE_TRANSITIONED }

    private record RuleSpec(TagChoice tags, List<String> list, CountChoice count, long n, boolean archive) {
    }

    /** Valid by construction: each count type with the action and storage class it allows, any rules last. */
    @Provide
    Arbitrary<String> validPolicies() {
        Arbitrary<RuleSpec> rule = Combinators.combine(
                Arbitraries.of(TagChoice.class),
                Arbitraries.frequency(Tuple.of(4, 1), Tuple.of(1, 2)),
                Arbitraries.of(CountChoice.class),
                Arbitraries.longs().between(1, 12),
                Arbitraries.of(true, false, false),
                Arbitraries.integers().between(0, 1000))
                .as((tags, size, count, n, archive, seed) -> new RuleSpec(tags,
                        pick(tags == TagChoice.PATTERNS ? PATTERNS : PREFIXES, size, seed), count, n, archive));
        return Combinators.combine(
                rule.list().ofMinSize(0).ofMaxSize(4),
                Arbitraries.of(CountChoice.class).optional(0.5),
                Arbitraries.of(true, false, false),
                Arbitraries.longs().between(1, 12),
                Arbitraries.integers().between(1, 3))
                .as((specs, anyStandard, withAnyArchive, n, gap) -> {
                    List<RuleJson> rules = new ArrayList<>();
                    int priority = gap;
                    for (RuleSpec spec : specs) {
                        rules.add(toRule(spec, priority));
                        priority += gap;
                    }
                    if (anyStandard.isPresent() && anyStandard.get() != CountChoice.SINCE_TRANSITIONED) {
                        rules.add(toRule(new RuleSpec(null, List.of(), anyStandard.get(), n, false), priority));
                        priority += gap;
                    }
                    if (withAnyArchive) {
                        rules.add(toRule(new RuleSpec(null, List.of(), CountChoice.SINCE_TRANSITIONED, n, true),
                                priority));
                        priority += gap;
                    }
                    if (rules.isEmpty()) {
                        rules.add(PolicyJson.tagged(priority).prefixes("sha-").countMoreThan(n));
                    }
                    return PolicyJson.policy(rules.toArray(RuleJson[]::new));
                });
    }

    private static List<String> pick(List<String> from, int size, int seed) {
        List<String> copy = new ArrayList<>(from);
        Collections.shuffle(copy, new Random(seed));
        return copy.subList(0, size);
    }

    private static RuleJson toRule(RuleSpec spec, int priority) {
        RuleJson rule;
        if (spec.tags() == null) {
            rule = PolicyJson.any(priority);
        } else {
            rule = switch (spec.tags()) {
                case PREFIXES -> PolicyJson.tagged(priority).prefixes(spec.list().toArray(String[]::new));
                case PATTERNS -> PolicyJson.tagged(priority).patterns(spec.list().toArray(String[]::new));
                case UNTAGGED -> PolicyJson.untagged(priority);
            };
        }
        return switch (spec.count()) {
            case IMAGE_COUNT -> spec.archive() ? rule.archived().countMoreThan(spec.n()) : rule.countMoreThan(spec.n());
            case SINCE_PUSHED -> spec.archive() ? rule.archived().sincePushed(spec.n()) : rule.sincePushed(spec.n());
            case SINCE_PULLED_TO_ARCHIVE -> rule.sincePulled(spec.n()).transitionToArchive();
            case SINCE_TRANSITIONED -> rule.archived().sinceTransitioned(spec.n());
        };
    }

    private record ImageSpec(
            List<String> tags,
            int pushedDaysAgo,
            Optional<Integer> pulledDaysAgo,
            Optional<Integer> activatedDaysAgo,
            Optional<Integer> archivedDaysAgo,
            boolean archive,
            List<Integer> children) {
    }

    /** Small repositories with coarse times, so ties, shielding, restores and manifest lists all happen. */
    @Provide
    Arbitrary<List<LifecycleImage>> repositories() {
        Arbitrary<Integer> daysAgo = Arbitraries.integers().between(0, 120);
        Arbitrary<ImageSpec> image = Combinators.combine(
                Arbitraries.of(TAGS).list().ofMaxSize(3).uniqueElements(),
                daysAgo,
                daysAgo.optional(0.5),
                daysAgo.optional(0.15),
                daysAgo.optional(0.3),
                Arbitraries.of(true, false, false, false),
                Arbitraries.frequencyOf(
                        Tuple.of(5, Arbitraries.just(List.<Integer>of())),
                        Tuple.of(1, Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(3))))
                .as(ImageSpec::new);
        return image.list().ofMinSize(2).ofMaxSize(40).map(LifecyclePropertiesTest::toImages);
    }

    private static List<LifecycleImage> toImages(List<ImageSpec> specs) {
        List<LifecycleImage> images = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ImageSpec spec = specs.get(i);
            int self = i;
            List<String> children = spec.children().stream()
                    .map(c -> Math.floorMod(c * 7 + 3, specs.size() + 5))
                    .filter(c -> c != self)
                    .distinct()
                    .map(LifecyclePropertiesTest::digestFor)
                    .toList();
            images.add(new LifecycleImage(
                    digestFor(i),
                    spec.tags(),
                    NOW.minus(Duration.ofDays(spec.pushedDaysAgo())),
                    spec.pulledDaysAgo().map(d -> NOW.minus(Duration.ofDays(d))),
                    spec.activatedDaysAgo().map(d -> NOW.minus(Duration.ofDays(d))),
                    spec.archivedDaysAgo().map(d -> NOW.minus(Duration.ofDays(d))),
                    spec.archive() ? StorageClass.ARCHIVE : StorageClass.STANDARD,
                    1000L * (i + 1),
                    children));
        }
        return images;
    }

    private static String digestFor(int index) {
        return String.format("sha256:%064x", index);
    }

    @Provide
    Arbitrary<String> globPatterns() {
        return Arbitraries.strings().withChars("ab*.+?()[]^$|\\{}").ofMaxLength(8);
    }

    @Provide
    Arbitrary<String> globTags() {
        return Arbitraries.strings().withChars("ab.+?()[]^$|\\{}*").ofMaxLength(8);
    }
}
