package dev.promobot.promotion;

import dev.promobot.rules.Freeze;

import java.util.List;
import java.util.Optional;

/** What /freeze or /unfreeze came to. */
public sealed interface FreezeResult
        permits Refusal, FreezeResult.Frozen, FreezeResult.UnfreezeAsked, FreezeResult.Unfrozen {

    /** Every promotion is stopped; the announcement is posted and pinned. */
    record Frozen(Optional<String> service, Freeze freeze) implements FreezeResult {
    }

    /** A vote to lift it was counted: {@code votes} of {@code needed}. */
    record UnfreezeAsked(int votes, int needed) implements FreezeResult {
    }

    /** The freeze is lifted by {@code by}; the announcement is posted and the pin removed. */
    record Unfrozen(Optional<String> service, Freeze freeze, List<String> by) implements FreezeResult {

        public Unfrozen {
            by = List.copyOf(by);
        }
    }
}
