package dev.promobot.store;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.promobot.Cast.ADMIN;
import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.SECOND_APPROVER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * V5 renames tables and columns to the glossary's words. An operator's existing rows must come through it: this
 * migrates a database to V4, writes the rows promobot wrote before, migrates on, and reads them back. Runs on
 * H2 by default, and on PostgreSQL (a schema of its own) with the postgresql Maven profile.
 */
class RenamingMigrationTest {

    /**
     * On H2 a file database that closes with its last connection: H2 2.4 binds a CHECK constraint to the session
     * that created it, so a constraint Flyway created is only usable again once the database has been reopened.
     */
    private static final String URL = System.getProperty("test.db.url",
            "jdbc:h2:file:./target/renaming-migration/promobot");
    private static final String USER = System.getProperty("test.db.username", "promobot");
    private static final String SCHEMA = "renaming_migration";

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(URL, USER, "").schemas(SCHEMA).cleanDisabled(false)
                .placeholders(Map.of("service", "api")).target(target).load();
    }

    @BeforeEach
    void emptySchema() {
        flyway("latest").clean();
    }

    @Test
    void rowsWrittenBeforeTheRenamingReadTheSameAfterIt() throws SQLException {
        assertThat(flyway("4").migrate().targetSchemaVersion).isEqualTo("4");
        execute("INSERT INTO deployment (environment, functions, digest, kind, status, started_at, actor_id) "
                + "VALUES ('staging', 'api-staging', 'sha256:aa', 'promote', 'succeeded', CURRENT_TIMESTAMP, "
                + DEPLOYER.id() + ")");
        execute("INSERT INTO deployment (environment, functions, digest, kind, status, started_at) "
                + "VALUES ('prod', 'api-prod', 'sha256:bb', 'observed', 'succeeded', CURRENT_TIMESTAMP)");
        execute("INSERT INTO promotion_request (id, target_environment, tag, digest, requester_id, status, "
                + "created_at, expires_at, closed_by) VALUES (1, 'prod', 'sha-1a2b3c4-20251127', 'sha256:aa', "
                + DEPLOYER.id() + ", 'rejected', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, " + APPROVER.id() + ")");
        execute("INSERT INTO approval (request_id, approver_id, approved_at) VALUES (1, " + SECOND_APPROVER.id()
                + ", CURRENT_TIMESTAMP)");
        execute("INSERT INTO env_lock (environment, locked_by, locked_at) VALUES ('prod', " + ADMIN.id()
                + ", CURRENT_TIMESTAMP)");
        execute("INSERT INTO audit_event (at, command, text, outcome) "
                + "VALUES (CURRENT_TIMESTAMP, 'drift', 'drift watch', 'observed')");

        flyway("latest").migrate();

        assertThat(rows("SELECT environment, kind, actor_user_id FROM deployment ORDER BY id"))
                .containsExactly("staging promotion " + DEPLOYER.id(), "prod outside null");
        assertThat(rows("SELECT environment, kind, requester_user_id, closed_by_user_id, status FROM approval_request"))
                .containsExactly("prod promotion " + DEPLOYER.id() + " " + APPROVER.id() + " rejected");
        assertThat(rows("SELECT request_id, approver_user_id FROM approval"))
                .containsExactly("1 " + SECOND_APPROVER.id());
        assertThat(rows("SELECT environment, locked_by_user_id FROM environment_lock"))
                .containsExactly("prod " + ADMIN.id());
        assertThat(rows("SELECT command, text, outcome FROM audit_event"))
                .containsExactly("outside-deployment-watch outside-deployment watch outside");
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(URL, USER, "");
        connection.setSchema(SCHEMA);
        return connection;
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement statement = c.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = connect(); Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}
