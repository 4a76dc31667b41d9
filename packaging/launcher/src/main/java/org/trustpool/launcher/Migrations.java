package org.trustpool.launcher;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.trustpool.common.utils.PasswordHash;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The schema (Flyway, trustpool-dbscripts' classpath:db/migration) and the admin account in it. */
final class Migrations {

    static final String LOCATION = "classpath:db/migration";

    private Migrations() {
    }

    /** @return e.g. "schema version 0012, 3 migrations applied" */
    static String migrate(Database db) {
        try {
            Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(db.jdbcUrl(), db.user(), db.password())
                    .locations(LOCATION)
                    .load();
            MigrateResult result = flyway.migrate();
            MigrationInfo current = flyway.info().current();
            String version = current == null ? "none (no migrations found)"
                    : current.getVersion() != null ? current.getVersion().getVersion() : current.getDescription();
            return "schema version " + version + ", " + result.migrationsExecuted + " migration"
                    + (result.migrationsExecuted == 1 ? "" : "s") + " applied";
        } catch (RuntimeException e) {
            throw new LaunchException("database migration failed: " + Sql.reason(e), e);
        }
    }

    /**
     * Stores the hash (never the password) through the SetUserPassword stored procedure, as
     * every write goes through a procedure. Run at each start, so the password given this time wins.
     */
    /**
     * Points the engine at the attestation service deployed beside it, unless an administrator
     * already configured one (a restart must not undo their choice). Plain HTTP on loopback: the
     * service runs in the same server; for a remote service set SecureConnectionWithOATServers and
     * a truststore through /ovirt-engine/api/options.
     */
    static boolean configureAttestation(Database db, String host, int port) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), ExternalDatabase.properties(db.user(), db.password()))) {
            try (PreparedStatement ps = c.prepareStatement("select option_value from GetVdcOptionByName('AttestationServer', 'general')");
                 ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null && !rs.getString(1).isBlank()) {
                    return false;
                }
            }
            String[][] values = {{"AttestationServer", host}, {"AttestationPort", String.valueOf(port)},
                {"SecureConnectionWithOATServers", "false"}, {"PollUri", "AttestationService/resources/PollHosts"}};
            for (String[] v : values) {
                try (PreparedStatement ps = c.prepareStatement("select UpdateVdcOption(?, ?, 'general')")) {
                    ps.setString(1, v[0]);
                    ps.setString(2, v[1]);
                    ps.executeQuery().close();
                }
            }
            return true;
        } catch (java.sql.SQLException e) {
            throw new LaunchException("could not configure the attestation server in vdc_options: " + e.getMessage(), e);
        }
    }

    /**
     * Gives the engine what the local service asks of it: its token for PollHosts and the
     * certificate its answers must be signed with. Written at every start while the engine points
     * at the local service (both come from the data directory, so this is also how a data directory
     * from before signed answers gets them); left alone once an administrator points the engine at
     * another service, whose token and certificate are theirs to set.
     *
     * @return whether they were written
     */
    static boolean configureAttestationCredentials(Database db, String host, int port, String engineToken, Path certificate) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), ExternalDatabase.properties(db.user(), db.password()))) {
            if (!host.equals(option(c, "AttestationServer")) || !String.valueOf(port).equals(option(c, "AttestationPort"))) {
                return false;
            }
            String[][] values = {{"AttestationPollToken", engineToken},
                {"AttestationServiceCertificate", certificate.toAbsolutePath().toString()}};
            for (String[] v : values) {
                try (PreparedStatement ps = c.prepareStatement("select UpdateVdcOption(?, ?, 'general')")) {
                    ps.setString(1, v[0]);
                    ps.setString(2, v[1]);
                    ps.executeQuery().close();
                }
            }
            return true;
        } catch (SQLException e) {
            throw new LaunchException("could not give the engine the attestation service's token and certificate: "
                    + Sql.reason(e), e);
        }
    }

    private static String option(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select option_value from GetVdcOptionByName(?, 'general')")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static void setAdminPassword(Database db, String password) {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), ExternalDatabase.properties(db.user(), db.password()))) {
            try (PreparedStatement ps = c.prepareStatement(
                    "select 1 from pg_proc where proname = 'setuserpassword' and pg_function_is_visible(oid)");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new LaunchException("the database has no stored procedure SetUserPassword(name, domain, hash);"
                            + " trustpool-dbscripts does not provide it yet (rebuild with `mvn install -DskipTests`)");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select SetUserPassword(?, ?, ?)")) {
                ps.setString(1, "admin");
                ps.setString(2, "internal");
                ps.setString(3, PasswordHash.hash(password));
                try (ResultSet rs = ps.executeQuery()) {
                    // it answers whether a row was updated: false means there is no such user
                    if (rs.next() && rs.getObject(1) instanceof Boolean updated && !updated) {
                        throw new LaunchException("the database has no user admin@internal to set the password of");
                    }
                }
            }
        } catch (SQLException e) {
            throw new LaunchException("cannot set the password of admin@internal: " + Sql.reason(e), e);
        }
    }
}
