package org.trustpool.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of an earlier version (trust authentication, everything owned by
 * postgres) started by this launcher: afterwards every login needs its password, and the engine's
 * and the attestation service's roles cannot write each other's tables. Real PostgreSQL.
 */
class EmbeddedDatabaseTest {

    @TempDir
    Path data;

    private Connection connect(EmbeddedDatabase db, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void anEarlierDataDirectoryGetsPasswordsAndSeparateRoles() throws Exception {
        Path pgData = data.resolve("pgdata");
        // what an earlier launcher left: trust authentication, the engine's and the service's tables owned by postgres
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start()) {
            try (Connection c = old.getPostgresDatabase().getConnection()) {
                exec(c, "create database engine");
            }
            try (Connection c = old.getDatabase("postgres", "engine").getConnection()) {
                exec(c, "create table vdc_options (name text primary key, value text)");
                exec(c, "create function SetOption(v_name text, v_value text) returns void language sql as "
                        + "'insert into vdc_options values (v_name, v_value)'");
                exec(c, "create schema attestation");
                exec(c, "create table attestation.mles (mle_id bigint generated always as identity primary key, name text)");
            }
        }

        try (EmbeddedDatabase db = EmbeddedDatabase.start(pgData, 0, data.resolve("log/postgresql.log"))) {
            String engine = db.password();
            String attestation = db.attestationPassword();
            assertEquals("engine", db.user());
            assertEquals("attestation", db.attestationUser());
            for (String file : new String[] {"db-postgres-password", "db-engine-password", "db-attestation-password"}) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(file))), file);
            }
            assertEquals(engine, Files.readString(data.resolve("db-engine-password")).strip());

            // a password for everyone, the superuser too
            SQLException noPassword = assertThrows(SQLException.class, () -> connect(db, "postgres", null).close());
            assertTrue(noPassword.getMessage().contains("password"), noPassword.getMessage());
            assertThrows(SQLException.class, () -> connect(db, "engine", "wrong-password").close());
            assertTrue(Files.readString(pgData.resolve("pg_hba.conf")).contains("local   all       all                 scram-sha-256"));

            try (Connection e = connect(db, "engine", engine); Connection a = connect(db, "attestation", attestation)) {
                // each writes its own (the engine's objects were handed over from postgres)
                exec(e, "insert into vdc_options values ('a', '1')");
                exec(e, "select SetOption('b', '2')");
                exec(a, "insert into attestation.mles (name) values ('bios')");
                // and neither the other's
                SQLException engineIntoService = assertThrows(SQLException.class,
                        () -> exec(e, "insert into attestation.mles (name) values ('forged')"));
                assertEquals("42501", engineIntoService.getSQLState(), engineIntoService.getMessage()); // insufficient_privilege
                assertThrows(SQLException.class, () -> exec(e, "select * from attestation.mles"));
                SQLException serviceIntoEngine = assertThrows(SQLException.class,
                        () -> exec(a, "update public.vdc_options set value = 'x'"));
                assertEquals("42501", serviceIntoEngine.getSQLState(), serviceIntoEngine.getMessage());
                assertThrows(SQLException.class, () -> exec(a, "select public.SetOption('c', '3')"), "the engine's procedures neither");
                assertThrows(SQLException.class, () -> exec(a, "create table public.mine (x int)"));
                assertThrows(SQLException.class, () -> exec(e, "create table attestation.mine (x int)"));
            }
        }

        // the next start finds it all in place, with password authentication from the beginning
        try (EmbeddedDatabase again = EmbeddedDatabase.start(pgData, 0, data.resolve("log/postgresql.log"));
             Connection e = connect(again, "engine", again.password())) {
            exec(e, "insert into vdc_options values ('c', '3')");
        }
    }
}
