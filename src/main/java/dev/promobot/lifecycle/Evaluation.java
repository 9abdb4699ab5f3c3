package dev.promobot.lifecycle;

import dev.promobot.lifecycle.LifecyclePolicy.ActionType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a lifecycle policy does to a repository's images, as ECR's lifecycle policy preview would report it.
 *
 * @param verdicts       the images acted on, at most one verdict per image; by ascending rulePriority, and
 *                       within a rule newest first (digest breaking ties), the order imageCountMoreThan counts in
 * @param selectedByRule for every rule, by ascending rulePriority, the digests it selected, acted on or not;
 *                       this is what explains why a lower rule left an image alone
 */
public record Evaluation(List<Verdict> verdicts, Map<Integer, Set<String>> selectedByRule) {

    public Evaluation {
        verdicts = List.copyOf(verdicts);
        Map<Integer, Set<String>> selected = new LinkedHashMap<>();
        selectedByRule.forEach((priority, digests) -> selected.put(priority, Set.copyOf(digests)));
        selectedByRule = Collections.unmodifiableMap(selected);
    }

    /** One image a rule acts on. */
    public record Verdict(String digest, LifecycleImage image, int rulePriority, ActionType action) {
        public Verdict {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(action, "action");
            if (!image.digest().equals(digest)) {
                throw new IllegalArgumentException(
                        "verdict digest " + digest + " is not the image's " + image.digest());
            }
        }
    }

    public List<Verdict> expired() {
        return withAction(ActionType.EXPIRE);
    }

    public List<Verdict> transitioned() {
        return withAction(ActionType.TRANSITION);
    }

    /** How many images each rule acts on, by ascending rulePriority; rules that act on none count 0. */
    public Map<Integer, Long> byRule() {
        Map<Integer, Long> counts = new LinkedHashMap<>();
        selectedByRule.keySet().forEach(priority -> counts.put(priority, 0L));
        verdicts.forEach(verdict -> counts.merge(verdict.rulePriority(), 1L, Long::sum));
        return Collections.unmodifiableMap(counts);
    }

    /** A linear scan: callers look up a handful of images per request, not every image. */
    public Optional<Verdict> verdictFor(String digest) {
        return verdicts.stream().filter(verdict -> verdict.digest().equals(digest)).findFirst();
    }

    /** The digests the rule with this priority selected; empty for a priority the policy doesn't have. */
    public Set<String> selectedBy(int rulePriority) {
        return selectedByRule.getOrDefault(rulePriority, Set.of());
    }

    private List<Verdict> withAction(ActionType action) {
        return verdicts.stream().filter(verdict -> verdict.action() == action).toList();
    }
}
