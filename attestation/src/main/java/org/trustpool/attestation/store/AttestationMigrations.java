package org.trustpool.attestation.store;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The service's schema, {@code attestation}, migrated by Flyway from {@code db/attestation} in
 * our own classpath, with its own history table, so it never meets the engine's migrations.
 */
public final class AttestationMigrations {

    public static final String SCHEMA = "attestation";
    public static final String HISTORY_TABLE = "attestation_schema_history";
    public static final String LOCATION = "classpath:db/attestation";

    private AttestationMigrations() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        return Flyway.configure(AttestationMigrations.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                .locations(LOCATION)
                .load()
                .migrate();
    }
}
