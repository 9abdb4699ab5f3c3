package dev.promobot.rules;

import java.util.Objects;

/** One reason a request was refused: the rule, and a sentence a person can act on. */
public record Reason(Rule rule, String sentence) {

    public Reason {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(sentence, "sentence");
    }

    @Override
    public String toString() {
        return rule + " " + rule.title() + ": " + sentence;
    }
}
