package dev.promobot.rules;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What every Lambda function of one environment runs right now. */
public record EnvironmentState(String environment, List<FunctionImage> functions) {

    public EnvironmentState {
        Objects.requireNonNull(environment, "environment");
        functions = List.copyOf(functions);
    }

    /** The one image the environment runs: present only when every function reports the same digest. */
    public Optional<Digest> digest() {
        if (functions.isEmpty() || functions.stream().anyMatch(f -> f.resolvedDigest().isEmpty())) {
            return Optional.empty();
        }
        List<Digest> digests = digests();
        return digests.size() == 1 ? Optional.of(digests.get(0)) : Optional.empty();
    }

    /** False when two functions run different images; functions that report no digest are not counted. */
    public boolean consistent() {
        return digests().size() <= 1;
    }

    /** The distinct digests the functions report, in function order. */
    public List<Digest> digests() {
        return functions.stream().flatMap(f -> f.resolvedDigest().stream()).distinct().toList();
    }
}
