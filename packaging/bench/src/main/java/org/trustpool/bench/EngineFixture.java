package org.trustpool.bench;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.bll.trust.ReusedAttestationClients;
import org.trustpool.bll.trust.TrustCache;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.common.businessentities.VdsDynamic;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdcOptionDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VdsDynamicDao;
import org.trustpool.dal.VdsStaticDao;
import org.trustpool.dal.VdsTrustDao;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The engine's side of a scenario: a real PostgreSQL (embedded) with the engine's schema from dbscripts,
 * the real DAOs over a connection pool, the engine's configuration read from vdc_options into memory,
 * and a trusted cluster of hosts.
 */
final class EngineFixture implements AutoCloseable {
    /** Seed data from V1 (oVirt's id of the Default data center). */
    static final UUID DEFAULT_STORAGE_POOL_ID = UUID.fromString("5849b030-626e-47cb-ad90-3ce782d831b3");

    final EmbeddedPostgres postgres;
    final HikariDataSource dataSource;
    final ClusterDao clusterDao;
    final VdsDao vdsDao;
    final VdsTrustDao trustDao;
    final VdcOptionDao optionDao;
    final EngineConfig config;
    final ExecutorService executor = Executors.newFixedThreadPool(48, daemon("engine-attestation"));
    /** As the engine keeps it: one client (and its connections) for every broker while the settings hold. */
    private final ReusedAttestationClients attestationClients = new ReusedAttestationClients();

    EngineFixture() throws IOException {
        postgres = EmbeddedPostgres.builder().setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200").start();
        Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
        dataSource = pool(postgres.getPostgresDatabase(), "engine");
        clusterDao = new ClusterDao(dataSource);
        vdsDao = new VdsDao(dataSource);
        trustDao = new VdsTrustDao(dataSource);
        optionDao = new VdcOptionDao(dataSource);
        config = EngineConfig.inMemory(optionDao);
    }

    static HikariDataSource pool(DataSource target, String name) {
        HikariConfig c = new HikariConfig();
        c.setDataSource(target);
        c.setMaximumPoolSize(40);
        c.setPoolName(name);
        return new HikariDataSource(c);
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Sets an option in vdc_options, as an administrator would (before the engine reads it). */
    void option(String name, Object value) {
        VdcOption existing = optionDao.get(name);
        if (existing == null) {
            optionDao.save(new VdcOption(name, String.valueOf(value)));
        } else {
            existing.setOptionValue(String.valueOf(value));
            optionDao.update(existing);
        }
        config.changed(name, String.valueOf(value));
    }

    Cluster trustedCluster(String name) {
        Cluster cluster = new Cluster();
        cluster.setId(UUID.randomUUID());
        cluster.setName(name);
        cluster.setStoragePoolId(DEFAULT_STORAGE_POOL_ID);
        cluster.setCompatibilityVersion("4.4");
        cluster.setCpuName("Intel Conroe Family");
        cluster.setTrustedService(true);
        clusterDao.save(cluster);
        return cluster;
    }

    /**
     * Adds hosts named prefix-00000.. in the cluster, Up, through the DAOs (4 threads). Each at 127.0.0.1 on a
     * port of its own (an address and port identify a host): the scenarios never call the hosts' agents.
     */
    List<UUID> addHosts(Cluster cluster, int count, String prefix) throws Exception {
        VdsStaticDao statics = new VdsStaticDao(dataSource);
        VdsDynamicDao dynamics = new VdsDynamicDao(dataSource);
        ExecutorService adders = Executors.newFixedThreadPool(4);
        List<Future<UUID>> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("%s-%05d", prefix, i);
            int port = 20_000 + i;
            added.add(adders.submit(() -> {
                VdsStatic vds = new VdsStatic();
                vds.setId(UUID.randomUUID());
                vds.setName(name);
                vds.setHostName("127.0.0.1");
                vds.setPort(port);
                vds.setClusterId(cluster.getId());
                statics.save(vds);
                VdsDynamic dynamic = new VdsDynamic();
                dynamic.setId(vds.getId());
                dynamic.setStatus(VDSStatus.Up);
                dynamic.setPhysicalMemMb(65536);
                dynamics.save(dynamic);
                return vds.getId();
            }));
        }
        List<UUID> ids = new ArrayList<>();
        for (Future<UUID> f : added) {
            ids.add(f.get());
        }
        adders.shutdown();
        return ids;
    }

    /** The engine's broker, as EngineProducer builds it, with the given cache (the Infinispan one needs WildFly). */
    AttestationBroker broker(TrustCache cache) {
        return new AttestationBroker(cache, clusterDao, vdsDao, trustDao, config, attestationClients, executor, Clock.systemUTC());
    }

    /** Points the engine at a PollHosts service on loopback (plain HTTP: what the stand-in service speaks). */
    void attestationService(int port, int batch, int validitySeconds) {
        option("AttestationServer", "127.0.0.1");
        option("AttestationPort", port);
        option("SecureConnectionWithOATServers", "false");
        option("AttestationBatchSize", batch);
        option("AttestationTrustValiditySeconds", validitySeconds);
        option("AttestationReattestPeriodSeconds", validitySeconds);
        // the stand-ins sign their answers; without the certificate the engine would count none of them
        option("AttestationServiceCertificate", AnswerSigning.certificate().toString());
    }

    @Override
    public void close() throws IOException {
        executor.shutdownNow();
        dataSource.close();
        postgres.close();
    }
}
