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
            f.vmDynamicDao, f.hostAgents, f.context.auditLogDirector(), f.executor, f.locks, f.context.config(), f.clusterDao, f.broker, f.node));

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

    /**
     * A host stops answering while a command holds its HA VM (the trust monitor migrating it away, say): the VM is
     * not forgotten. Once the command lets go, the next cycle restarts it elsewhere, although the host went
     * NonResponsive cycles ago.
     */
    @Test
    void anHaVmHeldByACommandWhenItsHostFailedIsRestartedOnceTheCommandLetsGo() throws Exception {
        Vds silent = f.host("silent", cluster, VDSStatus.Up, 8192, 1024);
        Vm ha = f.vm("ha", cluster, VMStatus.Up, silent);
        ha.getStaticData().setAutoStartup(true);
        when(f.vmDao.getAllRunningOnVds(silent.getId())).thenReturn(List.of(ha));
        HostAgentClient agent = f.agentFor(silent);
        when(agent.getStats()).thenThrow(new org.trustpool.vdsbroker.HostAgentException("connection refused", null));
        when(agent.getVmList()).thenThrow(new org.trustpool.vdsbroker.HostAgentException("connection refused", null));
        when(agent.getCapabilities()).thenThrow(new org.trustpool.vdsbroker.HostAgentException("connection refused", null));
        VdsManager watcher = new VdsManager(silent.getId(), new MonitoringServices(f.vdsDao, f.vdsDynamicDao, f.vmDao,
                f.vmDynamicDao, f.hostAgents, f.context.auditLogDirector(), f.executor, f.locks, f.context.config(), f.clusterDao, f.broker, f.node));
        java.util.Set<String> held = java.util.Set.of(org.trustpool.bll.LockManager.vm(ha.getId()));
        f.locks.tryAcquire(held, 1000);
        watcher.refresh();
        watcher.refresh();
        silent.getDynamicData().setStatus(VDSStatus.NonResponsive); // as the compare-and-set above recorded it
        watcher.refresh();
        org.junit.jupiter.api.Assertions.assertEquals(silent.getId(), ha.getRunOnVds(), "left alone while the command holds it");

        f.locks.release(held);
        watcher.refresh();
        org.junit.jupiter.api.Assertions.assertNotEquals(silent.getId(), ha.getRunOnVds(), "restarted (or tried) elsewhere");
        org.junit.jupiter.api.Assertions.assertEquals("host silent stopped responding", ha.getDynamicData().getExitMessage());
    }

    /** After an engine restart: a start it had reserved but never recorded, and the host does not run the VM. */
    @Test
    void anInterruptedStartTheHostDoesNotRunGoesDownAndIsAudited() {
        Vm vm = f.vm("starting", cluster, VMStatus.WaitForLaunch, comeback);
        when(f.vmDao.getAllRunningOnVds(comeback.getId())).thenReturn(List.of(vm));
        HostAgentClient agent = f.agentFor(comeback);
        when(agent.getStats()).thenReturn(new HostStats(4096, 4096, 10, 0));
        when(agent.getVmList()).thenReturn(List.of());
        manager.refresh();
        verify(f.vmDynamicDao, never()).updateIfUnchanged(any(), any(), any(), any()); // one report is not enough
        manager.refresh();
        org.junit.jupiter.api.Assertions.assertEquals(VMStatus.Down, vm.getStatus());
        org.junit.jupiter.api.Assertions.assertNull(vm.getRunOnVds());
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, org.mockito.Mockito.atLeastOnce()).save(audit.capture());
        org.junit.jupiter.api.Assertions.assertTrue(audit.getAllValues().stream().anyMatch(a -> a.getMessage().equals(
                "VM starting was being started on host comeback when the engine stopped, and the host does not run it: it is Down"
                + " and the host's reserved memory is released. Start it again.")), audit.getAllValues().toString());
    }

    /** While the agent call is in flight the same VM is left to its command. */
    @Test
    void aStartInFlightIsLeftAlone() {
        Vm vm = f.vm("starting", cluster, VMStatus.WaitForLaunch, comeback);
        when(f.vmDao.getAllRunningOnVds(comeback.getId())).thenReturn(List.of(vm));
        HostAgentClient agent = f.agentFor(comeback);
        when(agent.getStats()).thenReturn(new HostStats(4096, 4096, 10, 0));
        when(agent.getVmList()).thenReturn(List.of());
        f.locks.markInFlight(java.util.Set.of(org.trustpool.bll.LockManager.vm(vm.getId())), "VM starting is being started");
        manager.refresh();
        manager.refresh();
        verify(f.vmDynamicDao, never()).updateIfUnchanged(any(), any(), any(), any());
    }

    /** After an engine restart: a migration it had reserved, and the source still runs the VM: it stays there, the destination freed. */
    @Test
    void anInterruptedMigrationTheSourceStillRunsStaysThere() {
        Vm vm = f.vm("moving", cluster, VMStatus.MigratingFrom, comeback);
        vm.getDynamicData().setMigratingToVds(current.getId());
        when(f.vmDao.getAllRunningOnVds(comeback.getId())).thenReturn(List.of(vm));
        HostAgentClient agent = f.agentFor(comeback);
        when(agent.getStats()).thenReturn(new HostStats(4096, 4096, 10, 1));
        when(agent.getVmList()).thenReturn(List.of(new AgentVm(vm.getId(), "moving", 1024, 1, "Up")));
        manager.refresh();
        org.junit.jupiter.api.Assertions.assertEquals(VMStatus.Up, vm.getStatus());
        org.junit.jupiter.api.Assertions.assertEquals(comeback.getId(), vm.getRunOnVds());
        org.junit.jupiter.api.Assertions.assertNull(vm.getDynamicData().getMigratingToVds());
    }

    /** After an engine restart: the source no longer runs the migrating VM, so its record goes to the destination, whose report decides. */
    @Test
    void anInterruptedMigrationTheSourceNoLongerRunsGoesToTheDestination() {
        Vm vm = f.vm("moving", cluster, VMStatus.MigratingFrom, comeback);
        vm.getDynamicData().setMigratingToVds(current.getId());
        when(f.vmDao.getAllRunningOnVds(comeback.getId())).thenReturn(List.of(vm));
        HostAgentClient agent = f.agentFor(comeback);
        when(agent.getStats()).thenReturn(new HostStats(4096, 4096, 10, 0));
        when(agent.getVmList()).thenReturn(List.of());
        manager.refresh();
        manager.refresh();
        org.junit.jupiter.api.Assertions.assertEquals(VMStatus.MigratingTo, vm.getStatus());
        org.junit.jupiter.api.Assertions.assertEquals(current.getId(), vm.getRunOnVds());
        org.junit.jupiter.api.Assertions.assertNull(vm.getDynamicData().getMigratingToVds());
        // and the destination, reporting it, does not take it for a stray copy
        VdsManager destination = new VdsManager(current.getId(), new MonitoringServices(f.vdsDao, f.vdsDynamicDao, f.vmDao,
                f.vmDynamicDao, f.hostAgents, f.context.auditLogDirector(), f.executor, f.locks, f.context.config(), f.clusterDao, f.broker, f.node));
        when(f.vmDao.getAllRunningOnVds(current.getId())).thenReturn(List.of(vm));
        HostAgentClient destinationAgent = f.agentFor(current);
        when(destinationAgent.getStats()).thenReturn(new HostStats(4096, 4096, 10, 1));
        when(destinationAgent.getVmList()).thenReturn(List.of(new AgentVm(vm.getId(), "moving", 1024, 1, "Up")));
        destination.refresh();
        org.junit.jupiter.api.Assertions.assertEquals(VMStatus.Up, vm.getStatus());
        verify(destinationAgent, never()).destroyVm(any());
    }
}
