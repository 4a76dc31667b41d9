package org.trustpool.dal;

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
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Calls the stored procedures in dbscripts/R__*_sp.sql: reads as {@code select * from Proc(?, ...)},
 * writes as {@code select Proc(?, ...)}, every argument bound as a parameter.
 *
 * <p>The procedure name is concatenated into the SQL text, which is safe only because it is always
 * a constant from the DAOs, never user input; {@link #checkName} enforces that it looks like one.
 *
 * <p>Each call takes its own connection and closes it: inside WildFly the JTA datasource hands
 * back the connection of the current transaction, so calls in one transaction still share it.
 */
public class StoredProcedureCaller {
    private static final Pattern PROCEDURE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** An argument for a jsonb parameter: bound untyped so that PostgreSQL casts the text to jsonb. */
    public record Jsonb(String json) {
    }

    private final DataSource dataSource;

    public StoredProcedureCaller(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** The single row the procedure returns, or null when it returns none. */
    public <T> T executeRead(String procedure, RowMapper<T> mapper, Object... params) {
        List<T> rows = executeReadList(procedure, mapper, params);
        if (rows.size() > 1) {
            // A key lookup returning several rows means a missing constraint; don't pick one silently.
            throw new DalException(procedure + " returned " + rows.size() + " rows where at most one was expected");
        }
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** All rows the procedure returns, in its order; empty when none. */
    public <T> List<T> executeReadList(String procedure, RowMapper<T> mapper, Object... params) {
        String sql = "select * from " + call(procedure, params.length);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.mapRow(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new DalException("call to " + procedure + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs a procedure that writes and returns nothing of interest (void). */
    public void executeModification(String procedure, Object... params) {
        executeFunction(procedure, Object.class, params);
    }

    /**
     * Runs a procedure that writes once per row of arguments, all in one round trip (a JDBC batch: the
     * driver sends every call before it waits), for writes that come many at once, such as the verdicts
     * of one PollHosts answer. A failure throws; which rows were written before it is then unknown.
     */
    public void executeModificationBatch(String procedure, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "select " + call(procedure, rows.get(0).length);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new DalException("batch of " + rows.size() + " calls to " + procedure + " failed: " + e.getMessage(), e);
        }
    }

    /** Runs a procedure that returns one scalar (e.g. a generated id), converted to {@code type}. */
    public <T> T executeFunction(String procedure, Class<T> type, Object... params) {
        String sql = "select " + call(procedure, params.length);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                // A void function yields one row with an empty value; reading it as Object is harmless.
                return type == Object.class ? null : rs.getObject(1, type);
            }
        } catch (SQLException e) {
            throw new DalException("call to " + procedure + " failed: " + e.getMessage(), e);
        }
    }

    private static String call(String procedure, int paramCount) {
        checkName(procedure);
        StringBuilder sb = new StringBuilder(procedure).append('(');
        for (int i = 0; i < paramCount; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.append(')').toString();
    }

    /** Defence in depth: the name goes into the SQL text, so it must be a bare identifier. */
    static void checkName(String procedure) {
        if (procedure == null || !PROCEDURE_NAME.matcher(procedure).matches()) {
            throw new IllegalArgumentException("not a stored procedure name: " + procedure);
        }
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            bind(ps, i + 1, params[i]);
        }
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            // Untyped NULL: the server takes the type from the function's signature.
            ps.setNull(index, Types.NULL);
        } else if (value instanceof Instant instant) {
            ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof Jsonb jsonb) {
            if (jsonb.json() == null) {
                ps.setNull(index, Types.OTHER);
            } else {
                ps.setObject(index, jsonb.json(), Types.OTHER);
            }
        } else if (value instanceof Enum<?> e) {
            // Columns hold either the int value or the name; the DAO must say which.
            throw new IllegalArgumentException("convert enum " + e + " to its column value before binding");
        } else {
            ps.setObject(index, value);
        }
    }

    // Helpers for row mappers, so that NULL columns map to null rather than 0 or an exception.

    static UUID getUuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static Instant getInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
