package dev.promobot.store;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import javax.sql.DataSource;

/** Offers {@link Db} over the configured datasource. */
public class DbProducer {

    @Produces
    @Singleton
    Db db(DataSource dataSource) {
        return new Db(dataSource);
    }
}
