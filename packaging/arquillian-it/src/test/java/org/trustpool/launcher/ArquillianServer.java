package org.trustpool.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jboss.arquillian.container.spi.event.container.AfterStop;
import org.jboss.arquillian.container.spi.event.container.BeforeSetup;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Prepares, before Arquillian starts its managed WildFly, what {@code trustpool run} prepares: the
 * embedded PostgreSQL (a fresh database each run), the engine's schema migrated by Flyway from
 * dbscripts/, and the WildFly from the dist's zip configured by the launcher's own
 * configure-server.cli (datasources, the Infinispan trust cache, logging). The same code as the
 * launcher's steps 2, 3 and 5, so the in-container tests run against the production configuration.
 * In the launcher's package because those steps are package-private there. Client side only: it
 * is registered as a LoadableExtension, which never goes into the deployment.
 */
public class ArquillianServer {

    /** Registers the observer with Arquillian (META-INF/services). */
    public static class Extension implements LoadableExtension {
        @Override
        public void register(ExtensionBuilder builder) {
            builder.observer(ArquillianServer.class);
        }
    }

    private EmbeddedDatabase database;

    public void prepare(@Observes BeforeSetup event) throws IOException {
        if (database != null) {
            return;
        }
        Path work = Path.of(required("arq.work")).toAbsolutePath();
        Dist dist = Dist.locate(Path.of(required("trustpool.dist")), false);
        PrintStream out = System.out;
        Progress progress = new Progress(out, 3);

        // A fresh database each run: the tests' assertions then never meet an earlier run's data.
        Files.createDirectories(work);
        Path pgData = work.resolve("pgdata");
        EmbeddedDatabase.leftoverPostmaster(pgData).ifPresent(p -> ChildProcess.terminate(p, java.time.Duration.ofSeconds(30)));
        WildFlyServer.deleteTree(pgData);
        // WildFly (Arquillian's child) reads these from its environment, which failsafe sets (see the pom)
        SecretFile.write(work.resolve(EmbeddedDatabase.ENGINE_PASSWORD_FILE), requiredEnv(WildFlyServer.ENGINE_DS_PASSWORD_ENV) + "\n");
        SecretFile.write(work.resolve(EmbeddedDatabase.ATTESTATION_PASSWORD_FILE), requiredEnv(WildFlyServer.ATTESTATION_DS_PASSWORD_ENV) + "\n");

        Progress.Step step = progress.step(1, "Starting embedded PostgreSQL for the in-container tests");
        database = EmbeddedDatabase.start(pgData, Integer.parseInt(required("arq.db.port")), work.resolve("log/postgresql.log"));
        // should the JVM end without Arquillian's AfterStop (a crash, Ctrl-C), no postmaster is left behind
        EmbeddedDatabase db = database;
        Runtime.getRuntime().addShutdownHook(new Thread(db::close, "arquillian-postgresql-stop"));
        step.done(database.description());

        step = progress.step(2, "Migrating the database schema");
        step.done(Migrations.migrate(database));

        step = progress.step(3, "Preparing WildFly in " + work);
        WildFlyServer server = WildFlyServer.at(work, dist.wildflyZip());
        if (!server.unpacked()) {
            server.unpack(progress);
        }
        boolean configured = server.configure(dist.postgresqlJar(), database, null, progress);
        step.done(configured ? "configured" : "configuration unchanged");
    }

    public void stop(@Observes AfterStop event) {
        if (database != null) {
            database.close();
            database = null;
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (run through failsafe: mvn verify)");
        }
        return value;
    }

    private static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.length() < 16) {
            throw new IllegalStateException("environment variable " + name + " is not set (failsafe sets it: mvn verify)");
        }
        return value;
    }
}
