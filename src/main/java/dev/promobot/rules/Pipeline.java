package dev.promobot.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The environments in pipeline order: every environment comes after its source. Built only through
 * {@link #of(List)}, which refuses a source that does not exist and a cycle of sources.
 */
public final class Pipeline {

    /** A reason the configured environments do not form a pipeline, tied to the environment it is about. */
    public record EnvironmentProblem(String environment, String sentence) {
    }

    /** Either a pipeline or every problem that prevents one. */
    public record Built(Optional<Pipeline> pipeline, List<EnvironmentProblem> problems) {
    }

    private final List<Environment> ordered;
    private final Map<String, Environment> byName;

    private Pipeline(List<Environment> ordered) {
        this.ordered = List.copyOf(ordered);
        Map<String, Environment> map = new LinkedHashMap<>();
        ordered.forEach(env -> map.put(env.name(), env));
        this.byName = map;
    }

    public static Built of(List<Environment> environments) {
        Map<String, Environment> byName = new LinkedHashMap<>();
        List<EnvironmentProblem> problems = new ArrayList<>();
        for (Environment env : environments) {
            if (byName.putIfAbsent(env.name(), env) != null) {
                problems.add(new EnvironmentProblem(env.name(), "environment '" + env.name()
                        + "' is configured twice"));
            }
        }
        if (byName.isEmpty()) {
            problems.add(new EnvironmentProblem("", "no environments are configured"));
        }
        for (Environment env : byName.values()) {
            env.source().ifPresent(source -> {
                if (source.equals(env.name())) {
                    problems.add(new EnvironmentProblem(env.name(), env.name() + " cannot be its own source"));
                } else if (!byName.containsKey(source)) {
                    problems.add(new EnvironmentProblem(env.name(), "names source '" + source
                            + "', which is not a configured environment (configured: "
                            + String.join(", ", byName.keySet()) + ")"));
                }
            });
        }
        if (!problems.isEmpty()) {
            return new Built(Optional.empty(), problems);
        }
        List<Environment> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (Environment env : byName.values()) {
            place(env, byName, placed, ordered, new ArrayList<>(), problems);
        }
        if (!problems.isEmpty()) {
            return new Built(Optional.empty(), problems);
        }
        return new Built(Optional.of(new Pipeline(ordered)), List.of());
    }

    private static void place(Environment env, Map<String, Environment> byName, Set<String> placed,
                              List<Environment> ordered, List<String> path, List<EnvironmentProblem> problems) {
        if (placed.contains(env.name())) {
            return;
        }
        if (path.contains(env.name())) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(env.name()), path.size()));
            cycle.add(env.name());
            if (problems.stream().noneMatch(p -> p.sentence().startsWith("sources form a cycle"))) {
                problems.add(new EnvironmentProblem(env.name(), "sources form a cycle: " + String.join(" <- ", cycle)));
            }
            return;
        }
        path.add(env.name());
        env.source().map(byName::get).ifPresent(source -> place(source, byName, placed, ordered, path, problems));
        path.remove(path.size() - 1);
        if (problems.isEmpty()) {
            placed.add(env.name());
            ordered.add(env);
        }
    }

    /** The environments in pipeline order, sources first. */
    public List<Environment> environments() {
        return ordered;
    }

    public Optional<Environment> environment(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    public Optional<Environment> sourceOf(Environment env) {
        return env.source().map(byName::get);
    }

    /** Names in pipeline order, for sentences like "environments: dev, staging, prod". */
    public List<String> names() {
        return ordered.stream().map(Environment::name).toList();
    }

    @Override
    public String toString() {
        return ordered.stream().map(Environment::name).toList().toString();
    }
}
