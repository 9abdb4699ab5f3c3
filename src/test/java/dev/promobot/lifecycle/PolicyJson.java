package dev.promobot.lifecycle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes lifecycle policy JSON in the reference's terms, so tests read like its vectors. */
final class PolicyJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PolicyJson() {
    }

    static RuleJson tagged(int priority) {
        return new RuleJson(priority, "tagged");
    }

    static RuleJson untagged(int priority) {
        return new RuleJson(priority, "untagged");
    }

    static RuleJson any(int priority) {
        return new RuleJson(priority, "any");
    }

    static String policy(RuleJson... rules) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode array = root.putArray("rules");
        for (RuleJson rule : rules) {
            array.add(rule.node);
        }
        return root.toString();
    }

    static LifecyclePolicy parsed(RuleJson... rules) {
        return parsed(policy(rules));
    }

    static LifecyclePolicy parsed(String json) {
        LifecyclePolicy.ParseResult parsed = LifecyclePolicy.parse(json);
        assertThat(parsed.findings()).as("findings for %s", json).isEmpty();
        return parsed.policy().orElseThrow();
    }

    static final class RuleJson {

        final ObjectNode node = MAPPER.createObjectNode();
        private final ObjectNode selection;
        private final ObjectNode action;

        private RuleJson(int priority, String tagStatus) {
            node.put("rulePriority", priority);
            node.put("description", "rule " + priority);
            selection = node.putObject("selection");
            selection.put("tagStatus", tagStatus);
            action = node.putObject("action");
            action.put("type", "expire");
        }

        RuleJson prefixes(String... prefixes) {
            ArrayNode list = selection.putArray("tagPrefixList");
            for (String prefix : prefixes) {
                list.add(prefix);
            }
            return this;
        }

        RuleJson patterns(String... patterns) {
            ArrayNode list = selection.putArray("tagPatternList");
            for (String pattern : patterns) {
                list.add(pattern);
            }
            return this;
        }

        RuleJson archived() {
            selection.put("storageClass", "archive");
            return this;
        }

        RuleJson countMoreThan(long n) {
            selection.put("countType", "imageCountMoreThan");
            selection.put("countNumber", n);
            return this;
        }

        RuleJson sincePushed(long days) {
            return since("sinceImagePushed", days);
        }

        RuleJson sincePulled(long days) {
            return since("sinceImagePulled", days);
        }

        RuleJson sinceTransitioned(long days) {
            return since("sinceImageTransitioned", days);
        }

        RuleJson transitionToArchive() {
            action.put("type", "transition");
            action.put("targetStorageClass", "archive");
            return this;
        }

        private RuleJson since(String countType, long days) {
            selection.put("countType", countType);
            selection.put("countUnit", "days");
            selection.put("countNumber", days);
            return this;
        }
    }
}
