package org.trustpool.bll.monitoring;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.bll.Fixtures;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.vdsbroker.AgentVm;
import org.trustpool.vdsbroker.HostAgentClient;
import org.trustpool.vdsbroker.HostStats;

/** Reconciling what a host reports with where the engine runs each VM. */
class VdsManagerTest {
    private final Fixtures f = new Fixtures();
    private final Cluster cluster = f.cluster("c");
    private final Vds comeback = f.host("comeback", cluster, VDSStatus.NonOperational, 8192, 0);
    private final Vds current = f.host("current", cluster, VDSStatus.Up, 8192, 1024);
    private final VdsManager manager = new VdsManager(comeback.getId(), new MonitoringServices(f.vdsDao, f.vdsDynamicDao, f.vmDao,
            f.vmDynamicDao, f.hostAgents, f.context.auditLogDirector(), f.executor, f.locks, f.context.config(), f.clusterDao, f.broker));

    @Test
    void aSecondCopyOfAVmRunningElsewhereIsDestroyedAfterTwoReportsAndAudited() {
        Vm vm = f.vm("ha-vm", cluster, VMStatus.Up, current); // restarted on "current" while "comeback" was away
        vm.setRunOnVdsName("current");
        HostAgentClient agent = f.agentFor(comeback);
        when(agent.getStats()).thenReturn(new HostStats(4096, 4096, 10, 1));
        when(agent.getVmList()).thenReturn(List.of(new AgentVm(vm.getId(), "ha-vm", 1024, 1, "Up")));

        manager.refresh();
        verify(agent, never()).destroyVm(any()); // one report could be a migration's last moment
        manager.refresh();
        verify(agent).destroyVm(vm.getId());
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao).save(audit.capture());
        org.junit.jupiter.api.Assertions.assertEquals(
                "Host comeback was running a second copy of VM ha-vm, which runs on host current; the copy on comeback was destroyed.",
                audit.getValue().getMessage());
        HostAgentClient currentAgent = f.agentFor(current);
        verify(currentAgent, never()).destroyVm(any());
    }

    @Test
    void aVmBeingMigratedIsNotACopy() throws Exception {
        Vm vm = f.vm("moving", cluster, VMStatus.Up, current);
        HostAgentClient agent = f.agentFor(comeback);
        when(agent.getStats()).thenReturn(new HostStats(4096, 4096, 10, 1));
        when(agent.getVmList()).thenReturn(List.of(new AgentVm(vm.getId(), "moving", 1024, 1, "Up")));
        f.locks.tryAcquire(java.util.Set.of(org.trustpool.bll.LockManager.vm(vm.getId())), 1000); // MigrateVm holds it
        manager.refresh();
        manager.refresh();
        verify(agent, never()).destroyVm(any());
    }
}
