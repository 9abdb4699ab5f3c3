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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Migrations that reshape tables must bring an operator's existing rows through: each test migrates a database to
 * the version before, writes the rows promobot wrote then, migrates on, and reads them back. V5 renames tables and
 * columns to the glossary's words; V11 puts every row under the single service. Runs on H2 by default, and on
 * PostgreSQL (a schema of its own) with the postgresql Maven profile.
 */
class UpgradeMigrationTest {

    /**
     * On H2 a file database that closes with its last connection: H2 2.4 binds a CHECK constraint to the session
     * that created it, so a constraint Flyway created is only usable again once the database has been reopened.
     */
    private static final String URL = System.getProperty("test.db.url",
            "jdbc:h2:file:./target/upgrade-migration/promobot");
    private static final String USER = System.getProperty("test.db.username", "promobot");
    private static final String SCHEMA = "upgrade_migration";

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

    @Test
    void rowsWrittenWithOneServiceBelongToItAfterSeveralServicesCame() throws SQLException {
        assertThat(flyway("10").migrate().targetSchemaVersion).isEqualTo("10");
        execute("INSERT INTO deployment (environment, functions, digest, kind, status, started_at, "
                + "in_flight_environment) VALUES ('staging', 'api-staging', 'sha256:aa', 'promotion', 'in_progress', "
                + "CURRENT_TIMESTAMP, 'staging')");
        execute("INSERT INTO approval_request (id, environment, tag, digest, requester_user_id, status, created_at, "
                + "expires_at, kind) VALUES (1, 'prod', 'sha-1a2b3c4-20251127', 'sha256:aa', " + DEPLOYER.id()
                + ", 'open', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'promotion')");
        execute("INSERT INTO release_tag (tag, digest, first_used_at, request_id) "
                + "VALUES ('v1.2.0', 'sha256:aa', CURRENT_TIMESTAMP, 1)");
        execute("INSERT INTO environment_lock (environment, locked_by_user_id, locked_at) VALUES ('prod', "
                + ADMIN.id() + ", CURRENT_TIMESTAMP)");
        execute("INSERT INTO promotion_freeze (active, frozen_by_user_id, frozen_by_name, frozen_at) "
                + "VALUES (1, " + ADMIN.id() + ", 'Ada', CURRENT_TIMESTAMP)");
        execute("INSERT INTO audit_event (at, command, text, outcome, environment) "
                + "VALUES (CURRENT_TIMESTAMP, 'promote', '/promote staging', 'succeeded', 'staging')");
        execute("INSERT INTO audit_event (at, command, text, outcome) "
                + "VALUES (CURRENT_TIMESTAMP, 'whoami', '/whoami', 'succeeded')");
        execute("INSERT INTO lifecycle_audit_run (ran_at, triggered_by, headline, report, dangers, expiring) "
                + "VALUES (CURRENT_TIMESTAMP, 'schedule', '1 image at risk', 'report', 1, 3)");

        flyway("latest").migrate();

        assertThat(rows("SELECT service, environment, in_flight_environment FROM deployment"))
                .containsExactly("api staging staging");
        assertThat(rows("SELECT service, environment, status FROM approval_request")).containsExactly("api prod open");
        assertThat(rows("SELECT service, tag, digest FROM release_tag")).containsExactly("api v1.2.0 sha256:aa");
        assertThat(rows("SELECT service, environment FROM environment_lock")).containsExactly("api prod");
        assertThat(rows("SELECT service, in_force FROM promotion_freeze")).containsExactly("null *");
        assertThat(rows("SELECT service, command FROM audit_event ORDER BY id"))
                .containsExactly("api promote", "null whoami");
        assertThat(rows("SELECT service, dangers FROM lifecycle_audit_run")).containsExactly("api 1");
        // The keys are per service now: another service may use the same release tag and the same environment.
        execute("INSERT INTO release_tag (service, tag, digest, first_used_at) "
                + "VALUES ('worker', 'v1.2.0', 'sha256:bb', CURRENT_TIMESTAMP)");
        execute("INSERT INTO deployment (service, environment, functions, digest, kind, status, started_at, "
                + "in_flight_environment) VALUES ('worker', 'staging', 'worker-staging', 'sha256:bb', 'promotion', "
                + "'in_progress', CURRENT_TIMESTAMP, 'staging')");
        assertThatThrownBy(() -> execute("INSERT INTO deployment (service, environment, functions, digest, kind, "
                + "status, started_at, in_flight_environment) VALUES ('api', 'staging', 'api-staging', 'sha256:cc', "
                + "'promotion', 'in_progress', CURRENT_TIMESTAMP, 'staging')")).isInstanceOf(SQLException.class);
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
