package org.trustpool.attestation.rest;

import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

import org.flywaydb.core.api.output.MigrateResult;
import org.trustpool.attestation.config.AttestationConfig;
import org.trustpool.attestation.config.CallerTokens;
import org.trustpool.attestation.sign.AnswerSigner;
import org.trustpool.attestation.store.AttestationMigrations;

/**
 * At deployment, before the first request: checks the configuration and migrates the
 * {@code attestation} schema. Either failing fails the deployment, with the reason in its
 * .failed marker: a service that cannot store verdicts must not answer PollHosts.
 * Bean-managed transactions, because Flyway commits each migration itself.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = AttestationRuntime.DATASOURCE)
    private DataSource dataSource;

    @PostConstruct
    void migrate() {
        AttestationConfig config = AttestationConfig.fromSystem();
        CallerTokens callers = CallerTokens.fromSystem();
        // a key that cannot be read, or is not its certificate's, fails the deployment with the reason
        AnswerSigner signer = AnswerSigner.fromSystem();
        MigrateResult result = AttestationMigrations.migrate(dataSource);
        LOG.info("attestation schema at version "
                + (result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion) + " (" + result.migrationsExecuted
                + " migrations applied now); " + config + ", " + callers + ", "
                + (signer != null ? "answers signed by the certificate with SHA-256 " + signer.signer()
                        : "NO signing key: PollHosts answers 503"));
        if (!config.adminTokenSet() || !config.registrationTokenSet()) {
            LOG.warning("attestation tokens are not both configured (" + config + "): the endpoints needing a missing one"
                    + " answer 503");
        }
    }
}
