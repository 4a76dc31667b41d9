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

import org.trustpool.bll.monitoring.PeriodicTask;

/** Runs the TrustMonitor's cycles, each re-attesting a slice of the hosts, so each host is re-attested every AttestationReattestPeriodSeconds (at most AttestationTrustValiditySeconds). */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrustMonitoring {
    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private TrustMonitor monitor;

    private PeriodicTask task;

    @PostConstruct
    void start() {
        // Each host is re-attested once per period, a slice of the pool per cycle (TrustMonitor.nextCycleMillis).
        task = PeriodicTask.atFixedRate(scheduler, "re-attestation", monitor::nextCycleMillis, monitor::cycle);
        task.start(5);
    }

    @PreDestroy
    void stop() {
        task.stop();
    }
}
