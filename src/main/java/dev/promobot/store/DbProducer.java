package dev.promobot.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.Set;

/** Offers {@link Db} over whichever datasource {@link DatabaseChoice} switched on for this run. */
public class DbProducer {

    @Produces
    @Singleton
    Db db(@Any InjectableInstance<AgroalDataSource> dataSources,
          @ConfigProperty(name = DatabaseChoice.URL_KEY) Optional<String> url) {
        Optional<DatabaseChoice.Kind> kind = DatabaseChoice.Kind.of(url.orElse(null));
        if (kind.isEmpty()) {
            throw new ConfigurationException(DatabaseChoice.URL_KEY + ": promobot runs on H2 (jdbc:h2:...) or "
                    + "PostgreSQL (jdbc:postgresql://host:5432/database); got " + url.map(DbProducer::withoutCredentials)
                    .orElse("nothing"), Set.of(DatabaseChoice.URL_KEY));
        }
        return new Db(dataSources.getActive(), kind.get());
    }

    void checkAtStartup(@Observes @Priority(1) StartupEvent event, Db db) {
        // Injecting Db here is what makes an unusable database URL stop start-up.
    }

    /** A JDBC URL may carry a password as a parameter; the message keeps only the part before it. */
    private static String withoutCredentials(String url) {
        int parameters = url.indexOf('?');
        return "'" + (parameters < 0 ? url : url.substring(0, parameters)) + "'";
    }
}
