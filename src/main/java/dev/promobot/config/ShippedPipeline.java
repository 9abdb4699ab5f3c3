package dev.promobot.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The functions of the shipped pipeline (telegram-api-dev, -staging, -prod), the defaults of the single service
 * that today's keys describe. They apply only while no further service is configured under promobot.services:
 * a team that configures only named services gets no sample service beside them, and one that set its single
 * service's functions keeps them, since its own keys outrank these.
 */
public final class ShippedPipeline implements ConfigSourceFactory {

    /** Below application.properties (250), so any key of the operator's wins. */
    private static final int ORDINAL = 200;

    static final Map<String, String> FUNCTIONS = Map.of(
            "promobot.environments.dev.functions", "telegram-api-dev",
            "promobot.environments.staging.functions", "telegram-api-staging",
            "promobot.environments.prod.functions", "telegram-api-prod");

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean services = StreamSupport.stream(((Iterable<String>) context::iterateNames).spliterator(), false)
                .anyMatch(name -> name.startsWith("promobot.services.") || name.startsWith("PROMOBOT_SERVICES_")
                        || profiles.stream().anyMatch(p -> name.startsWith("%" + p + ".promobot.services.")));
        // With services configured, the shipped names are cleared rather than left out: Quarkus also keeps the
        // values it saw while building the jar, as defaults below every source, and an empty value hides those.
        Map<String, String> functions = services
                ? FUNCTIONS.keySet().stream().collect(Collectors.toMap(key -> key, key -> "")) : FUNCTIONS;
        return List.of(new PropertiesConfigSource(functions, "promobot shipped pipeline", ORDINAL));
    }
}
