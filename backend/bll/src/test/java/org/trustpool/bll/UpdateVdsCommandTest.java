package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.UpdateVdsParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VdsStatic;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.errors.EngineMessage;

/** Edit Host: what may change when, uniqueness, and that trust follows the host's new identity. */
class UpdateVdsCommandTest {
    private final Fixtures f = new Fixtures();
    private final Cluster plain = f.cluster("Default");
    private final Cluster trusted = f.trustedCluster("Trusted");

    private ActionReturnValue update(Vds host, String name, String address, Integer port, UUID clusterId) {
        return f.executor.runAction(ActionType.UpdateVds, new UpdateVdsParameters(host.getId(), name, address, port, clusterId, null));
    }

    /** The first validation message of a refused command. */
    private static EngineMessage refusal(ActionReturnValue rv) {
        assertFalse(rv.isValid(), "expected a refusal, got " + rv.getMessageTexts());
        return rv.getValidationMessages().get(0).getMessage();
    }

    private VdsStatic saved() {
        ArgumentCaptor<VdsStatic> saved = ArgumentCaptor.forClass(VdsStatic.class);
        verify(f.vdsStaticDao).update(saved.capture());
        return saved.getValue();
    }

    private List<AuditLog> audit() {
        ArgumentCaptor<AuditLog> entries = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(entries.capture());
        return entries.getAllValues();
    }

    @Test
    void onlyTheNamedFieldsChangeAndTheEditIsAudited() {
        Vds host = f.host("host-01", plain, VDSStatus.Maintenance, 8192, 0);
        int port = host.getStaticData().getPort();
        ActionReturnValue rv = update(host, "host-01b", null, null, null);
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        VdsStatic v = saved();
        assertEquals("host-01b", v.getName());
        assertEquals("127.0.0.1", v.getHostName());
        assertEquals(port, v.getPort());
        assertEquals(plain.getId(), v.getClusterId());
        AuditLog entry = audit().get(0);
        assertEquals("USER_UPDATE_VDS", entry.getLogType());
        assertTrue(entry.getMessage().contains("name from host-01 to host-01b"), entry.getMessage());
    }

    @Test
    void nameAddressAndClusterChangeOnlyInMaintenanceAndNothingIsWrittenOtherwise() {
        Vds host = f.host("host-02", plain, VDSStatus.Up, 8192, 0);
        ActionReturnValue rv = update(host, null, "10.0.0.7", null, trusted.getId());
        assertFalse(rv.getSucceeded());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VDS_EDIT_NEEDS_MAINTENANCE, refusal(rv));
        assertTrue(rv.getMessageTexts().get(0).contains("address and cluster"), rv.getMessageTexts().toString());
        verify(f.vdsStaticDao, never()).update(any());
    }

    @Test
    void aCommentChangesInAnyStatus() {
        Vds host = f.host("host-03", plain, VDSStatus.Up, 8192, 0);
        ActionReturnValue rv = f.executor.runAction(ActionType.UpdateVds,
                new UpdateVdsParameters(host.getId(), null, null, null, null, "rack 4"));
        assertTrue(rv.getSucceeded(), rv.getMessageTexts().toString());
        assertEquals("rack 4", saved().getComment());
    }

    @Test
    void theNameAndTheAddressMustStayUnique() {
        Vds host = f.host("host-04", plain, VDSStatus.Maintenance, 8192, 0);
        VdsStatic other = new VdsStatic();
        other.setId(UUID.randomUUID());
        other.setName("host-05");
        when(f.vdsStaticDao.getByName("host-05")).thenReturn(other);
        when(f.vdsStaticDao.getByHostNameAndPort("10.0.0.5", 54321)).thenReturn(other);
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VDS_NAME_ALREADY_USED, refusal(update(host, "host-05", null, null, null)));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VDS_ADDRESS_ALREADY_USED,
                refusal(update(host, null, "10.0.0.5", 54321, null)));
        // its own name is no conflict
        when(f.vdsStaticDao.getByName("host-04")).thenReturn(host.getStaticData());
        assertTrue(update(host, "host-04", null, 6000, null).getSucceeded());
        verify(f.vdsStaticDao).update(any());
    }

    @Test
    void badInputIsRefusedWithNothingChanged() {
        Vds host = f.host("host-06", plain, VDSStatus.Maintenance, 8192, 0);
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VDS_ADDRESS_INVALID, refusal(update(host, null, "evil/host@x", null, null)));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VDS_PORT_INVALID, refusal(update(host, null, null, 70000, null)));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_CLUSTER_NOT_FOUND, refusal(update(host, null, null, null, UUID.randomUUID())));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VDS_NOT_FOUND,
                refusal(f.executor.runAction(ActionType.UpdateVds, new UpdateVdsParameters(UUID.randomUUID(), "x", null, null, null, null))));
        verify(f.vdsStaticDao, never()).update(any());
    }

    @Test
    void aHostWithVmsPinnedToItCannotLeaveTheirCluster() {
        Vds host = f.host("host-07", plain, VDSStatus.Maintenance, 8192, 0);
        Vm pinned = f.vm("db", plain, VMStatus.Down, null);
        pinned.getStaticData().setDedicatedVmForVds(host.getId());
        when(f.vmDao.getAllForCluster(plain.getId())).thenReturn(List.of(pinned));
        ActionReturnValue rv = update(host, null, null, null, trusted.getId());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_VDS_HAS_PINNED_VMS, refusal(rv));
        assertTrue(rv.getMessageTexts().get(0).contains("db"), rv.getMessageTexts().toString());
    }

    /**
     * The feature page's first case: a host is added into a trusted cluster. Its verdict from before the move
     * is forgotten, so activating it attests it afresh: a tampered host stays out with the verdict.
     */
    @Test
    void movingAHostIntoATrustedClusterForgetsItsVerdictAndActivationAttestsItAfresh() {
        Vds host = f.host("host-08", plain, VDSStatus.Maintenance, 8192, 0);
        f.attestation.put("host-08", TrustLevel.TRUSTED);
        f.broker.attestNow(host.getId());
        assertNotNull(f.trustCache.get(host.getId()));

        assertTrue(update(host, null, null, null, trusted.getId()).getSucceeded());
        assertNull(f.trustCache.get(host.getId()), "the verdict about the host before the move is gone");
        verify(f.vdsTrustDao).remove(host.getId());
        verify(f.vdsManagers).refreshSoon(host.getId());

        // now it is in the trusted cluster, and its TPM says its boot chain changed
        host.getStaticData().setClusterId(trusted.getId());
        f.attestation.put("host-08", TrustLevel.UNTRUSTED);
        ActionReturnValue activate = f.executor.runAction(ActionType.ActivateVds, new IdParameters(host.getId()));
        assertFalse(activate.getSucceeded());
        assertEquals(EngineMessage.VDS_NOT_TRUSTED, activate.getFault().message());
        verify(f.vdsManagers, never()).activate(any(), any());
    }

    @Test
    void aCommentOnlyEditKeepsTheVerdict() {
        Vds host = f.host("host-09", trusted, VDSStatus.Up, 8192, 0);
        f.attestation.put("host-09", TrustLevel.TRUSTED);
        f.broker.attestNow(host.getId());
        assertTrue(f.executor.runAction(ActionType.UpdateVds,
                new UpdateVdsParameters(host.getId(), null, null, null, null, "new disks")).getSucceeded());
        assertNotNull(f.trustCache.get(host.getId()));
        verify(f.vdsTrustDao, never()).remove(any());
    }
}
