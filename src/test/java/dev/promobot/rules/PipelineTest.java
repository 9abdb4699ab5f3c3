package dev.promobot.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PipelineTest {

    private static final Environment DEV = env("dev", null);
    private static final Environment STAGING = env("staging", "dev");
    private static final Environment PROD = env("prod", "staging");

    static Stream<List<Environment>> everyInputOrder() {
        return permutations(List.of(DEV, STAGING, PROD)).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyInputOrder")
    void ordersEnvironmentsSourcesFirstWhateverTheConfiguredOrder(List<Environment> configured) {
        Pipeline pipeline = Pipeline.of(configured).pipeline().orElseThrow();

        assertThat(pipeline.names()).containsExactly("dev", "staging", "prod");
        assertThat(pipeline.environments()).containsExactly(DEV, STAGING, PROD);
    }

    static Stream<Arguments> brokenPipelines() {
        return Stream.of(
                arguments("unknown source", List.of(DEV, env("staging", "qa")),
                        "names source 'qa', which is not a configured environment (configured: dev, staging)"),
                arguments("self source", List.of(env("dev", "dev")), "dev cannot be its own source"),
                arguments("cycle", List.of(env("dev", "prod"), env("prod", "staging"), env("staging", "dev")),
                        "sources form a cycle: dev <- prod <- staging <- dev"),
                arguments("duplicate", List.of(DEV, DEV), "environment 'dev' is configured twice"),
                arguments("empty", List.of(), "no environments are configured"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPipelines")
    void refusesABrokenPipelineNamingTheProblem(String name, List<Environment> configured, String sentence) {
        Pipeline.Built built = Pipeline.of(configured);

        assertThat(built.pipeline()).isEmpty();
        assertThat(built.problems()).extracting(Pipeline.EnvironmentProblem::sentence).contains(sentence);
    }

    @Test
    void findsEnvironmentsAndTheirSources() {
        Pipeline pipeline = Pipeline.of(List.of(PROD, DEV, STAGING)).pipeline().orElseThrow();

        assertThat(pipeline.environment("prod")).contains(PROD);
        assertThat(pipeline.environment("qa")).isEmpty();
        assertThat(pipeline.environment(null)).isEmpty();
        assertThat(pipeline.sourceOf(PROD)).contains(STAGING);
        assertThat(pipeline.sourceOf(DEV)).isEmpty();
    }

    private static Environment env(String name, String source) {
        return new Environment(name, List.of(name + "-api"), Optional.ofNullable(source), 0, false);
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> result = new ArrayList<>();
        for (T first : items) {
            List<T> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<T> tail : permutations(rest)) {
                List<T> permutation = new ArrayList<>(List.of(first));
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
