package dev.promobot.lifecycle;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A repository's ECR lifecycle policy.
 *
 * @param rules sorted by ascending rulePriority, the order ECR applies them in; priorities are unique
 */
public record LifecyclePolicy(List<Rule> rules) {

    public LifecyclePolicy {
        rules = rules.stream().sorted(Comparator.comparingInt(Rule::rulePriority)).toList();
        for (int i = 1; i < rules.size(); i++) {
            if (rules.get(i).rulePriority() == rules.get(i - 1).rulePriority()) {
                throw new IllegalArgumentException("rulePriority " + rules.get(i).rulePriority() + " is used twice");
            }
        }
    }

    /** Reads lifecycle policy JSON; never throws, a bad policy comes back as findings. */
    public static ParseResult parse(String json) {
        return LifecyclePolicyParser.parse(json);
    }

    /**
     * How many images with tags starting with {@code tagPrefix} the policy keeps: the countNumber of the
     * first rule, in evaluation order, that is a standard-storage imageCountMoreThan expire rule selecting
     * every tag with that prefix. The first such rule wins because it shields those images from later rules.
     */
    public Optional<Integer> keepCountFor(String tagPrefix) {
        for (Rule rule : rules) {
            Selection selection = rule.selection();
            if (rule.action().type() == ActionType.EXPIRE
                    && selection.countType() == CountType.IMAGE_COUNT_MORE_THAN
                    && selection.storageClass() == StorageClass.STANDARD
                    && TagCondition.of(selection).selectsEveryTagStartingWith(tagPrefix)) {
                return Optional.of((int) Math.min(Integer.MAX_VALUE, selection.countNumber()));
            }
        }
        return Optional.empty();
    }

    public record Rule(int rulePriority, String description, Selection selection, RuleAction action) {
        public Rule {
            description = Objects.requireNonNullElse(description, "");
            Objects.requireNonNull(selection, "selection");
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * Which images a rule looks at and when it marks them.
     *
     * @param tagPrefixList  for tagged rules: every entry must be the start of one of the image's tags
     * @param tagPatternList for tagged rules: every entry must match one of the image's tags as a whole
     * @param countUnit      "days" for the since* count types, absent for imageCountMoreThan
     */
    public record Selection(
            TagStatus tagStatus,
            List<String> tagPrefixList,
            List<String> tagPatternList,
            StorageClass storageClass,
            CountType countType,
            Optional<String> countUnit,
            long countNumber) {

        public Selection {
            Objects.requireNonNull(tagStatus, "tagStatus");
            tagPrefixList = List.copyOf(tagPrefixList);
            tagPatternList = List.copyOf(tagPatternList);
            storageClass = Objects.requireNonNullElse(storageClass, StorageClass.STANDARD);
            Objects.requireNonNull(countType, "countType");
            Objects.requireNonNull(countUnit, "countUnit");
        }
    }

    public record RuleAction(ActionType type, Optional<StorageClass> targetStorageClass) {
        public RuleAction {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(targetStorageClass, "targetStorageClass");
        }

        public static RuleAction expire() {
            return new RuleAction(ActionType.EXPIRE, Optional.empty());
        }

        public static RuleAction transitionToArchive() {
            return new RuleAction(ActionType.TRANSITION, Optional.of(StorageClass.ARCHIVE));
        }
    }

    public enum TagStatus {
        TAGGED("tagged"),
        UNTAGGED("untagged"),
        ANY("any");

        private final String policyName;

        TagStatus(String policyName) {
            this.policyName = policyName;
        }

        public String policyName() {
            return policyName;
        }
    }

    public enum CountType {
        IMAGE_COUNT_MORE_THAN("imageCountMoreThan"),
        SINCE_IMAGE_PUSHED("sinceImagePushed"),
        SINCE_IMAGE_PULLED("sinceImagePulled"),
        SINCE_IMAGE_TRANSITIONED("sinceImageTransitioned");

        private final String policyName;

        CountType(String policyName) {
            this.policyName = policyName;
        }

        public String policyName() {
            return policyName;
        }
    }

    public enum ActionType {
        EXPIRE("expire"),
        TRANSITION("transition");

        private final String policyName;

        ActionType(String policyName) {
            this.policyName = policyName;
        }

        public String policyName() {
            return policyName;
        }
    }

    /**
     * The outcome of {@link #parse}: a policy, or the findings that explain why there is none.
     *
     * @param findings one sentence each, naming the rule by its rulePriority
     */
    public record ParseResult(Optional<LifecyclePolicy> policy, List<String> findings) {

        public ParseResult {
            Objects.requireNonNull(policy, "policy");
            findings = List.copyOf(findings);
            if (policy.isPresent() == !findings.isEmpty()) {
                throw new IllegalArgumentException("a parse result has either a policy or findings");
            }
        }

        static ParseResult valid(LifecyclePolicy policy) {
            return new ParseResult(Optional.of(policy), List.of());
        }

        static ParseResult invalid(List<String> findings) {
            return new ParseResult(Optional.empty(), findings);
        }

        public boolean isValid() {
            return policy.isPresent();
        }
    }
}
