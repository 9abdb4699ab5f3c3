package dev.promobot.store;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One jar for both databases: the jar carries an H2 datasource (the default one) and a PostgreSQL datasource
 * named {@value #POSTGRESQL}, and {@code quarkus.datasource.jdbc.url} decides at start-up which of the two is
 * active. Quarkus fixes a datasource's kind at build time but lets each be switched on or off at run time, so
 * this source only derives the two {@code active} flags from the URL the operator set.
 */
public final class DatabaseChoice implements ConfigSourceFactory {

    /** The name of the PostgreSQL datasource in application.properties. */
    public static final String POSTGRESQL = "postgresql";

    static final String URL_KEY = "quarkus.datasource.jdbc.url";

    /** Above application.properties (250), below environment variables (300) and system properties (400). */
    private static final int ORDINAL = 260;

    /** The database a JDBC URL names, or empty for one promobot does not run on. */
    public enum Kind {
        H2("jdbc:h2:"), POSTGRESQL("jdbc:postgresql:");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public static Optional<Kind> of(String url) {
            for (Kind kind : values()) {
                if (url != null && url.startsWith(kind.prefix)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue(URL_KEY);
        Optional<Kind> kind = Kind.of(url == null ? null : url.getValue());
        // An unknown URL leaves both off; Db's start-up check then names the key in one line.
        Map<String, String> flags = Map.of(
                "quarkus.datasource.active", String.valueOf(kind.equals(Optional.of(Kind.H2))),
                "quarkus.datasource." + POSTGRESQL + ".active",
                String.valueOf(kind.equals(Optional.of(Kind.POSTGRESQL))));
        return List.of(new PropertiesConfigSource(flags, "promobot database choice", ORDINAL));
    }
}
