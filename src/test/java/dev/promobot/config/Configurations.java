package dev.promobot.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import java.util.HashMap;
import java.util.Map;

/** A configuration validated as promobot reads its own: properties mapped onto {@link PromobotConfig}. */
final class Configurations {

    private Configurations() {
    }

    /**
     * @param base      the properties to start from
     * @param overrides key, value, key, value...; a null value removes the key
     */
    static SettingsValidator.Result validate(Map<String, String> base, String... overrides) {
        Map<String, String> properties = new HashMap<>(base);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                properties.remove(overrides[i]);
            } else {
                properties.put(overrides[i], overrides[i + 1]);
            }
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(PromobotConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
        return SettingsValidator.validate(config.getConfigMapping(PromobotConfig.class));
    }
}
