package dev.promobot.github;

import dev.promobot.promotion.ReleaseTagCheck;
import dev.promobot.rules.ReleaseTag;

import java.util.Objects;

/** Used when GitHub is not configured: every check reports that it was not made, and why. */
public final class NoReleaseTagCheck implements ReleaseTagCheck {

    public static final String REPOSITORY_KEY = "promobot.github.repository";

    private final String why;

    public NoReleaseTagCheck() {
        this(REPOSITORY_KEY + " is not set");
    }

    /** @param why what is missing, named so an operator knows which setting to add */
    public NoReleaseTagCheck(String why) {
        this.why = Objects.requireNonNull(why, "why");
    }

    @Override
    public Outcome check(String repository, ReleaseTag tag, String gitSha) {
        return Outcome.notMade(why);
    }
}
