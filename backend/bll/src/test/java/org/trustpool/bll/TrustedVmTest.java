package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.bll.trust.TrustMonitor;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.AddVmTemplateParameters;
import org.trustpool.common.action.MigrateVmParameters;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.action.VmManagementParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;

/** VM-level trust ("Run on Trusted Host") in a plain cluster. */
class TrustedVmTest {
    private final Fixtures f = new Fixtures();
    private final Cluster plain = f.cluster("plain");
    private final Vds good = f.host("good", plain, VDSStatus.Up, 8192, 4000);
    private final Vds bad = f.host("bad", plain, VDSStatus.Up, 65536, 0);

    private void attest() {
        when(f.vdsDao.getAll()).thenReturn(List.of(good, bad));
        f.attestation.put("good", TrustLevel.TRUSTED);
        f.attestation.put("bad", TrustLevel.UNTRUSTED);
        f.agentFor(good);
        f.agentFor(bad);
        f.broker.attestNow(good.getId());
        f.broker.attestNow(bad.getId());
    }

    private Vm trustedVm(VMStatus status, Vds runOn) {
        Vm vm = f.vm("secret", plain, status, runOn);
        vm.getStaticData().setTrustedHostFlag(true);
        return vm;
    }

    @Test
    void aTrustedVmInAPlainClusterRunsOnlyOnTheTrustedHostWhileOthersRunAnywhere() {
        attest();
        Vm vm = trustedVm(VMStatus.Down, null);
        for (int i = 0; i < 10; i++) {
            vm.getDynamicData().setStatus(VMStatus.Down);
            assertTrue(f.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), null)).getSucceeded());
            assertEquals(good.getId(), vm.getRunOnVds());
        }
        Vm ordinary = f.vm("ordinary", plain, VMStatus.Down, null);
        assertTrue(f.executor.runAction(ActionType.RunVm, new RunVmParameters(ordinary.getId(), null)).getSucceeded());
        assertEquals(bad.getId(), ordinary.getRunOnVds(), "without the flag the least loaded host wins");
    }

    @Test
    void migrationGoesOnlyToATrustedDestination() {
        attest();
        Vds good2 = f.host("good2", plain, VDSStatus.Up, 8192, 0);
        f.attestation.put("good2", TrustLevel.TRUSTED);
        f.agentFor(good2);
        when(f.vdsDao.getAll()).thenReturn(List.of(good, bad, good2));
        f.broker.attestNow(good2.getId());
        Vm vm = trustedVm(VMStatus.Up, good);
        ActionReturnValue toBad = f.executor.runAction(ActionType.MigrateVm, new MigrateVmParameters(vm.getId(), bad.getId()));
        assertFalse(toBad.isValid());
        assertTrue(toBad.getMessageTexts().get(0).contains("No trusted host is available in cluster plain: host bad is untrusted (PCR 19 differs)"), toBad.getMessageTexts().toString());
        assertTrue(f.executor.runAction(ActionType.MigrateVm, new MigrateVmParameters(vm.getId(), null)).getSucceeded());
        assertEquals(good2.getId(), vm.getRunOnVds());
    }

    @Test
    void aTemplateMadeFromATrustedVmIsTrusted() {
        Vm vm = trustedVm(VMStatus.Down, null);
        assertTrue(f.executor.runAction(ActionType.AddVmTemplate, new AddVmTemplateParameters(vm.getId(), "secret-tpl", null)).getSucceeded());
        ArgumentCaptor<VmTemplate> saved = ArgumentCaptor.forClass(VmTemplate.class);
        verify(f.vmTemplateDao).save(saved.capture());
        assertTrue(saved.getValue().isTrustedHostFlag());
    }

    @Test
    void aTrustedVmCannotBePinnedToAHostThatIsNotTrusted() {
        attest();
        Vm vm = trustedVm(VMStatus.Down, null);
        vm.getStaticData().setDedicatedVmForVds(bad.getId());
        when(f.vmTemplateDao.get(VmTemplate.BLANK_TEMPLATE_ID)).thenReturn(new VmTemplate());
        ActionReturnValue rv = f.executor.runAction(ActionType.UpdateVm, new VmManagementParameters(vm.getStaticData()));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_PINNED_HOST_NOT_TRUSTED, rv.getValidationMessages().get(0).getMessage());
        vm.getStaticData().setDedicatedVmForVds(good.getId());
        assertTrue(f.executor.runAction(ActionType.UpdateVm, new VmManagementParameters(vm.getStaticData())).getSucceeded());
    }

    @Test
    void aPlainClusterHostThatTurnsUntrustedLosesItsTrustedVmsButStaysInService() throws Exception {
        attest();
        Vm secret = trustedVm(VMStatus.Up, good);
        Vm ordinary = f.vm("ordinary", plain, VMStatus.Up, good);
        when(f.vmDao.getAll()).thenReturn(List.of(secret, ordinary));
        TrustMonitor monitor = new TrustMonitor(f.broker, f.clusterDao, f.vdsDao, f.vmDao, f.executor, f.vmEvacuator, f.vdsManagers,
                f.context.auditLogDirector(), f.context.config());
        monitor.cycle();
        verify(f.vmEvacuator, never()).migrate(any(), any());

        f.attestation.put("good", TrustLevel.UNTRUSTED); // its kernel changed while it ran the trusted VM
        monitor.cycle();
        monitor.cycle();
        verify(f.vmEvacuator, times(2)).migrate(eq(List.of(secret)), any()); // only the trusted VM, again each cycle
        verify(f.vdsDynamicDao, never()).compareAndSetStatusAndReasons(any(), any(), eq(VDSStatus.NonOperational), any());
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(audit.capture());
        List<AuditLog> moved = audit.getAllValues().stream().filter(a -> a.getLogType().equals("VDS_UNTRUSTED_TRUSTED_VMS_MOVED")).toList();
        assertEquals(1, moved.size(), "said once, not every cycle");
        assertTrue(moved.get(0).getMessage().contains("Host good is no longer trusted (UNTRUSTED: PCR 19 differs, verified ")
                && moved.get(0).getMessage().contains(": secret."), moved.get(0).getMessage());
    }

    @Test
    void anOutageMovesNoTrustedVm() throws Exception {
        attest();
        Vm secret = trustedVm(VMStatus.Up, good);
        when(f.vmDao.getAll()).thenReturn(List.of(secret));
        TrustMonitor monitor = new TrustMonitor(f.broker, f.clusterDao, f.vdsDao, f.vmDao, f.executor, f.vmEvacuator, f.vdsManagers,
                f.context.auditLogDirector(), f.context.config());
        f.attestationDown = true;
        monitor.cycle();
        verify(f.vmEvacuator, never()).migrate(any(), any());
    }

    @Test
    void everyAnsweringUntrustedHostIsGuardedEvenWhenAnotherOneFails() throws Exception {
        Vds nonOp = f.host("nonop", plain, VDSStatus.NonOperational, 8192, 0);
        Vds silent = f.host("silent", plain, VDSStatus.NonResponsive, 8192, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(good, bad, nonOp, silent));
        Vm onBad = trustedVm(VMStatus.Up, bad);
        Vm onNonOp = f.vm("on-nonop", plain, VMStatus.Up, nonOp);
        onNonOp.getStaticData().setTrustedHostFlag(true);
        Vm onSilent = f.vm("on-silent", plain, VMStatus.Up, silent);
        onSilent.getStaticData().setTrustedHostFlag(true);
        when(f.vmDao.getAll()).thenReturn(List.of(onBad, onNonOp, onSilent));
        f.attestation.put("bad", TrustLevel.UNTRUSTED);
        f.attestation.put("nonop", TrustLevel.UNTRUSTED);
        f.attestation.put("silent", TrustLevel.TIMEOUT);
        when(f.vmEvacuator.migrate(eq(List.of(onBad)), any())).thenThrow(new IllegalStateException("database hiccup"));
        TrustMonitor monitor = new TrustMonitor(f.broker, f.clusterDao, f.vdsDao, f.vmDao, f.executor, f.vmEvacuator, f.vdsManagers,
                f.context.auditLogDirector(), f.context.config());
        monitor.cycle();
        verify(f.vmEvacuator).migrate(eq(List.of(onBad)), any());
        verify(f.vmEvacuator).migrate(eq(List.of(onNonOp)), any()); // NonOperational still runs VMs: guarded too
        verify(f.vmEvacuator, never()).migrate(eq(List.of(onSilent)), any()); // not answering: HA's business
    }

    @Test
    void aHostThatTurnsUntrustedBetweenPlacementAndStartGetsNothing() {
        attest();
        org.trustpool.vdsbroker.HostAgentClient goodAgent = f.agentFor(good);
        Vm vm = trustedVm(VMStatus.Down, null);
        // re-attestation turns "good" untrusted after RunVm chose it and before it starts the VM
        CommandExecutor racing = new CommandExecutor(new CommandRegistry(), f.context, new TransactionRunner() {
            @Override public <T> T inNewTransaction(java.util.function.Supplier<T> work) {
                f.trustCache.put(new org.trustpool.common.businessentities.HostTrust(good.getId(), TrustLevel.UNTRUSTED,
                        f.clock.instant(), "PCR 19 changed", f.clock.instant()), 60);
                return work.get();
            }
        }, f.locks);
        ActionReturnValue rv = racing.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), null));
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_HOST_TRUST_CHANGED, rv.getFault().message());
        assertTrue(rv.getMessageTexts().get(0).contains("Host good stopped being a trusted, Up host while the VM was placed (UNTRUSTED: PCR 19 changed"),
                rv.getMessageTexts().toString());
        verify(goodAgent, never()).createVm(any(), any(), anyInt(), anyInt());
    }
}
