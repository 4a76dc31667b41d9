package org.trustpool.bll;

import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.bll.cluster.EngineNode;
import org.trustpool.bll.monitoring.VdsManagers;
import org.trustpool.bll.ovf.ExportDirectory;
import org.trustpool.bll.scheduling.SchedulingManager;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.bll.vm.VmEvacuator;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.DbUserDao;
import org.trustpool.dal.VdcOptionDao;
import org.trustpool.dal.StoragePoolDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VdsDynamicDao;
import org.trustpool.dal.VdsStaticDao;
import org.trustpool.dal.VmDao;
import org.trustpool.dal.VmDynamicDao;
import org.trustpool.dal.VmStaticDao;
import org.trustpool.dal.VmTemplateDao;
import org.trustpool.vdsbroker.HostAgentClientFactory;

/**
 * The collaborators a command may use. Built once by the engine (EngineProducer) and by tests
 * with mocks; commands never look anything up on their own.
 */
public class CommandContext {
    private StoragePoolDao storagePoolDao;
    private ClusterDao clusterDao;
    private VdsStaticDao vdsStaticDao;
    private VdsDynamicDao vdsDynamicDao;
    private VdsDao vdsDao;
    private VmStaticDao vmStaticDao;
    private VmDynamicDao vmDynamicDao;
    private VmDao vmDao;
    private VmTemplateDao vmTemplateDao;
    private DbUserDao dbUserDao;
    private VdcOptionDao vdcOptionDao;
    private AuditLogDirector auditLogDirector;
    private HostAgentClientFactory hostAgents;
    private SchedulingManager schedulingManager;
    private VdsManagers vdsManagers;
    private ActionRunner actionRunner;
    private VmEvacuator vmEvacuator;
    private EngineConfig config;
    private AttestationBroker attestationBroker;
    private ExportDirectory exportDirectory;
    /** The engine node this command runs on: its id marks the VMs the command has in flight (vm_dynamic.op_owner). */
    private EngineNode engineNode;

    public StoragePoolDao storagePoolDao() { return storagePoolDao; }
    public ClusterDao clusterDao() { return clusterDao; }
    public VdsStaticDao vdsStaticDao() { return vdsStaticDao; }
    public VdsDynamicDao vdsDynamicDao() { return vdsDynamicDao; }
    public VdsDao vdsDao() { return vdsDao; }
    public VmStaticDao vmStaticDao() { return vmStaticDao; }
    public VmDynamicDao vmDynamicDao() { return vmDynamicDao; }
    public VmDao vmDao() { return vmDao; }
    public VmTemplateDao vmTemplateDao() { return vmTemplateDao; }
    public DbUserDao dbUserDao() { return dbUserDao; }
    public VdcOptionDao vdcOptionDao() { return vdcOptionDao; }
    public AuditLogDirector auditLogDirector() { return auditLogDirector; }
    public HostAgentClientFactory hostAgents() { return hostAgents; }
    public SchedulingManager schedulingManager() { return schedulingManager; }
    public VdsManagers vdsManagers() { return vdsManagers; }
    public ActionRunner actionRunner() { return actionRunner; }
    public VmEvacuator vmEvacuator() { return vmEvacuator; }
    public EngineConfig config() { return config; }
    public AttestationBroker attestationBroker() { return attestationBroker; }
    public ExportDirectory exportDirectory() { return exportDirectory; }
    public EngineNode engineNode() { return engineNode; }

    public CommandContext withStoragePoolDao(StoragePoolDao v) { storagePoolDao = v; return this; }
    public CommandContext withClusterDao(ClusterDao v) { clusterDao = v; return this; }
    public CommandContext withVdsStaticDao(VdsStaticDao v) { vdsStaticDao = v; return this; }
    public CommandContext withVdsDynamicDao(VdsDynamicDao v) { vdsDynamicDao = v; return this; }
    public CommandContext withVdsDao(VdsDao v) { vdsDao = v; return this; }
    public CommandContext withVmStaticDao(VmStaticDao v) { vmStaticDao = v; return this; }
    public CommandContext withVmDynamicDao(VmDynamicDao v) { vmDynamicDao = v; return this; }
    public CommandContext withVmDao(VmDao v) { vmDao = v; return this; }
    public CommandContext withVmTemplateDao(VmTemplateDao v) { vmTemplateDao = v; return this; }
    public CommandContext withDbUserDao(DbUserDao v) { dbUserDao = v; return this; }
    public CommandContext withVdcOptionDao(VdcOptionDao v) { vdcOptionDao = v; return this; }
    public CommandContext withAuditLogDirector(AuditLogDirector v) { auditLogDirector = v; return this; }
    public CommandContext withHostAgents(HostAgentClientFactory v) { hostAgents = v; return this; }
    public CommandContext withSchedulingManager(SchedulingManager v) { schedulingManager = v; return this; }
    public CommandContext withVdsManagers(VdsManagers v) { vdsManagers = v; return this; }
    public CommandContext withActionRunner(ActionRunner v) { actionRunner = v; return this; }
    public CommandContext withVmEvacuator(VmEvacuator v) { vmEvacuator = v; return this; }
    public CommandContext withConfig(EngineConfig v) { config = v; return this; }
    public CommandContext withAttestationBroker(AttestationBroker v) { attestationBroker = v; return this; }
    public CommandContext withExportDirectory(ExportDirectory v) { exportDirectory = v; return this; }
    public CommandContext withEngineNode(EngineNode v) { engineNode = v; return this; }
}
