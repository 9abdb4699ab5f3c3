package dev.promobot;

import org.awaitility.Awaitility;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A database of its own for packaged-jar runs. The suite's database decides which kind: an H2 file under the
 * test's folder, or, when {@code test.db.url} names PostgreSQL (the postgresql Maven profile), a new database on
 * that server, dropped again by {@link #close()}. Either way the jar is the same; only its URL differs.
 */
final class JarDatabase implements AutoCloseable {

    private static final String SUITE_URL = System.getProperty("test.db.url", "");
    private static final String SUITE_USER = System.getProperty("test.db.username", "promobot");

    final String url;
    final String username;
    private final String postgresqlName;

    private JarDatabase(String url, String username, String postgresqlName) {
        this.url = url;
        this.username = username;
        this.postgresqlName = postgresqlName;
    }

    static JarDatabase fresh(Path folder) throws SQLException {
        if (!SUITE_URL.startsWith("jdbc:postgresql:")) {
            // As the README asks of an operator's own H2 URL: the pool, not H2's shutdown hook, closes the file, so
            // a stopping jar can still mark the message it just sent. The file is opened by one process at a time
            // (the jar, or the test between runs); the tests that run several replicas at once need PostgreSQL.
            return new JarDatabase("jdbc:h2:file:" + folder.resolve("db").resolve("promobot")
                    + ";DB_CLOSE_ON_EXIT=FALSE", "promobot", null);
        }
        String name = "promobot_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(SUITE_URL, SUITE_USER, "");
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE DATABASE " + name);
        }
        return new JarDatabase(SUITE_URL.substring(0, SUITE_URL.lastIndexOf('/') + 1) + name, SUITE_USER, name);
    }

    /** Whether the suite runs on PostgreSQL (the postgresql Maven profile). */
    static boolean suiteIsPostgresql() {
        return SUITE_URL.startsWith("jdbc:postgresql:");
    }

    boolean isPostgresql() {
        return postgresqlName != null;
    }

    /** The only settings that tell the jar where its database is: the standard Quarkus keys. */
    List<String> properties() {
        List<String> properties = new ArrayList<>(List.of("-Dquarkus.datasource.jdbc.url=" + url,
                "-Dquarkus.datasource.username=" + username));
        if (!isPostgresql()) {
            // After a SIGKILL of the process serving the file, H2 takes some seconds to find its lock stale.
            properties.add("-Dquarkus.datasource.jdbc.acquisition-timeout=30S");
        }
        return properties;
    }

    /**
     * Waits until the database can be opened again: after a SIGKILL, H2 refuses to open the file until its lock
     * is stale, as an operator restarting promobot on H2 would find.
     */
    void awaitOpenable() {
        Awaitility.await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Connection ignored = connect()) {
                return true;
            }
        });
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, "");
    }

    @Override
    public void close() throws SQLException {
        if (postgresqlName != null) {
            try (Connection c = DriverManager.getConnection(SUITE_URL, SUITE_USER, "");
                 Statement s = c.createStatement()) {
                s.executeUpdate("DROP DATABASE IF EXISTS " + postgresqlName + " WITH (FORCE)");
            }
        }
    }
}
