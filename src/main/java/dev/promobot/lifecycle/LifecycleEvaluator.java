package dev.promobot.lifecycle;

import dev.promobot.lifecycle.Evaluation.Verdict;
import dev.promobot.lifecycle.LifecyclePolicy.Rule;
import dev.promobot.lifecycle.LifecyclePolicy.Selection;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Predicts what ECR does to a repository's images under a lifecycle policy, as its lifecycle policy preview
 * would: rules in ascending rulePriority, every rule sees every image, an image a rule selected is shielded from
 * lower rules whether or not that rule acted on it, and each image gets at most one action.
 *
 * <p>Manifest lists: an image referenced by a live manifest list (image index) is never acted on. A list is
 * live when it is in the repository and this evaluation does not act on it, judged on the outcome of the whole
 * evaluation rather than at the moment a rule reaches the child. So the answer does not depend on the order in
 * which rules or images are visited, and a list expired together with its children is reported with them: the
 * children are due as soon as the list is gone, and an audit reports what is due. A list being archived is acted
 * on too: archived, it can no longer be pulled, so it no longer needs its children in standard storage.
 * Protection cascades: a child that is itself a list, kept for that reason, keeps its own children.
 */
public final class LifecycleEvaluator {

    /** Newest first; for equal push times the smaller digest counts as newer so results are repeatable. */
    private static final Comparator<LifecycleImage> NEWEST_FIRST =
            Comparator.comparing(LifecycleEvaluator::countedPushTime).reversed()
                    .thenComparing(LifecycleImage::digest);

    private static final int NO_RULE = -1;

    private LifecycleEvaluator() {
    }

    /**
     * @param images every image in the repository, each digest once
     * @throws IllegalArgumentException if a digest appears twice
     */
    public static Evaluation evaluate(LifecyclePolicy policy, List<LifecycleImage> images, Instant now) {
        LifecycleImage[] ordered = images.toArray(new LifecycleImage[0]);
        Arrays.sort(ordered, NEWEST_FIRST);
        Map<String, Integer> indexByDigest = indexByDigest(ordered);
        List<Rule> rules = policy.rules();

        int[] actedBy = new int[ordered.length];
        Arrays.fill(actedBy, NO_RULE);
        boolean[] shielded = new boolean[ordered.length];
        int[] selected = new int[ordered.length];
        Map<Integer, Set<String>> selectedByRule = new LinkedHashMap<>();

        for (int r = 0; r < rules.size(); r++) {
            Selection selection = rules.get(r).selection();
            int selectedCount = select(selection, ordered, selected);
            Marker marker = Marker.of(selection, now);
            String[] selectedDigests = new String[selectedCount];
            for (int k = 0; k < selectedCount; k++) {
                int i = selected[k];
                if (marker.marks(k, ordered[i]) && !shielded[i] && actedBy[i] == NO_RULE) {
                    actedBy[i] = r;
                }
                selectedDigests[k] = ordered[i].digest();
            }
            for (int k = 0; k < selectedCount; k++) {
                shielded[selected[k]] = true;
            }
            selectedByRule.put(rules.get(r).rulePriority(), Set.of(selectedDigests));
        }

        keepChildrenOfLiveManifestLists(ordered, indexByDigest, actedBy);
        return new Evaluation(verdicts(rules, ordered, actedBy), selectedByRule);
    }

    /** Grouped by rule in rule order; within a rule newest first, the order the images were already in. */
    private static List<Verdict> verdicts(List<Rule> rules, LifecycleImage[] ordered, int[] actedBy) {
        List<List<Verdict>> byRule = new ArrayList<>(rules.size());
        rules.forEach(rule -> byRule.add(new ArrayList<>()));
        for (int i = 0; i < ordered.length; i++) {
            if (actedBy[i] != NO_RULE) {
                Rule rule = rules.get(actedBy[i]);
                byRule.get(actedBy[i]).add(
                        new Verdict(ordered[i].digest(), ordered[i], rule.rulePriority(), rule.action().type()));
            }
        }
        List<Verdict> verdicts = new ArrayList<>();
        byRule.forEach(verdicts::addAll);
        return verdicts;
    }

    /** The time imageCountMoreThan and sinceImagePushed go by: a restored image counts from its restore. */
    static Instant countedPushTime(LifecycleImage image) {
        return image.lastActivatedAt().orElse(image.pushedAt());
    }

    /** The time sinceImagePulled goes by: the last pull, else the push, unless a later restore reset it. */
    static Instant countedPullTime(LifecycleImage image) {
        Instant pulled = image.lastRecordedPullTime().orElse(image.pushedAt());
        return image.lastActivatedAt().filter(activated -> activated.isAfter(pulled)).orElse(pulled);
    }

    private static Map<String, Integer> indexByDigest(LifecycleImage[] ordered) {
        Map<String, Integer> index = new HashMap<>(Math.max(16, ordered.length * 4 / 3 + 1));
        for (int i = 0; i < ordered.length; i++) {
            if (index.putIfAbsent(ordered[i].digest(), i) != null) {
                throw new IllegalArgumentException("image " + ordered[i].digest() + " appears more than once");
            }
        }
        return index;
    }

    /** Fills {@code into} with the indices the selection takes, newest first, and returns how many. */
    private static int select(Selection selection, LifecycleImage[] ordered, int[] into) {
        TagCondition condition = TagCondition.of(selection);
        int count = 0;
        for (int i = 0; i < ordered.length; i++) {
            LifecycleImage image = ordered[i];
            if (image.storageClass() == selection.storageClass() && condition.selects(image.tags())) {
                into[count++] = i;
            }
        }
        return count;
    }

    /** Un-acts on every image a live list references; a list kept that way becomes live in turn. */
    private static void keepChildrenOfLiveManifestLists(
            LifecycleImage[] ordered, Map<String, Integer> indexByDigest, int[] actedBy) {
        Deque<Integer> liveLists = new ArrayDeque<>();
        for (int i = 0; i < ordered.length; i++) {
            if (ordered[i].isManifestList() && actedBy[i] == NO_RULE) {
                liveLists.add(i);
            }
        }
        while (!liveLists.isEmpty()) {
            for (String childDigest : ordered[liveLists.poll()].childDigests()) {
                Integer child = indexByDigest.get(childDigest);
                if (child != null && actedBy[child] != NO_RULE) {
                    actedBy[child] = NO_RULE;
                    if (ordered[child].isManifestList()) {
                        liveLists.add(child);
                    }
                }
            }
        }
    }

    /** Whether a rule marks the k-th newest image it selected. */
    private interface Marker {

        boolean marks(int newestFirstPosition, LifecycleImage image);

        static Marker of(Selection selection, Instant now) {
            long n = selection.countNumber();
            return switch (selection.countType()) {
                case IMAGE_COUNT_MORE_THAN -> (position, image) -> position >= n;
                case SINCE_IMAGE_PUSHED -> olderThan(now, n, image -> Optional.of(countedPushTime(image)));
                case SINCE_IMAGE_PULLED -> olderThan(now, n, image -> Optional.of(countedPullTime(image)));
                case SINCE_IMAGE_TRANSITIONED -> olderThan(now, n, LifecycleImage::lastArchivedAt);
            };
        }

        /** Marked when now - time > days, strictly; an image without the time is never marked. */
        private static Marker olderThan(
                Instant now, long days, Function<LifecycleImage, Optional<Instant>> time) {
            Instant cutoff;
            try {
                cutoff = now.minus(Duration.ofDays(days));
            } catch (ArithmeticException | DateTimeException beyondRepresentableTime) {
                // Nothing is older than the earliest Instant; everything is older than the latest.
                cutoff = days > 0 ? Instant.MIN : Instant.MAX;
            }
            Instant threshold = cutoff;
            return (position, image) -> time.apply(image).map(t -> t.isBefore(threshold)).orElse(false);
        }
    }
}
