package dev.promobot.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates the configuration once and offers the result to the rest of promobot. Start-up fails on the first
 * invalid value, with one line per problem naming its key, before anything talks to Telegram or AWS.
 */
@ApplicationScoped
public class SettingsProducer {

    @Produces
    @Singleton
    Settings settings(PromobotConfig config) {
        SettingsValidator.Result result = SettingsValidator.validate(config);
        if (!result.valid()) {
            String lines = result.problems().stream().map(SettingsValidator.Problem::toString)
                    .collect(Collectors.joining(System.lineSeparator()));
            Set<String> keys = result.problems().stream().map(SettingsValidator.Problem::key)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            throw new ConfigurationException(lines, keys);
        }
        return result.settings().orElseThrow();
    }

    void checkAtStartup(@Observes @Priority(1) StartupEvent event, Settings settings) {
        // Injecting the settings here is what makes an invalid configuration stop start-up.
    }
}
