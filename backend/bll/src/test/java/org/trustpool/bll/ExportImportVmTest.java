package org.trustpool.bll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.ImportVmParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.errors.EngineMessage;

/** Export to the export directory and import back, with the trust properties kept or the loss confirmed. */
class ExportImportVmTest {
    @TempDir
    Path exportDir;

    private final Fixtures f = new Fixtures();
    private final Cluster trusted = f.trustedCluster("secure");
    private final Cluster plain = f.cluster("plain");
    private Vm vm;

    @BeforeEach
    void exportATrustedClustersVm() {
        when(f.vdcOptionDao.get("ExportDomainPath")).thenReturn(new VdcOption("ExportDomainPath", exportDir.toString()));
        vm = f.vm("secret", trusted, VMStatus.Down, null);
        vm.getStaticData().setTrustedHostFlag(true);
        ActionReturnValue exported = f.executor.runAction(ActionType.ExportVm, new IdParameters(vm.getId()));
        assertTrue(exported.getSucceeded(), exported.getMessageTexts().toString());
    }

    @Test
    void theOvfLandsWhereOvirtPutsItWithBothTrustProperties() throws Exception {
        Path ovf = exportDir.resolve("master/vms/" + vm.getId() + "/" + vm.getId() + ".ovf");
        String text = Files.readString(ovf);
        assertTrue(text.contains("TrustedService>true<"), text);
        assertTrue(text.contains("TrustedHostFlag>true<"), text);
    }

    @Test
    void importIntoAnUntrustedClusterIsRefusedUnlessConfirmedAndTheDecisionIsAudited() {
        ActionReturnValue refused = f.executor.runAction(ActionType.ImportVm, new ImportVmParameters(vm.getId(), plain.getId(), false));
        assertFalse(refused.isValid());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_IMPORT_WOULD_LOSE_TRUST, refused.getValidationMessages().get(0).getMessage());
        assertTrue(refused.getMessageTexts().get(0).contains("would run on hosts nobody attested"), refused.getMessageTexts().toString());
        verify(f.vmStaticDao, never()).save(any());

        ActionReturnValue confirmed = f.executor.runAction(ActionType.ImportVm, new ImportVmParameters(vm.getId(), plain.getId(), true));
        assertTrue(confirmed.getSucceeded(), confirmed.getMessageTexts().toString());
        ArgumentCaptor<VmStatic> saved = ArgumentCaptor.forClass(VmStatic.class);
        verify(f.vmStaticDao).save(saved.capture());
        assertTrue(saved.getValue().isTrustedHostFlag(), "TrustedHostFlag always travels");
        assertEquals(plain.getId(), saved.getValue().getClusterId());
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(audit.capture());
        assertTrue(audit.getAllValues().stream().anyMatch(a -> a.getLogType().equals("USER_IMPORT_VM")
                && a.getMessage().contains("confirmed importing it into this cluster, which is not trusted")));
    }

    @Test
    void importIntoATrustedClusterNeedsNoConfirmationAndUnknownExportsAreNotFound() {
        assertTrue(f.executor.runAction(ActionType.ImportVm, new ImportVmParameters(vm.getId(), trusted.getId(), false)).getSucceeded());
        ActionReturnValue missing = f.executor.runAction(ActionType.ImportVm, new ImportVmParameters(UUID.randomUUID(), plain.getId(), true));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_EXPORT_NOT_FOUND, missing.getValidationMessages().get(0).getMessage());
    }

    @Test
    void aBrokenOvfGivesAClearErrorAndCreatesNothing() throws Exception {
        Files.writeString(exportDir.resolve("master/vms/" + vm.getId() + "/" + vm.getId() + ".ovf"),
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
        ActionReturnValue rv = f.executor.runAction(ActionType.ImportVm, new ImportVmParameters(vm.getId(), trusted.getId(), true));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_OVF_INVALID, rv.getValidationMessages().get(0).getMessage());
        assertFalse(rv.getMessageTexts().get(0).contains("root:"));
        verify(f.vmStaticDao, never()).save(any());
    }
}
