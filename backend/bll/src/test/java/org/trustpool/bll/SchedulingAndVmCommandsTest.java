package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.bll.scheduling.SchedulingRequest;
import org.trustpool.bll.scheduling.SchedulingResult;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.MigrateVmParameters;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.vdsbroker.HostAgentClient;
import org.trustpool.vdsbroker.HostAgentException;

class SchedulingAndVmCommandsTest {
    private final Fixtures f = new Fixtures();
    private final Cluster cluster = f.cluster("c1");
    private final Cluster other = f.cluster("c2");

    @Test
    void schedulerPicksLeastLoadedHostThatPassesEveryFilter() {
        Vds busy = f.host("busy", cluster, VDSStatus.Up, 8192, 6000);
        Vds idle = f.host("idle", cluster, VDSStatus.Up, 8192, 1000);
        Vds down = f.host("down", cluster, VDSStatus.Maintenance, 65536, 0);
        Vds elsewhere = f.host("elsewhere", other, VDSStatus.Up, 65536, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(busy, idle, down, elsewhere));
        Vm vm = f.vm("vm1", cluster, VMStatus.Down, null);
        SchedulingResult result = f.context.schedulingManager().schedule(SchedulingRequest.run(vm, null));
        assertEquals(idle, result.host().orElseThrow());
        assertEquals(2, result.dropReasons().size());
    }

    @Test
    void runWithNoFittingHostSaysWhyEachHostWasDropped() {
        Vds full = f.host("full", cluster, VDSStatus.Up, 2048, 1500);
        Vds maint = f.host("maint", cluster, VDSStatus.Maintenance, 65536, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(full, maint));
        Vm vm = f.vm("vm1", cluster, VMStatus.Down, null);
        ActionReturnValue rv = f.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), null));
        assertFalse(rv.isValid());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_NO_HOST_AVAILABLE, rv.getValidationMessages().get(0).getMessage());
        String text = rv.getMessageTexts().get(0);
        assertTrue(text.contains("host full has 548 MB free, the VM needs 1024 MB"), text);
        assertTrue(text.contains("host maint is in Maintenance, not Up"), text);
        verify(f.vmDynamicDao, never()).updateIfUnchanged(any(), any(), any(), any());
    }

    @Test
    void runStartsVmOnTheAgentAndRecordsTheHost() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(host));
        HostAgentClient agent = f.agentFor(host);
        Vm vm = f.vm("vm1", cluster, VMStatus.Down, null);
        ActionReturnValue rv = f.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), null));
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        verify(agent).createVm(vm.getId(), "vm1", 1024, 1);
        ArgumentCaptor<VmDynamic> saved = ArgumentCaptor.forClass(VmDynamic.class);
        verify(f.vmDynamicDao).updateIfUnchanged(saved.capture(), eq(VMStatus.WaitForLaunch), eq(host.getId()), eq("test-node"));
        assertEquals(VMStatus.Up, saved.getValue().getStatus());
        assertEquals(host.getId(), saved.getValue().getRunOnVds());
    }

    @Test
    void agentRefusalFailsTheRunAndReleasesTheReservation() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(host));
        HostAgentClient agent = f.agentFor(host);
        when(agent.createVm(any(), anyString(), anyInt(), anyInt())).thenThrow(new HostAgentException(3, "noMemory"));
        Vm vm = f.vm("vm1", cluster, VMStatus.Down, null);
        ActionReturnValue rv = f.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), null));
        assertTrue(rv.isValid());
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.VDS_COMMAND_FAILED, rv.getFault().message());
        assertTrue(rv.getMessageTexts().get(0).contains("noMemory"), rv.getMessageTexts().toString());
        // reserved (WaitForLaunch on h1) before the call, Down again after it: a Down VM holds no memory anywhere
        verify(f.vmDynamicDao).reserveForRun(eq(vm.getId()), eq(host.getId()), any(), eq("test-node"));
        ArgumentCaptor<VmDynamic> saved = ArgumentCaptor.forClass(VmDynamic.class);
        verify(f.vmDynamicDao).updateIfUnchanged(saved.capture(), eq(VMStatus.WaitForLaunch), eq(host.getId()), eq("test-node"));
        assertEquals(VMStatus.Down, saved.getValue().getStatus());
        assertEquals(null, saved.getValue().getRunOnVds());
        assertTrue(rv.getMessageTexts().get(0).endsWith("VM vm1 is Down and the memory reserved for it on host h1 is released."),
                rv.getMessageTexts().toString());
    }

    @Test
    void migrateToTheSameHostIsRefused() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 1024);
        Vm vm = f.vm("vm1", cluster, VMStatus.Up, host);
        ActionReturnValue rv = f.executor.runAction(ActionType.MigrateVm, new MigrateVmParameters(vm.getId(), host.getId()));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_MIGRATION_TO_SAME_HOST, rv.getValidationMessages().get(0).getMessage());
    }

    @Test
    void migrateAsksTheSourceAgentToMoveTheVmToTheDestination() {
        Vds source = f.host("h1", cluster, VDSStatus.Up, 8192, 1024);
        Vds dest = f.host("h2", cluster, VDSStatus.Up, 8192, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(source, dest));
        HostAgentClient sourceAgent = f.agentFor(source);
        HostAgentClient destAgent = f.agentFor(dest);
        Vm vm = f.vm("vm1", cluster, VMStatus.Up, source);
        ActionReturnValue rv = f.executor.runAction(ActionType.MigrateVm, new MigrateVmParameters(vm.getId(), null));
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        verify(sourceAgent).migrateVm(vm.getId(), destAgent.endpoint());
        assertEquals(dest.getId(), vm.getDynamicData().getRunOnVds());
    }

    @Test
    void failedMigrationLeavesTheVmWhereItWas() {
        Vds source = f.host("h1", cluster, VDSStatus.Up, 8192, 1024);
        Vds dest = f.host("h2", cluster, VDSStatus.Up, 8192, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(source, dest));
        HostAgentClient sourceAgent = f.agentFor(source);
        f.agentFor(dest);
        doThrow(new HostAgentException(4, "migrationFailed")).when(sourceAgent).migrateVm(any(), anyString());
        Vm vm = f.vm("vm1", cluster, VMStatus.Up, source);
        ActionReturnValue rv = f.executor.runAction(ActionType.MigrateVm, new MigrateVmParameters(vm.getId(), dest.getId()));
        assertFalse(rv.getSucceeded());
        verify(f.vmDynamicDao).reserveForMigration(vm.getId(), source.getId(), dest.getId(), "test-node");
        ArgumentCaptor<VmDynamic> saved = ArgumentCaptor.forClass(VmDynamic.class);
        verify(f.vmDynamicDao).updateIfUnchanged(saved.capture(), eq(VMStatus.MigratingFrom), eq(source.getId()), eq("test-node"));
        assertEquals(VMStatus.Up, saved.getValue().getStatus());
        assertEquals(source.getId(), saved.getValue().getRunOnVds());
        assertEquals(null, saved.getValue().getMigratingToVds()); // the destination's reservation released
    }

    @Test
    void stopOfAVmTheAgentNoLongerHasStillRecordsItDown() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 1024);
        HostAgentClient agent = f.agentFor(host);
        Vm vm = f.vm("vm1", cluster, VMStatus.Up, host);
        doThrow(new HostAgentException(1, "noVM")).when(agent).destroyVm(vm.getId());
        ActionReturnValue rv = f.executor.runAction(ActionType.StopVm, new IdParameters(vm.getId()));
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        assertEquals(VMStatus.Down, vm.getStatus());
    }

    @Test
    void stopOnAnUnreachableHostFailsRatherThanPretend() {
        Vds host = f.host("h1", cluster, VDSStatus.NonResponsive, 8192, 1024);
        HostAgentClient agent = f.agentFor(host);
        Vm vm = f.vm("vm1", cluster, VMStatus.Unknown, host);
        doThrow(new HostAgentException("unreachable", null)).when(agent).destroyVm(vm.getId());
        ActionReturnValue rv = f.executor.runAction(ActionType.StopVm, new IdParameters(vm.getId()));
        assertFalse(rv.getSucceeded());
        verify(f.vmDynamicDao).beginOperation(vm.getId(), VMStatus.Unknown, VMStatus.PoweringDown, "test-node");
        // back from the PoweringDown it set to the status it had, never Down
        ArgumentCaptor<VmDynamic> saved = ArgumentCaptor.forClass(VmDynamic.class);
        verify(f.vmDynamicDao).updateIfUnchanged(saved.capture(), eq(VMStatus.PoweringDown), eq(host.getId()), eq("test-node"));
        assertEquals(VMStatus.Unknown, saved.getValue().getStatus());
        assertEquals(host.getId(), saved.getValue().getRunOnVds());
    }

    @Test
    void maintenanceWithAVmThatCannotMoveChangesNothing() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 1024);
        when(f.vmEvacuator.migrateAllVms(eq(host.getId()), any())).thenReturn(List.of("vm1: no host"));
        ActionReturnValue rv = f.executor.runAction(ActionType.MaintenanceVds, new IdParameters(host.getId()));
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VMS_NOT_MIGRATED, rv.getFault().message());
        verify(f.vdsDynamicDao, never()).compareAndSetStatusAndReasons(any(), any(), eq(VDSStatus.Maintenance), any());
    }

    @Test
    void internalActionsRunButHostRemovalNeedsItOutOfService() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 0);
        ActionReturnValue rv = f.executor.runAction(ActionType.RemoveVds, new IdParameters(host.getId()));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VDS_STATUS_ILLEGAL, rv.getValidationMessages().get(0).getMessage());
        assertTrue(rv.getMessageTexts().get(0).contains("The host is Up"), rv.getMessageTexts().toString());
    }
}
