package org.trustpool.bll;

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
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.MigrateVmParameters;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.action.SetNonOperationalVdsParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.vdsbroker.HostAgentClient;

/**
 * What a command does when the database says another engine node (or monitoring) got there first: the
 * compare-and-set lost, so it writes no success audit entry, evacuates nothing, and says why. Each test's
 * twin with the CAS won is the existing command test (Fixtures answer "won" by default).
 */
class LostCompareAndSetTest {
    private final Fixtures f = new Fixtures();
    private final Cluster cluster = f.cluster("c");

    private List<String> auditTypes() {
        ArgumentCaptor<AuditLog> entries = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeast(0)).save(entries.capture());
        return entries.getAllValues().stream().map(AuditLog::getLogType).toList();
    }

    @Test
    void aStartWhoseOutcomeAnotherNodeRecordedFailsWithoutTheStartedEntry() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(host));
        HostAgentClient agent = f.agentFor(host);
        Vm vm = f.vm("vm1", cluster, VMStatus.Down, null);
        when(f.vmDynamicDao.updateIfUnchanged(any(), any(), any(), any())).thenReturn(false);

        ActionReturnValue rv = f.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), null));

        verify(agent).createVm(vm.getId(), "vm1", 1024, 1);
        verify(f.vmDynamicDao).reserveForRun(eq(vm.getId()), eq(host.getId()), any(), eq("test-node"));
        verify(f.vmDynamicDao).updateIfUnchanged(any(), eq(VMStatus.WaitForLaunch), eq(host.getId()), eq("test-node"));
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_STATE_RECORDED_MEANWHILE, rv.getFault().message());
        assertTrue(rv.getMessageTexts().get(0).contains("is no longer WaitForLaunch under this command"), rv.getMessageTexts().toString());
        assertFalse(auditTypes().contains("USER_STARTED_VM"), auditTypes().toString());
    }

    @Test
    void aMigrationWhoseOutcomeAnotherNodeRecordedIsNotAuditedAsDone() {
        Vds source = f.host("h1", cluster, VDSStatus.Up, 8192, 1024);
        Vds dest = f.host("h2", cluster, VDSStatus.Up, 8192, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(source, dest));
        f.agentFor(source);
        f.agentFor(dest);
        Vm vm = f.vm("vm1", cluster, VMStatus.Up, source);
        when(f.vmDynamicDao.updateIfUnchanged(any(), any(), any(), any())).thenReturn(false);

        ActionReturnValue rv = f.executor.runAction(ActionType.MigrateVm, new MigrateVmParameters(vm.getId(), dest.getId()));

        verify(f.vmDynamicDao).reserveForMigration(vm.getId(), source.getId(), dest.getId(), "test-node");
        verify(f.vmDynamicDao).updateIfUnchanged(any(), eq(VMStatus.MigratingFrom), eq(source.getId()), eq("test-node"));
        assertFalse(rv.getSucceeded());
        assertFalse(auditTypes().contains("VM_MIGRATION_DONE"), auditTypes().toString());
    }

    @Test
    void aStopThatLosesEnteringPoweringDownNeverCallsTheAgent() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 1024);
        HostAgentClient agent = f.agentFor(host);
        Vm vm = f.vm("vm1", cluster, VMStatus.Up, host);
        when(f.vmDynamicDao.beginOperation(any(), any(), any(), any())).thenReturn(false);

        ActionReturnValue rv = f.executor.runAction(ActionType.StopVm, new IdParameters(vm.getId()));

        assertFalse(rv.getSucceeded());
        verify(f.vmDynamicDao).beginOperation(vm.getId(), VMStatus.Up, VMStatus.PoweringDown, "test-node");
        verify(agent, never()).destroyVm(any());
        verify(f.vmDynamicDao, never()).updateIfUnchanged(any(), any(), any(), any());
        assertFalse(auditTypes().contains("USER_STOP_VM"));
    }

    @Test
    void aStopRecordsDownFromThePoweringDownItSetOnThisNode() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 1024);
        f.agentFor(host);
        Vm vm = f.vm("vm1", cluster, VMStatus.Up, host);
        ActionReturnValue rv = f.executor.runAction(ActionType.StopVm, new IdParameters(vm.getId()));
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        ArgumentCaptor<org.trustpool.common.businessentities.VmDynamic> saved =
                ArgumentCaptor.forClass(org.trustpool.common.businessentities.VmDynamic.class);
        verify(f.vmDynamicDao).updateIfUnchanged(saved.capture(), eq(VMStatus.PoweringDown), eq(host.getId()), eq("test-node"));
        assertEquals(VMStatus.Down, saved.getValue().getStatus());
        assertEquals(null, saved.getValue().getRunOnVds());
        assertTrue(auditTypes().contains("USER_STOP_VM"));
    }

    /**
     * Two nodes saw the same untrusted host; this one lost the compare-and-set: no evacuation, no audit entry,
     * and not a failure (the host is out of service as wanted; the winner's entry is the record).
     */
    @Test
    void setNonOperationalThatLostNeitherEvacuatesNorAudits() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 1024);
        when(f.vdsDynamicDao.compareAndSetStatusAndReasons(any(), any(), any(), any())).thenReturn(false);

        ActionReturnValue rv = f.executor.runAction(ActionType.SetNonOperationalVds,
                new SetNonOperationalVdsParameters(host.getId(), NonOperationalReason.UNTRUSTED, Map.of()));

        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        verify(f.vdsDynamicDao).compareAndSetStatusAndReasons(host.getId(), VDSStatus.Up, VDSStatus.NonOperational, NonOperationalReason.UNTRUSTED);
        verify(f.vmEvacuator, never()).migrateAllVms(any(), any());
        assertEquals(List.of(), auditTypes());
    }

    @Test
    void setNonOperationalThatWonEvacuatesAndAuditsOnce() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 1024);
        when(f.vmEvacuator.migrateAllVms(eq(host.getId()), any())).thenReturn(List.of());

        ActionReturnValue rv = f.executor.runAction(ActionType.SetNonOperationalVds,
                new SetNonOperationalVdsParameters(host.getId(), NonOperationalReason.UNTRUSTED, Map.of()));

        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        verify(f.vmEvacuator).migrateAllVms(eq(host.getId()), any());
        assertEquals(List.of("VDS_UNTRUSTED"), auditTypes());
    }

    @Test
    void aHostBroughtUpByAnotherNodeFirstIsNotDetectedTwice() {
        Vds host = f.host("h1", cluster, VDSStatus.Initializing, 8192, 0);
        when(f.vdsDynamicDao.compareAndSetStatusAndReasons(any(), any(), any(), any())).thenReturn(false);
        ActionReturnValue rv = f.executor.runAction(ActionType.InitVdsOnUp, new IdParameters(host.getId()));
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        verify(f.vdsDynamicDao).compareAndSetStatusAndReasons(host.getId(), VDSStatus.Initializing, VDSStatus.Up, NonOperationalReason.NONE);
        assertFalse(auditTypes().contains("VDS_DETECTED"));
    }

    @Test
    void maintenanceIsNotRecordedOverAStatusAnotherNodeWrote() {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 0);
        when(f.vmEvacuator.migrateAllVms(eq(host.getId()), any())).thenReturn(List.of());
        when(f.vdsDynamicDao.compareAndSetStatusAndReasons(any(), any(), any(), any())).thenReturn(false);
        ActionReturnValue rv = f.executor.runAction(ActionType.MaintenanceVds, new IdParameters(host.getId()));
        assertFalse(rv.getSucceeded());
        verify(f.vdsDynamicDao).compareAndSetStatusAndReasons(host.getId(), VDSStatus.PreparingForMaintenance, VDSStatus.Maintenance,
                NonOperationalReason.NONE);
        assertFalse(auditTypes().contains("VDS_MAINTENANCE"));
        assertTrue(auditTypes().contains("VDS_MAINTENANCE_FAILED"));
    }

    @Test
    void anActivationAnotherNodeGotAheadOfIsRefused() {
        Vds host = f.host("h1", cluster, VDSStatus.Maintenance, 8192, 0);
        when(f.vdsManagers.activate(any(), any())).thenReturn(false);
        ActionReturnValue rv = f.executor.runAction(ActionType.ActivateVds, new IdParameters(host.getId()));
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_STATE_RECORDED_MEANWHILE, rv.getFault().message());
        verify(f.vdsManagers).activate(host.getId(), VDSStatus.Maintenance);
        assertFalse(auditTypes().contains("VDS_ACTIVATE"));
        verify(f.vdsManagers, never()).refreshSoon(any());
    }
}
