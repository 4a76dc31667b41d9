package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
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
import org.trustpool.common.action.ClusterOperationParameters;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.RunVmParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.StoragePool;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.errors.EngineMessage;
import org.trustpool.vdsbroker.HostAgentClient;

/** Cluster-level trust: placement, hosts coming up, re-attestation, outages. */
class TrustedClusterTest {
    private final Fixtures f = new Fixtures();
    private final Cluster cluster = f.trustedCluster("secure");

    private List<String> auditTypes() {
        ArgumentCaptor<AuditLog> entries = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(entries.capture());
        return entries.getAllValues().stream().map(AuditLog::getLogType).toList();
    }

    @Test
    void aVmInATrustedClusterAlwaysLandsOnTheTrustedHost() {
        Vds good = f.host("good", cluster, VDSStatus.Up, 8192, 4000);
        Vds bad = f.host("bad", cluster, VDSStatus.Up, 65536, 0); // emptier: it would win without the trust filter
        when(f.vdsDao.getAll()).thenReturn(List.of(good, bad));
        f.attestation.put("good", TrustLevel.TRUSTED);
        f.attestation.put("bad", TrustLevel.UNTRUSTED);
        f.agentFor(good);
        HostAgentClient badAgent = f.agentFor(bad);
        f.broker.refreshAll();
        Vm vm = f.vm("secret", cluster, VMStatus.Down, null);
        for (int i = 0; i < 10; i++) {
            vm.getDynamicData().setStatus(VMStatus.Down);
            ActionReturnValue rv = f.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), null));
            assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
            assertEquals(good.getId(), vm.getRunOnVds());
        }
        verify(badAgent, never()).createVm(any(), anyString(), anyInt(), anyInt());
    }

    @Test
    void withoutATrustedHostTheRunIsRefusedWithTheReasonAndAnAuditEntry() {
        Vds bad = f.host("bad", cluster, VDSStatus.Up, 65536, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(bad));
        f.attestation.put("bad", TrustLevel.UNTRUSTED);
        f.broker.refreshAll();
        Vm vm = f.vm("secret", cluster, VMStatus.Down, null);
        ActionReturnValue rv = f.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), null));
        assertFalse(rv.isValid());
        assertTrue(rv.getMessageTexts().get(0).startsWith("Cannot run VM. No trusted host is available in cluster secure: host bad is untrusted (PCR 19 differs)."), rv.getMessageTexts().toString());
        assertTrue(auditTypes().contains("USER_RUN_VM_ON_NON_TRUSTED_HOST_DENIED"));
    }

    @Test
    void noVerdictYetMeansNoPlacementFailClosed() {
        Vds host = f.host("fresh", cluster, VDSStatus.Up, 65536, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(host));
        f.attestationDown = true;
        Vm vm = f.vm("secret", cluster, VMStatus.Down, null);
        ActionReturnValue rv = f.executor.runAction(ActionType.RunVm, new RunVmParameters(vm.getId(), null));
        assertFalse(rv.isValid(), "an unreachable attestation service is not a yes");
        assertTrue(rv.getMessageTexts().get(0).contains("No trusted host is available in cluster secure: host fresh is not attested (attestation service unavailable"),
                rv.getMessageTexts().toString());
    }

    @Test
    void aHostComingUpUntrustedGoesNonOperationalWithTheVerdictInTheAuditLog() {
        Vds host = f.host("tampered", cluster, VDSStatus.Initializing, 8192, 0);
        f.attestation.put("tampered", TrustLevel.UNTRUSTED);
        ActionReturnValue rv = f.executor.runAction(ActionType.InitVdsOnUp, new IdParameters(host.getId()));
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        verify(f.vdsDynamicDao).compareAndSetStatusAndReasons(eq(host.getId()), any(), eq(VDSStatus.NonOperational), eq(NonOperationalReason.UNTRUSTED));
        verify(f.vdsDynamicDao, never()).compareAndSetStatusAndReasons(eq(host.getId()), any(), eq(VDSStatus.Up), eq(NonOperationalReason.NONE));
        ArgumentCaptor<AuditLog> entries = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(entries.capture());
        AuditLog untrusted = entries.getAllValues().stream().filter(e -> e.getLogType().equals("VDS_UNTRUSTED")).findFirst().orElseThrow();
        assertEquals("UNTRUSTED", untrusted.getCustomValues().get("TrustLevel"));
        assertTrue(untrusted.getMessage().contains("PCR 19 differs"), untrusted.getMessage());
        assertFalse(auditTypes().contains("VDS_DETECTED"));
    }

    @Test
    void aTrustedHostComesUpAndPlainClustersNeverAsk() {
        Vds host = f.host("good", cluster, VDSStatus.Initializing, 8192, 0);
        f.attestation.put("good", TrustLevel.TRUSTED);
        assertTrue(f.executor.runAction(ActionType.InitVdsOnUp, new IdParameters(host.getId())).getSucceeded());
        verify(f.vdsDynamicDao).compareAndSetStatusAndReasons(eq(host.getId()), any(), eq(VDSStatus.Up), eq(NonOperationalReason.NONE));
        int asked = f.pollRequests.get();
        Cluster plain = f.cluster("plain");
        Vds other = f.host("other", plain, VDSStatus.Initializing, 8192, 0);
        assertTrue(f.executor.runAction(ActionType.InitVdsOnUp, new IdParameters(other.getId())).getSucceeded());
        assertEquals(asked, f.pollRequests.get(), "a host of a plain cluster is not attested");
    }

    @Test
    void reattestationTakesAChangedHostOutOfServiceAndAnOutageChangesNothing() throws Exception {
        Vds host = f.host("h1", cluster, VDSStatus.Up, 8192, 0);
        TrustMonitor monitor = new TrustMonitor(f.broker, f.clusterDao, f.vdsDao, f.vmDao, f.executor, f.vmEvacuator, f.vdsManagers,
                f.context.auditLogDirector(), f.context.config());
        f.attestationDown = true;
        monitor.cycle();
        monitor.cycle();
        verify(f.vdsDynamicDao, never()).compareAndSetStatusAndReasons(any(), any(), eq(VDSStatus.NonOperational), any());
        assertEquals(1, auditTypes().stream().filter("ATTESTATION_SERVICE_UNREACHABLE"::equals).count(), "one alert per outage");
        f.attestationDown = false;
        f.attestation.put("h1", TrustLevel.UNTRUSTED);
        monitor.cycle();
        verify(f.vdsDynamicDao, times(1)).compareAndSetStatusAndReasons(eq(host.getId()), any(), eq(VDSStatus.NonOperational), eq(NonOperationalReason.UNTRUSTED));
        assertTrue(auditTypes().contains("ATTESTATION_SERVICE_RECOVERED"));
        verify(f.vmEvacuator).migrateAllVms(eq(host.getId()), any());
    }

    @Test
    void trustedServiceNeedsAnAttestationServer() {
        Cluster c = new Cluster();
        c.setName("wants-trust");
        c.setCompatibilityVersion("4.7");
        c.setStoragePoolId(java.util.UUID.randomUUID());
        c.setTrustedService(true);
        when(f.storagePoolDao.get(c.getStoragePoolId())).thenReturn(new StoragePool());
        ActionReturnValue rv = f.executor.runAction(ActionType.AddCluster, new ClusterOperationParameters(c));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_ATTESTATION_SERVER_NOT_CONFIGURED, rv.getValidationMessages().get(0).getMessage());
        when(f.vdcOptionDao.get("AttestationServer")).thenReturn(new org.trustpool.common.businessentities.VdcOption("AttestationServer", "att.example.com"));
        assertTrue(f.executor.runAction(ActionType.AddCluster, new ClusterOperationParameters(c)).getSucceeded());
    }

    @Test
    void activatingAnUntrustedHostFailsWithTheVerdict() {
        Vds host = f.host("tampered", cluster, VDSStatus.NonOperational, 8192, 0);
        f.attestation.put("tampered", TrustLevel.UNTRUSTED);
        ActionReturnValue rv = f.executor.runAction(ActionType.ActivateVds, new IdParameters(host.getId()));
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.VDS_NOT_TRUSTED, rv.getFault().message());
        assertTrue(rv.getMessageTexts().get(0).contains("does not trust host tampered: UNTRUSTED"), rv.getMessageTexts().toString());
        verify(f.vdsManagers, never()).activate(any(), any());
        assertTrue(auditTypes().contains("VDS_ACTIVATE_FAILED"));
        f.attestation.put("tampered", TrustLevel.TRUSTED);
        assertTrue(f.executor.runAction(ActionType.ActivateVds, new IdParameters(host.getId())).getSucceeded());
        verify(f.vdsManagers).activate(host.getId(), VDSStatus.NonOperational);
    }

    @Test
    void aVmLeftOnAnUntrustedNonOperationalHostOfATrustedClusterIsMovedAtTheNextCycle() throws Exception {
        Vds out = f.host("out", cluster, VDSStatus.NonOperational, 8192, 0); // taken out earlier; its VM could not move then
        Vds in = f.host("in", cluster, VDSStatus.Up, 8192, 0);
        f.attestation.put("out", TrustLevel.UNTRUSTED);
        f.attestation.put("in", TrustLevel.TRUSTED);
        Vm stuck = f.vm("stuck", cluster, VMStatus.Up, out);
        Vm fine = f.vm("fine", cluster, VMStatus.Up, in);
        when(f.vmDao.getAll()).thenReturn(List.of(stuck, fine));
        TrustMonitor monitor = new TrustMonitor(f.broker, f.clusterDao, f.vdsDao, f.vmDao, f.executor, f.vmEvacuator, f.vdsManagers,
                f.context.auditLogDirector(), f.context.config());
        monitor.cycle();
        verify(f.vmEvacuator).migrate(eq(List.of(stuck)), any());
        verify(f.vmEvacuator, never()).migrate(eq(List.of(fine)), any());
        assertTrue(auditTypes().contains("VDS_UNTRUSTED_TRUSTED_VMS_MOVED"));
    }
}
