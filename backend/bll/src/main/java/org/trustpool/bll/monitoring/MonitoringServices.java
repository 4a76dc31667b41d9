package org.trustpool.bll.monitoring;

import org.trustpool.bll.ActionRunner;
import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.LockManager;
import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.bll.cluster.EngineNode;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VdsDynamicDao;
import org.trustpool.dal.VmDao;
import org.trustpool.dal.VmDynamicDao;
import org.trustpool.vdsbroker.HostAgentClientFactory;

/**
 * What host monitoring needs. {@code node}: this engine node, so that monitoring tells a VM another live node's
 * command has in flight (left alone) from one this node's own restart interrupted.
 */
public record MonitoringServices(VdsDao vdsDao, VdsDynamicDao vdsDynamicDao, VmDao vmDao, VmDynamicDao vmDynamicDao,
        HostAgentClientFactory hostAgents, AuditLogDirector auditLogDirector, ActionRunner actionRunner,
        LockManager locks, EngineConfig config, ClusterDao clusterDao, AttestationBroker broker, EngineNode node) {
}
