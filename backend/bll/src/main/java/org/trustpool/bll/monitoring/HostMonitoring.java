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
import org.trustpool.bll.cluster.ClusterMembership;

/**
 * Every VdsRefreshRate seconds (read each cycle, so a change in vdc_options applies without a restart) renews
 * this node's leases and starts a monitoring cycle over the hosts it watches: all of them on a single engine,
 * its share when several engine nodes share the database (ClusterMembership). Starts with the application;
 * when the application stops, the node hands its hosts to the other nodes at once.
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

    @Inject
    private ClusterMembership membership;

    private PeriodicTask task;

    @PostConstruct
    void start() {
        task = new PeriodicTask(scheduler, "host monitoring", () -> config.getInt("VdsRefreshRate", 2), this::cycle);
        task.start(1);
    }

    private void cycle() {
        membership.renew();
        vdsManagers.refresh(membership.watchedHosts());
    }

    @PreDestroy
    void stop() {
        task.stop();
        membership.stop();
    }
}
