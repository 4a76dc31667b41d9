package org.trustpool.dal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The migrations themselves. These run in a scratch schema of the test database (so that they
 * start from nothing without needing CREATE DATABASE rights on an external database) and drop it
 * afterwards; Flyway points search_path at that schema while migrating.
 */
class MigrationTest {
    private static final int VERSIONED = 7;
    private static final int REPEATABLE = 14;

    private final DataSource dataSource = TestDatabase.get().getDataSource();
    private String schema;

    @BeforeEach
    void createSchemaName() {
        schema = "migration_test_" + UUID.randomUUID().toString().replace("-", "");
    }

    @AfterEach
    void dropSchema() throws SQLException {
        execute("drop schema if exists " + schema + " cascade");
    }

    private Flyway flyway() {
        return TestDatabase.flywayConfiguration(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true).load();
    }

    @Test
    void sharedTestDatabaseIsFullyMigrated() {
        Flyway flyway = TestDatabase.get().flyway();
        assertEquals(0, flyway.info().pending().length);
        assertEquals(0, flyway.migrate().migrationsExecuted);
    }

    @Test
    void secondMigrateDoesNothing() {
        Flyway flyway = flyway();
        MigrateResult first = flyway.migrate();
        assertEquals(VERSIONED + REPEATABLE, first.migrationsExecuted);
        assertEquals(String.valueOf(VERSIONED), first.targetSchemaVersion);

        MigrateResult second = flyway.migrate();
        assertEquals(0, second.migrationsExecuted);
        flyway.validate();
    }

    @Test
    void changedRepeatableMigrationsReapplyCleanly() throws SQLException {
        Flyway flyway = flyway();
        flyway.migrate();
        // What Flyway sees when an R__ file has been edited: a checksum differing from the applied one.
        execute("update " + schema + ".flyway_schema_history set checksum = checksum + 1 where version is null");

        MigrateResult again = flyway.migrate();
        assertEquals(REPEATABLE, again.migrationsExecuted);
        for (MigrationInfo info : flyway.info().applied()) {
            assertTrue(info.getState().isApplied(), info.getScript() + " " + info.getState());
        }
        assertEquals(0, flyway.info().pending().length);
        flyway.validate();

        // The re-created functions still work against the seed data.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("set search_path to " + schema);
            try (ResultSet rs = s.executeQuery("select name from GetVdsGroupByVdsGroupId("
                    + "'99408929-82cf-4dc7-a532-9d998063fa95')")) {
                assertTrue(rs.next());
                assertEquals("Default", rs.getString(1));
            }
            s.execute("reset search_path");
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
