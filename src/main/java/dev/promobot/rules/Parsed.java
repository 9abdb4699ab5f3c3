package dev.promobot.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of reading untrusted text: a value, or one sentence saying why the text was refused.
 * Parsers return this instead of throwing, so chat input can never crash a command.
 *
 * <p>The record components are named {@code result} and {@code sentence} because a record accessor called
 * {@code value()} or {@code reason()} would clash with the {@code Optional}-returning helpers below.
 */
public sealed interface Parsed<T> permits Parsed.Ok, Parsed.Refused {

    record Ok<T>(T result) implements Parsed<T> {
        public Ok {
            Objects.requireNonNull(result, "result");
        }
    }

    record Refused<T>(String sentence) implements Parsed<T> {
        public Refused {
            Objects.requireNonNull(sentence, "sentence");
        }
    }

    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Parsed<T> refused(String sentence) {
        return new Refused<>(sentence);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    default Optional<T> value() {
        return this instanceof Ok<T> ok ? Optional.of(ok.result()) : Optional.empty();
    }

    default Optional<String> reason() {
        return this instanceof Refused<T> refused ? Optional.of(refused.sentence()) : Optional.empty();
    }
}
