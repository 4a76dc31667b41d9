package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.bll.update.UpdatableFields;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.VmManagementParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.AuditLogSeverity;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;

/**
 * One rule wherever a trusted cluster's VM or template lands in a cluster that is not trusted (Edit VM,
 * New VM from a template, import: ExportImportTest): asked with the same words, done only when confirmed,
 * and the confirmed move audited as a warning under oVirt's name; the question itself is not an event.
 */
class TrustMoveTest {
    private final Fixtures f = new Fixtures();
    private final Cluster secure = f.trustedCluster("secure");
    private final Cluster secure2 = f.cluster("secure2");
    private final Cluster plain = f.cluster("plain");
    private Vm vm;

    @BeforeEach
    void setUp() {
        secure2.setTrustedService(true);
        vm = f.vm("secret", secure, VMStatus.Down, null);
        when(f.vmTemplateDao.get(VmTemplate.BLANK_TEMPLATE_ID)).thenReturn(new VmTemplate());
    }

    private VmManagementParameters moveTo(Cluster target) {
        VmStatic base = UpdatableFields.copy(vm.getStaticData());
        VmStatic requested = UpdatableFields.copy(base);
        requested.setClusterId(target.getId());
        return byUser1(new VmManagementParameters(requested).namingFields(base, Set.of("cluster")));
    }

    private static VmManagementParameters byUser1(VmManagementParameters parameters) {
        parameters.setUserName("user1");
        return parameters;
    }

    @Test
    void editingATrustedClustersVmIntoAPlainClusterAsksAndLogsNothing() {
        ActionReturnValue asked = f.executor.runAction(ActionType.UpdateVm, moveTo(plain));
        assertFalse(asked.isValid());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_WOULD_LOSE_TRUST, asked.getValidationMessages().get(0).getMessage());
        assertEquals(EngineMessage.Kind.CONFLICT, EngineMessage.ACTION_TYPE_FAILED_WOULD_LOSE_TRUST.getKind(), "409, as for import");
        assertEquals("Cannot update VM. VM secret is in trusted cluster secure, and cluster plain is not trusted:"
                + " there it would run on any host of that cluster, attested or not."
                + " Choose a trusted cluster, or confirm (force=true) to update it anyway.", asked.getMessageTexts().get(0));
        verify(f.vmStaticDao, never()).update(any());
        verify(f.auditLogDao, never()).save(any());
    }

    @Test
    void theConfirmedMoveIsDoneAndAuditedAsOvirtsWarning() {
        vm.getStaticData().setTrustedHostFlag(true);
        ActionReturnValue moved = f.executor.runAction(ActionType.UpdateVm, moveTo(plain).confirmingTrustLoss(true));
        assertTrue(moved.getSucceeded(), moved.getMessageTexts().toString());
        ArgumentCaptor<VmStatic> written = ArgumentCaptor.forClass(VmStatic.class);
        verify(f.vmStaticDao).update(written.capture());
        assertEquals(plain.getId(), written.getValue().getClusterId());
        AuditLog entry = onlyAuditEntry();
        assertEquals("USER_UPDATE_VM_FROM_TRUSTED_TO_UNTRUSTED", entry.getLogType());
        assertEquals(AuditLogSeverity.WARNING, entry.getSeverity());
        assertEquals(plain.getName(), entry.getClusterName());
        assertEquals("VM secret was moved from trusted cluster secure to cluster plain, which is not trusted; user1 confirmed it:"
                + " it keeps Run on Trusted Host, so it still starts only on hosts that pass attestation, but the cluster no longer"
                + " requires trust.", entry.getMessage());
    }

    @Test
    void movesThatKeepTrustAskNothing() {
        assertTrue(f.executor.runAction(ActionType.UpdateVm, moveTo(secure2)).getSucceeded());
        Vm plainVm = f.vm("ordinary", plain, VMStatus.Down, null);
        VmStatic base = UpdatableFields.copy(plainVm.getStaticData());
        VmStatic requested = UpdatableFields.copy(base);
        requested.setClusterId(secure.getId());
        assertTrue(f.executor.runAction(ActionType.UpdateVm, new VmManagementParameters(requested).namingFields(base, Set.of("cluster")))
                .getSucceeded());
        VmStatic memoryOnly = UpdatableFields.copy(vm.getStaticData());
        memoryOnly.setMemSizeMb(2048);
        assertTrue(f.executor.runAction(ActionType.UpdateVm,
                new VmManagementParameters(memoryOnly).namingFields(vm.getStaticData(), Set.of("memory"))).getSucceeded());
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(audit.capture());
        assertTrue(audit.getAllValues().stream().allMatch(a -> a.getLogType().equals("USER_UPDATE_VM")), audit.getAllValues().toString());
    }

    @Test
    void aNewVmFromATrustedClustersTemplateInAPlainClusterFollowsTheSameRule() {
        VmTemplate template = template("golden", secure);
        ActionReturnValue asked = f.executor.runAction(ActionType.AddVm, new VmManagementParameters(newVm("child", plain, template)));
        assertFalse(asked.isValid());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_WOULD_LOSE_TRUST, asked.getValidationMessages().get(0).getMessage());
        assertEquals("Cannot add VM. VM child would be made from template golden of trusted cluster secure, and cluster plain is not"
                + " trusted: it keeps Run on Trusted Host, so it still starts only on hosts that pass attestation, but the cluster no"
                + " longer requires trust. Choose a trusted cluster, or confirm (force=true) to add it anyway.", asked.getMessageTexts().get(0));
        verify(f.vmStaticDao, never()).save(any());
        verify(f.auditLogDao, never()).save(any());

        ActionReturnValue added = f.executor.runAction(ActionType.AddVm,
                byUser1(new VmManagementParameters(newVm("child", plain, template))).confirmingTrustLoss(true));
        assertTrue(added.getSucceeded(), added.getMessageTexts().toString());
        AuditLog entry = onlyAuditEntry();
        assertEquals("USER_ADD_VM_FROM_TRUSTED_TO_UNTRUSTED", entry.getLogType());
        assertEquals(AuditLogSeverity.WARNING, entry.getSeverity());
        assertTrue(entry.getMessage().startsWith("VM child was created by user1 from template golden of trusted cluster secure in cluster plain,"
                + " which is not trusted; user1 confirmed it"), entry.getMessage());
    }

    @Test
    void aNewVmFromATrustedTemplateInATrustedClusterOrFromBlankAsksNothing() {
        VmTemplate template = template("golden", secure);
        assertTrue(f.executor.runAction(ActionType.AddVm, new VmManagementParameters(newVm("child", secure2, template))).getSucceeded());
        VmStatic fromBlank = newVm("ordinary", plain, null);
        assertTrue(f.executor.runAction(ActionType.AddVm, new VmManagementParameters(fromBlank)).getSucceeded());
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(audit.capture());
        assertEquals(List.of("USER_ADD_VM", "USER_ADD_VM"), audit.getAllValues().stream().map(AuditLog::getLogType).toList());
    }

    private AuditLog onlyAuditEntry() {
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao).save(audit.capture());
        assertEquals(1, mockingDetails(f.auditLogDao).getInvocations().size());
        return audit.getValue();
    }

    private VmStatic newVm(String name, Cluster cluster, VmTemplate template) {
        VmStatic vm = new VmStatic();
        vm.setName(name);
        vm.setClusterId(cluster.getId());
        vm.setMemSizeMb(1024);
        vm.setNumOfCpus(1);
        vm.setTemplateId(template == null ? null : template.getId());
        vm.setTrustedHostFlag(template != null && template.isTrustedHostFlag());
        return vm;
    }

    private VmTemplate template(String name, Cluster cluster) {
        VmTemplate template = new VmTemplate();
        template.setId(UUID.randomUUID());
        template.setName(name);
        template.setClusterId(cluster.getId());
        template.setClusterName(cluster.getName());
        template.setTrustedHostFlag(true);
        template.setCreationDate(Instant.parse("2026-01-02T03:04:05Z"));
        when(f.vmTemplateDao.get(template.getId())).thenReturn(template);
        return template;
    }
}
