package dev.promobot.lifecycle;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.promobot.lifecycle.LifecyclePolicy.ActionType;
import dev.promobot.lifecycle.LifecyclePolicy.CountType;
import dev.promobot.lifecycle.LifecyclePolicy.ParseResult;
import dev.promobot.lifecycle.LifecyclePolicy.Rule;
import dev.promobot.lifecycle.LifecyclePolicy.RuleAction;
import dev.promobot.lifecycle.LifecyclePolicy.Selection;
import dev.promobot.lifecycle.LifecyclePolicy.TagStatus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns lifecycle policy JSON into a {@link LifecyclePolicy}, or into findings that say what to fix.
 * Reads the JSON as a tree rather than binding it, so every defect becomes a sentence instead of an exception,
 * and one bad field does not hide the findings about the others.
 */
final class LifecyclePolicyParser {

    static final int MAX_WILDCARDS_PER_PATTERN = 4;
    static final String COUNT_UNIT_DAYS = "days";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int MAX_SHOWN_VALUE_LENGTH = 40;

    private LifecyclePolicyParser() {
    }

    static ParseResult parse(String json) {
        if (json == null || json.isBlank()) {
            return ParseResult.invalid(List.of("the policy is empty; expected a JSON object with a rules array"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return ParseResult.invalid(List.of(notJson(e)));
        }
        if (root == null || !root.isObject()) {
            return ParseResult.invalid(List.of("the policy must be a JSON object with a rules array"));
        }
        JsonNode rulesNode = present(root, "rules");
        if (rulesNode == null) {
            return ParseResult.invalid(List.of("the policy has no rules array"));
        }
        if (!rulesNode.isArray()) {
            return ParseResult.invalid(List.of("the policy's rules must be a JSON array of rules"));
        }
        if (rulesNode.isEmpty()) {
            return ParseResult.invalid(List.of("the policy's rules array is empty; a policy needs at least one rule"));
        }

        List<String> findings = new ArrayList<>();
        List<RuleFacts> facts = new ArrayList<>();
        for (int i = 0; i < rulesNode.size(); i++) {
            facts.add(new RuleReader(rulesNode.get(i), i + 1, findings).read());
        }
        checkPrioritiesAreUnique(facts, findings);
        checkAnyRulesComeLast(facts, findings);

        if (!findings.isEmpty()) {
            return ParseResult.invalid(findings);
        }
        return ParseResult.valid(new LifecyclePolicy(facts.stream().map(f -> f.rule().orElseThrow()).toList()));
    }

    private static String notJson(JsonProcessingException e) {
        String reason = Optional.ofNullable(e.getOriginalMessage()).orElse("unreadable input").lines()
                .findFirst().orElse("unreadable input");
        JsonLocation location = e.getLocation();
        String where = location == null || location.getLineNr() < 1
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return "the policy is not valid JSON" + where + ": " + reason;
    }

    private static void checkPrioritiesAreUnique(List<RuleFacts> facts, List<String> findings) {
        Map<Integer, Long> counts = facts.stream()
                .flatMap(f -> f.priority().stream())
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
        counts.forEach((priority, count) -> {
            if (count > 1) {
                findings.add("rule " + priority + ": rulePriority " + priority + " is used by " + count
                        + " rules; each rule needs its own priority");
            }
        });
    }

    /** ECR evaluates tagStatus any last within its storage class, so it must hold that class's highest priority. */
    private static void checkAnyRulesComeLast(List<RuleFacts> facts, List<String> findings) {
        Map<StorageClass, Integer> highest = new EnumMap<>(StorageClass.class);
        for (RuleFacts f : facts) {
            if (f.priority().isPresent() && f.storageClass().isPresent()) {
                highest.merge(f.storageClass().get(), f.priority().get(), Math::max);
            }
        }
        for (RuleFacts f : facts) {
            if (f.tagStatus().orElse(null) != TagStatus.ANY
                    || f.priority().isEmpty() || f.storageClass().isEmpty()) {
                continue;
            }
            int last = highest.get(f.storageClass().get());
            if (f.priority().get() < last) {
                findings.add(f.label() + ": a tagStatus any rule must have the highest rulePriority of the "
                        + f.storageClass().get().policyName() + " rules, but rule " + last + " is higher");
            }
        }
    }

    private static JsonNode present(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    /** A value as a finding quotes it: strings in quotes, anything else as JSON, long values cut short. */
    private static String shown(JsonNode value) {
        return value.isTextual() ? quoted(value.textValue()) : cut(value.toString());
    }

    private static String quoted(String text) {
        return "\"" + cut(text) + "\"";
    }

    private static String cut(String text) {
        return text.length() > MAX_SHOWN_VALUE_LENGTH ? text.substring(0, MAX_SHOWN_VALUE_LENGTH) + "..." : text;
    }

    /** What the cross-rule checks need to know about a rule, even when the rule itself is broken. */
    private record RuleFacts(
            String label,
            Optional<Integer> priority,
            Optional<TagStatus> tagStatus,
            Optional<StorageClass> storageClass,
            Optional<Rule> rule) {
    }

    /** Reads one element of the rules array, adding a finding for every defect it sees. */
    private static final class RuleReader {

        private final JsonNode node;
        private final List<String> findings;
        private String label;

        RuleReader(JsonNode node, int position, List<String> findings) {
            this.node = node;
            this.findings = findings;
            this.label = "the rule at position " + position;
        }

        RuleFacts read() {
            if (!node.isObject()) {
                findings.add(label + " must be a JSON object");
                return new RuleFacts(label, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            }
            Optional<Integer> priority = readPriority();
            Optional<String> description = readDescription();

            JsonNode selectionNode = object(node, "selection");
            JsonNode actionNode = object(node, "action");

            Optional<TagStatus> tagStatus = Optional.empty();
            Optional<StorageClass> storageClass = Optional.empty();
            Optional<Selection> selection = Optional.empty();
            if (selectionNode != null) {
                tagStatus = readEnum(selectionNode, "selection.tagStatus", TagStatus.values(), TagStatus::policyName);
                storageClass = present(selectionNode, "storageClass") == null
                        ? Optional.of(StorageClass.STANDARD)
                        : readEnum(selectionNode, "selection.storageClass", StorageClass.values(),
                                StorageClass::policyName);
                selection = readSelection(selectionNode, tagStatus, storageClass);
            }
            Optional<RuleAction> action = actionNode == null ? Optional.empty() : readAction(actionNode);
            if (selection.isPresent() && action.isPresent()) {
                checkActionFitsCountType(selection.get(), action.get());
            }

            Optional<Rule> rule = priority.isPresent() && description.isPresent()
                    && selection.isPresent() && action.isPresent()
                    ? Optional.of(new Rule(priority.get(), description.get(), selection.get(), action.get()))
                    : Optional.empty();
            return new RuleFacts(label, priority, tagStatus, storageClass, rule);
        }

        private Optional<Integer> readPriority() {
            JsonNode value = present(node, "rulePriority");
            if (value == null) {
                findings.add(label + ": rulePriority is missing; give each rule its own whole number, 1 or more");
                return Optional.empty();
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                findings.add(label + ": rulePriority must be a whole number, 1 or more, not " + shown(value));
                return Optional.empty();
            }
            int priority = value.intValue();
            label = "rule " + priority;
            if (priority < 1) {
                findings.add(label + ": rulePriority must be 1 or more, not " + priority);
            }
            return Optional.of(priority);
        }

        private Optional<String> readDescription() {
            JsonNode value = present(node, "description");
            if (value == null) {
                return Optional.of("");
            }
            if (!value.isTextual()) {
                findings.add(label + ": description must be a string, not " + shown(value));
                return Optional.empty();
            }
            return Optional.of(value.textValue());
        }

        private Optional<Selection> readSelection(
                JsonNode selection, Optional<TagStatus> tagStatus, Optional<StorageClass> storageClass) {
            Optional<List<String>> prefixes = readStringList(selection, "tagPrefixList");
            Optional<List<String>> patterns = readStringList(selection, "tagPatternList");
            Optional<CountType> countType = readEnum(selection, "selection.countType", CountType.values(),
                    CountType::policyName);
            Optional<Optional<String>> countUnit = readCountUnit(selection);
            Optional<Long> countNumber = readCountNumber(selection);

            tagStatus.ifPresent(status -> checkTagLists(status, selection, prefixes, patterns));
            patterns.ifPresent(this::checkWildcards);
            if (countType.isPresent() && countUnit.isPresent()) {
                checkCountUnit(countType.get(), countUnit.get());
            }
            if (countType.orElse(null) == CountType.SINCE_IMAGE_TRANSITIONED
                    && storageClass.orElse(null) == StorageClass.STANDARD) {
                findings.add(label + ": sinceImageTransitioned can only be used with storageClass archive");
            }

            if (tagStatus.isEmpty() || storageClass.isEmpty() || prefixes.isEmpty() || patterns.isEmpty()
                    || countType.isEmpty() || countUnit.isEmpty() || countNumber.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Selection(tagStatus.get(), prefixes.get(), patterns.get(), storageClass.get(),
                    countType.get(), countUnit.get(), countNumber.get()));
        }

        private void checkTagLists(TagStatus status, JsonNode selection,
                Optional<List<String>> prefixes, Optional<List<String>> patterns) {
            boolean hasPrefixes = present(selection, "tagPrefixList") != null;
            boolean hasPatterns = present(selection, "tagPatternList") != null;
            switch (status) {
                case TAGGED -> {
                    if (!hasPrefixes && !hasPatterns) {
                        findings.add(label + ": a tagged rule needs exactly one of tagPrefixList or tagPatternList");
                    } else if (hasPrefixes && hasPatterns) {
                        findings.add(label + ": a tagged rule needs exactly one of tagPrefixList or tagPatternList,"
                                + " not both");
                    } else if (hasPrefixes && prefixes.map(List::isEmpty).orElse(false)) {
                        findings.add(label + ": selection.tagPrefixList is empty; list at least one tag prefix");
                    } else if (hasPatterns && patterns.map(List::isEmpty).orElse(false)) {
                        findings.add(label + ": selection.tagPatternList is empty; list at least one tag pattern");
                    }
                }
                case UNTAGGED, ANY -> {
                    if (hasPrefixes || hasPatterns) {
                        findings.add(label + ": " + (status == TagStatus.ANY ? "an any" : "an untagged")
                                + " rule takes no tagPrefixList or tagPatternList");
                    }
                }
            }
        }

        private void checkWildcards(List<String> patterns) {
            for (String pattern : patterns) {
                int wildcards = TagPattern.compile(pattern).wildcardCount();
                if (wildcards > MAX_WILDCARDS_PER_PATTERN) {
                    findings.add(label + ": tag pattern " + quoted(pattern)
                            + " has " + wildcards + " wildcards; at most " + MAX_WILDCARDS_PER_PATTERN
                            + " are allowed");
                }
            }
        }

        private void checkCountUnit(CountType countType, Optional<String> countUnit) {
            if (countType == CountType.IMAGE_COUNT_MORE_THAN && countUnit.isPresent()) {
                findings.add(label + ": imageCountMoreThan takes no countUnit");
            } else if (countType != CountType.IMAGE_COUNT_MORE_THAN && countUnit.isEmpty()) {
                findings.add(label + ": " + countType.policyName() + " needs countUnit " + COUNT_UNIT_DAYS);
            }
        }

        private Optional<RuleAction> readAction(JsonNode action) {
            Optional<ActionType> type = readEnum(action, "action.type", ActionType.values(), ActionType::policyName);
            JsonNode targetNode = present(action, "targetStorageClass");
            Optional<Optional<StorageClass>> target = targetNode == null
                    ? Optional.of(Optional.empty())
                    : readEnum(action, "action.targetStorageClass", StorageClass.values(), StorageClass::policyName)
                            .map(Optional::of);
            if (type.orElse(null) == ActionType.TRANSITION
                    && target.isPresent() && target.get().orElse(null) != StorageClass.ARCHIVE) {
                findings.add(label + ": a transition action needs targetStorageClass archive");
            }
            if (type.isEmpty() || target.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RuleAction(type.get(), target.get()));
        }

        private void checkActionFitsCountType(Selection selection, RuleAction action) {
            if (selection.countType() == CountType.SINCE_IMAGE_PULLED && action.type() != ActionType.TRANSITION) {
                findings.add(label + ": sinceImagePulled can only be used with a transition action");
            }
            if (selection.countType() == CountType.SINCE_IMAGE_TRANSITIONED && action.type() != ActionType.EXPIRE) {
                findings.add(label + ": sinceImageTransitioned can only be used with an expire action");
            }
        }

        /** Absent when the field is broken; present-but-empty when it is simply not given. */
        private Optional<Optional<String>> readCountUnit(JsonNode selection) {
            JsonNode value = present(selection, "countUnit");
            if (value == null) {
                return Optional.of(Optional.empty());
            }
            if (!value.isTextual() || !value.textValue().equals(COUNT_UNIT_DAYS)) {
                findings.add(label + ": selection.countUnit " + shown(value) + " is not supported; use "
                        + COUNT_UNIT_DAYS);
                return Optional.empty();
            }
            return Optional.of(Optional.of(COUNT_UNIT_DAYS));
        }

        private Optional<Long> readCountNumber(JsonNode selection) {
            JsonNode value = present(selection, "countNumber");
            if (value == null) {
                findings.add(label + ": selection.countNumber is missing");
                return Optional.empty();
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                findings.add(label + ": selection.countNumber must be a whole number, 1 or more, not "
                        + shown(value));
                return Optional.empty();
            }
            long number = value.longValue();
            if (number < 1) {
                findings.add(label + ": selection.countNumber must be 1 or more, not " + number);
            }
            return Optional.of(number);
        }

        /** Absent when the field is broken; an empty list when it is simply not given. */
        private Optional<List<String>> readStringList(JsonNode selection, String field) {
            JsonNode value = present(selection, field);
            if (value == null) {
                return Optional.of(List.of());
            }
            List<String> strings = new ArrayList<>();
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (!element.isTextual()) {
                        break;
                    }
                    strings.add(element.textValue());
                }
            }
            if (!value.isArray() || strings.size() != value.size()) {
                findings.add(label + ": selection." + field + " must be a list of strings");
                return Optional.empty();
            }
            return Optional.of(strings);
        }

        private JsonNode object(JsonNode parent, String field) {
            JsonNode value = present(parent, field);
            if (value == null) {
                findings.add(label + ": " + field + " is missing");
                return null;
            }
            if (!value.isObject()) {
                findings.add(label + ": " + field + " must be a JSON object, not " + shown(value));
                return null;
            }
            return value;
        }

        private <E extends Enum<E>> Optional<E> readEnum(
                JsonNode parent, String path, E[] values, Function<E, String> policyName) {
            String field = path.substring(path.indexOf('.') + 1);
            String choices = Arrays.stream(values).map(policyName).collect(Collectors.joining(", "));
            JsonNode value = present(parent, field);
            if (value == null) {
                findings.add(label + ": " + path + " is missing; use one of " + choices);
                return Optional.empty();
            }
            for (E candidate : values) {
                if (value.isTextual() && policyName.apply(candidate).equals(value.textValue())) {
                    return Optional.of(candidate);
                }
            }
            findings.add(label + ": " + path + " " + shown(value) + " is not one of " + choices);
            return Optional.empty();
        }
    }
}
