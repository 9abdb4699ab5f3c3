package dev.promobot.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

import static dev.promobot.Cast.APPROVER;
import static dev.promobot.Cast.DEPLOYER;
import static dev.promobot.Cast.SECOND_APPROVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The guarantees promobot leaves to the database because they must hold across restarts and replicas.
 * Runs on H2 by default and on PostgreSQL with the postgresql Maven profile, against the same migrations.
 */
@QuarkusTest
class SchemaGuaranteesTest {

    @Inject
    @Any
    InjectableInstance<AgroalDataSource> dataSources;

    DataSource dataSource;

    @BeforeEach
    void emptyTables() throws SQLException {
        dataSource = dataSources.getActive();
        try (Connection c = dataSource.getConnection()) {
            for (String table : new String[] {"approval", "approval_request", "deployment", "inbox"}) {
                c.createStatement().executeUpdate("DELETE FROM " + table);
            }
        }
    }

    @Test
    void aTelegramUpdateIsStoredOnlyOnce() throws SQLException {
        storeUpdate(1001);

        assertThatThrownBy(() -> storeUpdate(1001)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("23"));
        assertThat(count("SELECT COUNT(*) FROM inbox WHERE update_id = 1001")).isEqualTo(1);
    }

    @Test
    void anEnvironmentHasAtMostOneDeploymentInFlight() throws SQLException {
        long first = startDeployment("staging");

        assertThatThrownBy(() -> startDeployment("staging")).isInstanceOf(SQLException.class);
        startDeployment("prod");

        finishDeployment(first);
        startDeployment("staging");
        assertThat(count("SELECT COUNT(*) FROM deployment WHERE environment = 'staging'")).isEqualTo(2);
    }

    @Test
    void anApproverApprovesARequestOnlyOnce() throws SQLException {
        long request = openRequest();
        approve(request, APPROVER.id());

        assertThatThrownBy(() -> approve(request, APPROVER.id())).isInstanceOf(SQLException.class);
        approve(request, SECOND_APPROVER.id());
        assertThat(count("SELECT COUNT(*) FROM approval WHERE request_id = " + request)).isEqualTo(2);
    }

    private void storeUpdate(long updateId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "INSERT INTO inbox (update_id, received_at, payload) VALUES (?, ?, ?)")) {
            s.setLong(1, updateId);
            s.setTimestamp(2, Timestamp.from(Instant.now()));
            s.setString(3, "{\"update_id\":" + updateId + "}");
            s.executeUpdate();
        }
    }

    private long startDeployment(String environment) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO deployment (service, environment, functions, tag, "
                     + "digest, "
                     + "kind, actor_user_id, status, started_at, in_flight_environment) VALUES "
                     + "('dr-daily-report-telegram-api', "
                     + "?, ?, ?, ?, "
                     + "'promotion', ?, 'in_progress', ?, ?)", new String[] {"id"})) {
            s.setString(1, environment);
            s.setString(2, "telegram-api-" + environment);
            s.setString(3, "sha-1a2b3c4-20251127");
            s.setString(4, "sha256:" + "a".repeat(64));
            s.setLong(5, DEPLOYER.id());
            s.setTimestamp(6, Timestamp.from(Instant.now()));
            s.setString(7, environment);
            s.executeUpdate();
            try (var keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void finishDeployment(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE deployment SET status = 'succeeded', finished_at = ?, "
                     + "in_flight_environment = NULL WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now()));
            s.setLong(2, id);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }

    private long openRequest() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO approval_request (service, environment, tag, "
                     + "digest, "
                     + "release_tag, requester_user_id, status, created_at, expires_at) VALUES "
                     + "('dr-daily-report-telegram-api', "
                     + "'prod', "
                     + "'sha-1a2b3c4-20251127', ?, 'v1.2.3', ?, 'open', ?, ?)", new String[] {"id"})) {
            s.setString(1, "sha256:" + "b".repeat(64));
            s.setLong(2, DEPLOYER.id());
            s.setTimestamp(3, Timestamp.from(Instant.now()));
            s.setTimestamp(4, Timestamp.from(Instant.now().plusSeconds(86400)));
            s.executeUpdate();
            try (var keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private void approve(long request, long approver) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO approval (request_id, approver_user_id, "
                     + "approved_at) VALUES (?, ?, ?)")) {
            s.setLong(1, request);
            s.setLong(2, approver);
            s.setTimestamp(3, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
