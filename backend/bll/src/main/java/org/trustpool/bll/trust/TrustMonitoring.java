package org.trustpool.bll.trust;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

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

/** Runs the TrustMonitor every AttestationReattestPeriodSeconds (read each cycle). */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TrustMonitoring {
    private static final Logger LOG = Logger.getLogger(TrustMonitoring.class.getName());

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private TrustMonitor monitor;

    @Inject
    private EngineConfig config;

    private volatile ScheduledFuture<?> next;
    private volatile boolean stopped;

    @PostConstruct
    void start() {
        schedule(5);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        ScheduledFuture<?> pending = next;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private void schedule(long delaySeconds) {
        if (!stopped) {
            next = scheduler.schedule(this::cycle, delaySeconds, TimeUnit.SECONDS);
        }
    }

    private void cycle() {
        int period = 30;
        try {
            period = Math.max(1, config.getInt("AttestationReattestPeriodSeconds", 30));
            monitor.cycle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "re-attestation cycle failed; trying again in " + period + " s", e);
        } finally {
            schedule(period);
        }
    }
}
