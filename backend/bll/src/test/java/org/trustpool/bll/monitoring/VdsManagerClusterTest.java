package org.trustpool.bll.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
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
import org.trustpool.vdsbroker.HostAgentClient;
import org.trustpool.vdsbroker.HostAgentException;
import org.trustpool.vdsbroker.HostStats;

/**
 * Monitoring with several engine nodes: a transitional VM not locked in this JVM is another node's command in
 * flight while that node is alive (the database says so: Vm.isOpMarkHeld from the view vms), and an
 * interrupted one otherwise; every write is a compare-and-set, audited only when it won.
 */
class VdsManagerClusterTest {
    private final Fixtures f = new Fixtures();
    private final Cluster cluster = f.cluster("c");
    private final Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 1024);
    private final Vds other = f.host("h2", cluster, VDSStatus.Up, 8192, 0);
    private final VdsManager manager = new VdsManager(host.getId(), new MonitoringServices(f.vdsDao, f.vdsDynamicDao, f.vmDao,
            f.vmDynamicDao, f.hostAgents, f.context.auditLogDirector(), f.executor, f.locks, f.context.config(), f.clusterDao, f.broker, f.node));

    private List<String> auditTypes() {
        ArgumentCaptor<AuditLog> entries = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeast(0)).save(entries.capture());
        return entries.getAllValues().stream().map(AuditLog::getLogType).toList();
    }

    /** A VM being started (WaitForLaunch on h1) by a command marked with {@code owner}; the agent does not run it yet. */
    private Vm startingBy(String owner, boolean ownerAlive) {
        Vm vm = f.vm("starting", cluster, VMStatus.WaitForLaunch, host);
        vm.getDynamicData().setOpOwner(owner);
        vm.setOpMarkHeld(ownerAlive);
        when(f.vmDao.getAllRunningOnVds(host.getId())).thenReturn(List.of(vm));
        HostAgentClient agent = f.agentFor(host);
        when(agent.getStats()).thenReturn(new HostStats(4096, 4096, 10, 0));
        when(agent.getVmList()).thenReturn(List.of());
        return vm;
    }

    @Test
    void aStartInFlightOnAnotherLiveNodeIsLeftToIt() {
        Vm vm = startingBy("other-node", true);
        manager.refresh();
        manager.refresh();
        manager.refresh();
        assertEquals(VMStatus.WaitForLaunch, vm.getStatus());
        verify(f.vmDynamicDao, never()).updateIfUnchanged(any(), any(), any(), any());
        assertFalse(auditTypes().contains("VM_START_INTERRUPTED"), auditTypes().toString());
    }

    @Test
    void aStartMarkedByADeadNodeIsInterrupted() {
        Vm vm = startingBy("dead-node", false);
        manager.refresh();
        manager.refresh();
        assertEquals(VMStatus.Down, vm.getStatus());
        // from what this cycle read, the dead node's mark included
        verify(f.vmDynamicDao).updateIfUnchanged(vm.getDynamicData(), VMStatus.WaitForLaunch, host.getId(), "dead-node");
        assertEquals(List.of("VM_START_INTERRUPTED", "VM_DOWN_UNEXPECTEDLY"), auditTypes());
    }

    /** This node's own mark with no lock here: this node restarted and lost the command. */
    @Test
    void aStartMarkedByThisNodeButNotLockedHereIsInterrupted() {
        Vm vm = startingBy("test-node", true);
        manager.refresh();
        manager.refresh();
        assertEquals(VMStatus.Down, vm.getStatus());
        assertEquals(List.of("VM_START_INTERRUPTED", "VM_DOWN_UNEXPECTEDLY"), auditTypes());
    }

    @Test
    void anUnmarkedTransitionalVmIsInterruptedAsBefore() {
        Vm vm = startingBy(null, false);
        manager.refresh();
        manager.refresh();
        assertEquals(VMStatus.Down, vm.getStatus());
        assertTrue(auditTypes().contains("VM_START_INTERRUPTED"));
    }

    /** Another node recorded the VM between this cycle's read and its write: no second transition, no audit. */
    @Test
    void aLostWriteIsNotAudited() {
        startingBy("dead-node", false);
        when(f.vmDynamicDao.updateIfUnchanged(any(), any(), any(), any())).thenReturn(false);
        manager.refresh();
        manager.refresh();
        verify(f.vmDynamicDao).updateIfUnchanged(any(), eq(VMStatus.WaitForLaunch), eq(host.getId()), eq("dead-node"));
        assertEquals(List.of(), auditTypes());
    }

    @Test
    void aMigrationInFlightOnAnotherLiveNodeIsNotHandedToTheDestination() {
        Vm vm = f.vm("moving", cluster, VMStatus.MigratingFrom, host);
        vm.getDynamicData().setMigratingToVds(other.getId());
        vm.getDynamicData().setOpOwner("other-node");
        vm.setOpMarkHeld(true);
        when(f.vmDao.getAllRunningOnVds(host.getId())).thenReturn(List.of(vm));
        HostAgentClient agent = f.agentFor(host);
        when(agent.getStats()).thenReturn(new HostStats(4096, 4096, 10, 0));
        when(agent.getVmList()).thenReturn(List.of()); // the migration's last moment: the source no longer lists it
        manager.refresh();
        manager.refresh();
        assertEquals(VMStatus.MigratingFrom, vm.getStatus());
        assertEquals(host.getId(), vm.getRunOnVds());
        verify(f.vmDynamicDao, never()).updateIfUnchanged(any(), any(), any(), any());
    }

    /** Two nodes watching the silent host (a lease handed over): only the one whose CAS to Down won restarts the HA VM. */
    @Test
    void onlyTheWinnerOfTheCasToDownRestartsAnHaVm() {
        Vds silent = f.host("silent", cluster, VDSStatus.NonResponsive, 8192, 1024);
        Vm ha = f.vm("ha", cluster, VMStatus.Up, silent);
        ha.getStaticData().setAutoStartup(true);
        when(f.vmDao.getAllRunningOnVds(silent.getId())).thenReturn(List.of(ha));
        HostAgentClient agent = f.agentFor(silent);
        when(agent.getCapabilities()).thenThrow(new HostAgentException("connection refused", null));
        when(agent.getStats()).thenThrow(new HostAgentException("connection refused", null));
        when(agent.getVmList()).thenThrow(new HostAgentException("connection refused", null));
        when(f.vdsDao.getAll()).thenReturn(List.of(other));
        f.agentFor(other);
        VdsManager watcher = new VdsManager(silent.getId(), new MonitoringServices(f.vdsDao, f.vdsDynamicDao, f.vmDao,
                f.vmDynamicDao, f.hostAgents, f.context.auditLogDirector(), f.executor, f.locks, f.context.config(), f.clusterDao, f.broker, f.node));
        when(f.vmDynamicDao.updateIfUnchanged(any(), eq(VMStatus.Up), eq(silent.getId()), any())).thenReturn(false);

        watcher.refresh();
        watcher.refresh();

        verify(f.vmDynamicDao, atLeast(1)).updateIfUnchanged(any(), eq(VMStatus.Up), eq(silent.getId()), eq(null));
        verify(f.vmDynamicDao, never()).reserveForRun(any(), any(), any(), any());
        assertFalse(auditTypes().contains("USER_STARTED_VM"), auditTypes().toString());
        assertFalse(auditTypes().contains("VM_HA_RESTART_FAILED"), auditTypes().toString());
    }

    @Test
    void theWinnerOfTheCasToDownRestartsTheHaVmOnAnotherHost() {
        Vds silent = f.host("silent", cluster, VDSStatus.NonResponsive, 8192, 1024);
        Vm ha = f.vm("ha", cluster, VMStatus.Up, silent);
        ha.getStaticData().setAutoStartup(true);
        when(f.vmDao.getAllRunningOnVds(silent.getId())).thenReturn(List.of(ha));
        HostAgentClient agent = f.agentFor(silent);
        when(agent.getCapabilities()).thenThrow(new HostAgentException("connection refused", null));
        when(agent.getStats()).thenThrow(new HostAgentException("connection refused", null));
        when(agent.getVmList()).thenThrow(new HostAgentException("connection refused", null));
        when(f.vdsDao.getAll()).thenReturn(List.of(other));
        HostAgentClient otherAgent = f.agentFor(other);
        VdsManager watcher = new VdsManager(silent.getId(), new MonitoringServices(f.vdsDao, f.vdsDynamicDao, f.vmDao,
                f.vmDynamicDao, f.hostAgents, f.context.auditLogDirector(), f.executor, f.locks, f.context.config(), f.clusterDao, f.broker, f.node));

        watcher.refresh();
        watcher.refresh();

        verify(f.vmDynamicDao).reserveForRun(eq(ha.getId()), eq(other.getId()), any(), eq("test-node"));
        verify(otherAgent).createVm(ha.getId(), "ha", 1024, 1);
        assertTrue(auditTypes().contains("USER_STARTED_VM"), auditTypes().toString());
    }

    @Test
    void aVmMarkedUnknownByAnotherNodeFirstIsNotAuditedAgain() {
        Vds silent = f.host("silent", cluster, VDSStatus.NonResponsive, 8192, 1024);
        Vm plain = f.vm("plain", cluster, VMStatus.Up, silent);
        when(f.vmDao.getAllRunningOnVds(silent.getId())).thenReturn(List.of(plain));
        HostAgentClient agent = f.agentFor(silent);
        when(agent.getCapabilities()).thenThrow(new HostAgentException("connection refused", null));
        VdsManager watcher = new VdsManager(silent.getId(), new MonitoringServices(f.vdsDao, f.vdsDynamicDao, f.vmDao,
                f.vmDynamicDao, f.hostAgents, f.context.auditLogDirector(), f.executor, f.locks, f.context.config(), f.clusterDao, f.broker, f.node));
        when(f.vmDynamicDao.updateIfUnchanged(any(), any(), any(), any())).thenReturn(false);
        watcher.refresh();
        watcher.refresh();
        verify(f.vmDynamicDao, atLeast(1)).updateIfUnchanged(any(), eq(VMStatus.Up), eq(silent.getId()), eq(null));
        assertFalse(auditTypes().contains("VM_DOWN_HOST_NON_RESPONSIVE"), auditTypes().toString());
    }

    @Test
    void activationIsACompareAndSetFromTheStatusTheCallerSaw() {
        when(f.vdsDynamicDao.compareAndSetStatusAndReasons(any(), any(), any(), any())).thenReturn(false);
        assertFalse(manager.activate(VDSStatus.Maintenance));
        verify(f.vdsDynamicDao).compareAndSetStatusAndReasons(host.getId(), VDSStatus.Maintenance, VDSStatus.Initializing,
                org.trustpool.common.businessentities.NonOperationalReason.NONE);
    }
}
