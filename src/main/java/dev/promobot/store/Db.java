package dev.promobot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The little JDBC promobot needs, in one place: parameter binding (Instants as UTC timestamps, Optionals as
 * NULL), row mapping, generated keys, and SQLExceptions turned unchecked. Statements stay plain SQL in the
 * classes that own the tables.
 */
public final class Db {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * The database's clock plus a number of milliseconds bound as the next parameter: leases and claims are timed
     * by the one clock every replica shares, never by a replica's own.
     */
    public static final String NOW_PLUS_MILLIS = "CURRENT_TIMESTAMP + CAST(? AS INTEGER) * INTERVAL '0.001' SECOND";

    private final DataSource dataSource;
    private final DatabaseChoice.Kind kind;

    public Db(DataSource dataSource) {
        this(dataSource, DatabaseChoice.Kind.H2);
    }

    public Db(DataSource dataSource, DatabaseChoice.Kind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
    }

    /**
     * What ends a query that claims one row among many: on PostgreSQL {@code FOR UPDATE SKIP LOCKED}, so replicas
     * claiming at the same moment pass each other's candidates by. Nothing on H2: its embedded database serves one
     * process, and it would lock every candidate before the LIMIT applies, reading a whole backlog per claim.
     */
    public String skipLocked() {
        return kind == DatabaseChoice.Kind.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    /** Inserts one row and returns its generated id. */
    public long insert(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
            bind(s, params);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    /**
     * Inserts with a guard ({@code INSERT ... SELECT ... WHERE NOT EXISTS ...}) and returns the new row's id, or
     * empty when the guard held it back. Used inside larger transactions, where a unique violation would end the
     * whole transaction on PostgreSQL.
     */
    public Optional<Long> insertIf(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(sql, new String[] {"id"})) {
            bind(s, params);
            if (s.executeUpdate() == 0) {
                return Optional.empty();
            }
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return Optional.of(keys.getLong(1));
            }
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    public <T> List<T> list(String sql, Row<T> row, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rs.next()) {
                    result.add(row.map(rs));
                }
                return result;
            }
        } catch (SQLException e) {
            throw new StoreException(sql, e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... params) {
        List<T> rows = list(sql, row, params);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i] instanceof Optional<?> optional ? optional.orElse(null) : params[i];
            if (value == null) {
                s.setNull(i + 1, Types.NULL);
            } else if (value instanceof Instant instant) {
                s.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else {
                s.setObject(i + 1, value);
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(instant(rs, column));
    }

    public static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    /** A failed statement; {@link #isUniqueViolation()} tells a constraint that did its job from a real failure. */
    public static final class StoreException extends RuntimeException {
        StoreException(String sql, SQLException cause) {
            super(cause.getMessage() + " [" + sql + "]", cause);
        }

        public boolean isUniqueViolation() {
            // SQLState 23505 is the unique violation on both H2 and PostgreSQL.
            return getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
        }
    }
}
