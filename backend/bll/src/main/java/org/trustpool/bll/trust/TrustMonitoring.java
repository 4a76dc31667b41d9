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

import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.monitoring.PeriodicTask;

/** Runs the TrustMonitor every AttestationReattestPeriodSeconds, at most AttestationTrustValiditySeconds (read each cycle). */
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
    private EngineConfig config;

    private PeriodicTask task;

    @PostConstruct
    void start() {
        // Never longer than a verdict's validity: a host must not run trusted VMs on a verdict that
        // has expired for the scheduler while the monitor has not looked again.
        task = new PeriodicTask(scheduler, "re-attestation", () -> Math.min(config.getInt("AttestationReattestPeriodSeconds", 30),
                Math.max(1, config.getInt("AttestationTrustValiditySeconds", 60))), monitor::cycle);
        task.start(5);
    }

    @PreDestroy
    void stop() {
        task.stop();
    }
}
