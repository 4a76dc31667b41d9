package org.trustpool.bll.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.bll.Fixtures;
import org.trustpool.common.auditlog.AuditLogType;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmDynamic;
import org.trustpool.vdsbroker.AgentVm;
import org.trustpool.vdsbroker.HostAgentClient;
import org.trustpool.vdsbroker.HostAgentException;
import org.trustpool.vdsbroker.HostStats;

/**
 * A host's report that it runs a VM is a claim, not a fact: it moves the engine's record only when
 * the host may run that VM. A host naming a trusted VM's id gets nothing but an audit entry and its copy destroyed.
 */
class VmClaimTest {
    private final Fixtures f = new Fixtures();
    private final Cluster trusted = f.trustedCluster("trusted");
    private final Cluster plain = f.cluster("plain");

    private VdsManager managerOf(Vds host) {
        return new VdsManager(host.getId(), new MonitoringServices(f.vdsDao, f.vdsDynamicDao, f.vmDao, f.vmDynamicDao, f.hostAgents,
                f.context.auditLogDirector(), f.executor, f.locks, f.context.config(), f.clusterDao, f.broker, f.node));
    }

    private HostAgentClient reporting(Vds host, Vm... vms) {
        HostAgentClient agent = f.agentFor(host);
        when(agent.getStats()).thenReturn(new HostStats(4096, 4096, 10, vms.length));
        when(agent.getVmList()).thenReturn(java.util.Arrays.stream(vms)
                .map(vm -> new AgentVm(vm.getId(), vm.getName(), 1024, 1, "Up")).toList());
        return agent;
    }

    private List<AuditLog> audits() {
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, org.mockito.Mockito.atLeast(0)).save(audit.capture());
        return audit.getAllValues();
    }

    private void neverRecordedOn(Vds host) {
        ArgumentCaptor<VmDynamic> updates = ArgumentCaptor.forClass(VmDynamic.class);
        verify(f.vmDynamicDao, org.mockito.Mockito.atLeast(0)).updateIfUnchanged(updates.capture(), any(), any(), any());
        assertTrue(updates.getAllValues().stream().noneMatch(d -> host.getId().equals(d.getRunOnVds())),
                "the VM was recorded on " + host.getName());
    }

    @Test
    void anUntrustedHostNamingATrustedVmIsRefusedAuditedOnceAndItsCopyDestroyed() {
        Vds intruder = f.host("intruder", trusted, VDSStatus.NonOperational, 8192, 0); // no verdict: not trusted
        Vm secret = f.vm("secret", trusted, VMStatus.Down, null);
        HostAgentClient agent = reporting(intruder, secret);
        VdsManager manager = managerOf(intruder);

        manager.refresh();
        manager.refresh();
        for (int i = 0; i < 4; i++) {
            manager.refresh(); // still claimed: refused again, without a second entry or destroy
        }
        neverRecordedOn(intruder);
        verify(agent, times(1)).destroyVm(secret.getId());
        List<AuditLog> entries = audits();
        assertEquals(1, entries.size());
        assertEquals(AuditLogType.VM_CLAIM_REFUSED_COPY_DESTROYED.name(), entries.get(0).getLogType());
        assertTrue(entries.get(0).getMessage().startsWith("Host intruder reported running VM secret, which it may not run "
                + "(the VM needs a trusted host and the host's verdict is UNKNOWN"), entries.get(0).getMessage());
    }

    @Test
    void aVmMarkedRunOnTrustedHostInAPlainClusterNeedsTrustToo() {
        Vds host = f.host("plain-host", plain, VDSStatus.Up, 8192, 0);
        Vm vm = f.vm("flagged", plain, VMStatus.Down, null);
        vm.getStaticData().setTrustedHostFlag(true);
        HostAgentClient agent = reporting(host, vm);
        doThrow(new HostAgentException("agent gone", null)).when(agent).destroyVm(vm.getId());
        VdsManager manager = managerOf(host);
        manager.refresh();
        manager.refresh();
        neverRecordedOn(host);
        assertEquals(AuditLogType.VM_CLAIM_REFUSED_COPY_DESTROY_FAILED.name(), audits().get(0).getLogType());
        assertTrue(audits().get(0).getMessage().endsWith("could not destroy the copy on plain-host: agent gone"), audits().get(0).getMessage());
    }

    @Test
    void aTrustedHostOfTheVmsClusterMayBeRecordedAsRunningIt() {
        Vds good = f.host("good", trusted, VDSStatus.Up, 8192, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(good));
        f.attestation.put("good", TrustLevel.TRUSTED);
        f.broker.attestNow(good.getId());
        Vm vm = f.vm("found", trusted, VMStatus.Down, null);
        HostAgentClient agent = reporting(good, vm);
        VdsManager manager = managerOf(good);
        manager.refresh();
        manager.refresh();
        verify(agent, never()).destroyVm(any());
        assertEquals(good.getId(), vm.getDynamicData().getRunOnVds());
        assertEquals(VMStatus.Up, vm.getDynamicData().getStatus());
        assertTrue(audits().isEmpty());
    }

    @Test
    void aTrustedHostOfAnotherClusterMayNotClaimAVmOfATrustedCluster() {
        Cluster otherTrusted = f.cluster("other-trusted");
        otherTrusted.setTrustedService(true);
        when(f.clusterDao.getAllTrusted()).thenReturn(List.of(trusted, otherTrusted));
        Vds elsewhere = f.host("elsewhere", otherTrusted, VDSStatus.Up, 8192, 0);
        when(f.vdsDao.getAll()).thenReturn(List.of(elsewhere));
        f.attestation.put("elsewhere", TrustLevel.TRUSTED);
        f.broker.attestNow(elsewhere.getId());
        Vm vm = f.vm("pinned", trusted, VMStatus.Down, null);
        HostAgentClient agent = reporting(elsewhere, vm);
        VdsManager manager = managerOf(elsewhere);
        manager.refresh();
        manager.refresh();
        neverRecordedOn(elsewhere);
        verify(agent).destroyVm(vm.getId());
        assertTrue(audits().get(0).getMessage().contains("the VM belongs to trusted cluster trusted, the host to cluster other-trusted"),
                audits().get(0).getMessage());
    }

    @Test
    void aPlainVmOfAnotherClusterIsNotRecordedButLeftRunning() {
        Cluster other = f.cluster("other");
        Vds host = f.host("host", other, VDSStatus.Up, 8192, 0);
        Vm vm = f.vm("theirs", plain, VMStatus.Down, null);
        HostAgentClient agent = reporting(host, vm);
        VdsManager manager = managerOf(host);
        manager.refresh();
        manager.refresh();
        neverRecordedOn(host);
        verify(agent, never()).destroyVm(any());
        assertEquals(AuditLogType.VM_CLAIM_REFUSED.name(), audits().get(0).getLogType());
    }

    @Test
    void aPlainVmOfTheHostsClusterIsStillAdopted() {
        Vds host = f.host("host", plain, VDSStatus.Up, 8192, 0);
        Vm vm = f.vm("lost", plain, VMStatus.Down, null);
        reporting(host, vm);
        VdsManager manager = managerOf(host);
        manager.refresh();
        assertEquals(null, vm.getDynamicData().getRunOnVds()); // one report alone proves nothing
        manager.refresh();
        assertEquals(host.getId(), vm.getDynamicData().getRunOnVds());
    }

    @Test
    void aVmTheEngineRunsElsewhereNeverMovesToTheHostThatClaimsIt() {
        Vds owner = f.host("owner", trusted, VDSStatus.Up, 8192, 1024);
        Vds intruder = f.host("intruder", plain, VDSStatus.Up, 8192, 0);
        Vm vm = f.vm("busy", trusted, VMStatus.Up, owner);
        vm.setRunOnVdsName("owner");
        HostAgentClient agent = reporting(intruder, vm);
        VdsManager manager = managerOf(intruder);
        manager.refresh();
        manager.refresh();
        neverRecordedOn(intruder);
        assertEquals(owner.getId(), vm.getDynamicData().getRunOnVds());
        verify(agent).destroyVm(vm.getId());
        assertEquals(AuditLogType.VM_STRAY_COPY_DESTROYED.name(), audits().get(0).getLogType());
    }
}
