package dev.promobot.rules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Every configured service, in the order the team sees them (by name). */
public final class Services {

    private final Map<String, Service> byName = new LinkedHashMap<>();

    public Services(List<Service> services) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("at least one service is needed");
        }
        services.stream().sorted(Comparator.comparing(Service::name))
                .forEach(service -> byName.put(service.name(), service));
    }

    public static Services of(Service... services) {
        return new Services(List.of(services));
    }

    public List<Service> all() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    public Optional<Service> named(String name) {
        return Optional.ofNullable(name).map(byName::get);
    }

    /** The only service, when there is just one. */
    public Optional<Service> only() {
        return byName.size() == 1 ? Optional.of(byName.values().iterator().next()) : Optional.empty();
    }

    public boolean several() {
        return byName.size() > 1;
    }

    /**
     * The services a chat can mean without naming one: those bound to the chat, or every service when none is
     * bound to it.
     */
    public List<Service> meantIn(long chatId) {
        List<Service> bound = new ArrayList<>();
        byName.values().stream().filter(service -> service.boundTo(chatId)).forEach(bound::add);
        return bound.isEmpty() ? all() : List.copyOf(bound);
    }

    /** Every environment name any service has, sorted. */
    public Set<String> environmentNames() {
        Set<String> names = new TreeSet<>();
        byName.values().forEach(service -> names.addAll(service.pipeline().names()));
        return names;
    }

    @Override
    public String toString() {
        return byName.keySet().toString();
    }
}
