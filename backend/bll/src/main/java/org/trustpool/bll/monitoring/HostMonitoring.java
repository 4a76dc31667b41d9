package org.trustpool.bll.monitoring;

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

/**
 * Starts a monitoring cycle over all hosts every VdsRefreshRate seconds (read each cycle, so a
 * change in vdc_options applies without a restart). Starts with the application.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HostMonitoring {
    private static final Logger LOG = Logger.getLogger(HostMonitoring.class.getName());

    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private VdsManagers vdsManagers;

    @Inject
    private EngineConfig config;

    private volatile ScheduledFuture<?> next;
    private volatile boolean stopped;

    @PostConstruct
    void start() {
        LOG.info("host monitoring started");
        schedule(1);
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
        int period = 2;
        try {
            period = Math.max(1, config.getInt("VdsRefreshRate", 2));
            vdsManagers.refreshAll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "monitoring cycle failed; trying again in " + period + " s", e);
        } finally {
            schedule(period);
        }
    }
}
