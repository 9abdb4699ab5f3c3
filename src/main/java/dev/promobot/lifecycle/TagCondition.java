package dev.promobot.lifecycle;

import dev.promobot.lifecycle.LifecyclePolicy.Selection;
import java.util.List;

/** A rule's tag condition, compiled once so evaluating it per image does no parsing. */
final class TagCondition {

    private final LifecyclePolicy.TagStatus tagStatus;
    private final List<String> prefixes;
    private final List<TagPattern> patterns;

    private TagCondition(Selection selection) {
        this.tagStatus = selection.tagStatus();
        this.prefixes = selection.tagPrefixList();
        this.patterns = selection.tagPatternList().stream().map(TagPattern::compile).toList();
    }

    static TagCondition of(Selection selection) {
        return new TagCondition(selection);
    }

    /**
     * Tagged: the image has tags and every list entry matches at least one of them. A policy built in code
     * with both lists needs every entry of both to match; a parsed policy never has both.
     */
    boolean selects(List<String> tags) {
        return switch (tagStatus) {
            case ANY -> true;
            case UNTAGGED -> tags.isEmpty();
            case TAGGED -> !tags.isEmpty() && everyPrefixMatches(tags) && everyPatternMatches(tags);
        };
    }

    /** Whether every tag that starts with {@code prefix} satisfies this condition on its own. */
    boolean selectsEveryTagStartingWith(String prefix) {
        return switch (tagStatus) {
            case ANY -> true;
            case UNTAGGED -> false;
            // A glob matches every extension of the prefix exactly when it ends in * and matches the prefix.
            case TAGGED -> prefixes.stream().allMatch(prefix::startsWith)
                    && patterns.stream().allMatch(p -> p.endsWithWildcard() && p.matches(prefix));
        };
    }

    private boolean everyPrefixMatches(List<String> tags) {
        for (String prefix : prefixes) {
            if (!anyTagStartsWith(tags, prefix)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyTagStartsWith(List<String> tags, String prefix) {
        for (String tag : tags) {
            if (tag.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private boolean everyPatternMatches(List<String> tags) {
        for (TagPattern pattern : patterns) {
            if (!anyTagMatches(tags, pattern)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyTagMatches(List<String> tags, TagPattern pattern) {
        for (String tag : tags) {
            if (pattern.matches(tag)) {
                return true;
            }
        }
        return false;
    }
}
