package org.trustpool.bll.monitoring;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Logger;


/** One VdsManager per host, and the door commands use to reach them. */
public class VdsManagers {
    private static final Logger LOG = Logger.getLogger(VdsManagers.class.getName());

    private final Map<UUID, VdsManager> managers = new ConcurrentHashMap<>();
    /**
     * Hosts whose refresh waits in the executor's queue: one waiting refresh per host is enough (it reads the
     * host as it is when it runs), so when the threads fall behind, cycles do not pile up copies of the same
     * work and the queue holds at most one entry per host.
     */
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();
    private final MonitoringServices services;
    private final Executor executor;

    public VdsManagers(MonitoringServices services, Executor executor) {
        this.services = services;
        this.executor = executor;
    }

    public VdsManager get(UUID vdsId) {
        return managers.computeIfAbsent(vdsId, id -> new VdsManager(id, services));
    }

    /** Back to Initializing from {@code expected} (see VdsManager.activate); false when the host changed first. */
    public boolean activate(UUID vdsId, org.trustpool.common.businessentities.VDSStatus expected) {
        return get(vdsId).activate(expected);
    }

    /** Refresh one host now, in the background. */
    public void refreshSoon(UUID vdsId) {
        submit(vdsId, get(vdsId));
    }

    public void remove(UUID vdsId) {
        managers.remove(vdsId);
    }

    /**
     * One monitoring cycle over the hosts this node watches; each host refreshes in parallel with the others.
     * The managers of hosts it no longer watches are dropped: their counters (failed polls, VMs missing once)
     * describe a past this node did not see to the end, and another node watches those hosts now.
     */
    public void refresh(Set<UUID> watched) {
        managers.keySet().retainAll(watched);
        for (UUID vdsId : watched) {
            submit(vdsId, get(vdsId));
        }
    }

    private void submit(UUID id, VdsManager manager) {
        if (!queued.add(id)) {
            return;
        }
        try {
            executor.execute(() -> {
                queued.remove(id);
                manager.refresh();
            });
        } catch (RejectedExecutionException e) {
            queued.remove(id);
            LOG.warning("monitoring executor refused a refresh: " + e.getMessage());
        }
    }
}
