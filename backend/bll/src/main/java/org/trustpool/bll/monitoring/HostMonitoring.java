package org.trustpool.bll.monitoring;

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
    @Resource(lookup = "java:jboss/ee/concurrency/scheduler/default")
    private ManagedScheduledExecutorService scheduler;

    @Inject
    private VdsManagers vdsManagers;

    @Inject
    private EngineConfig config;

    private PeriodicTask task;

    @PostConstruct
    void start() {
        task = new PeriodicTask(scheduler, "host monitoring", () -> config.getInt("VdsRefreshRate", 2), vdsManagers::refreshAll);
        task.start(1);
    }

    @PreDestroy
    void stop() {
        task.stop();
    }
}
