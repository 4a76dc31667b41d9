package org.trustpool.bll.trust;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import org.trustpool.bll.cluster.ClusterMembership;
import org.trustpool.bll.monitoring.PeriodicTask;

/**
 * Runs the TrustMonitor's cycles, each re-attesting a slice of the hosts, so each host is re-attested every
 * AttestationReattestPeriodSeconds (at most AttestationTrustValiditySeconds). Only the engine node holding the
 * cluster-wide re-attestation lease runs them (ClusterMembership): two nodes would ask for every verdict twice
 * and take every untrusted host out of service twice.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrustMonitoring {
    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private TrustMonitor monitor;

    @Inject
    private ClusterMembership membership;

    private PeriodicTask task;

    @PostConstruct
    void start() {
        // Each host is re-attested once per period, a slice of the pool per cycle (TrustMonitor.nextCycleMillis).
        task = PeriodicTask.atFixedRate(scheduler, "re-attestation", monitor::nextCycleMillis, this::cycle);
        task.start(5);
    }

    private void cycle() throws Exception {
        if (membership.runsReattestation()) {
            monitor.cycle();
        }
    }

    @PreDestroy
    void stop() {
        task.stop();
    }
}
