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
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.trustpool.common.action.ActionReturnValue;
import org.trustpool.common.action.ActionType;
import org.trustpool.common.action.ExportParameters;
import org.trustpool.common.action.IdParameters;
import org.trustpool.common.action.ImportParameters;
import org.trustpool.common.businessentities.AuditLog;
import org.trustpool.common.businessentities.AuditLogSeverity;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.trustpool.common.errors.EngineMessage;

/** Export VMs and templates to the export directory and import them back, with the trust properties kept or the loss confirmed. */
class ExportImportTest {
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
        ActionReturnValue exported = f.executor.runAction(ActionType.ExportVm, new ExportParameters(vm.getId(), false));
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
        ActionReturnValue refused = f.executor.runAction(ActionType.ImportVm, new ImportParameters(vm.getId(), plain.getId(), false));
        assertFalse(refused.isValid());
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_WOULD_LOSE_TRUST, refused.getValidationMessages().get(0).getMessage());
        // the VM keeps its TrustedHostFlag: the question says it still starts only on attested hosts
        assertTrue(refused.getMessageTexts().get(0).contains("VM secret was exported from a trusted cluster (TrustedService), and cluster plain"
                + " is not trusted: it keeps Run on Trusted Host, so it still starts only on hosts that pass attestation"), refused.getMessageTexts().toString());
        verify(f.vmStaticDao, never()).save(any());
        // the question changed nothing and is no event: no error entry for a check that only asked
        ArgumentCaptor<AuditLog> asked = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(asked.capture()); // the export's entry
        assertTrue(asked.getAllValues().stream().noneMatch(a -> a.getLogType().startsWith("USER_IMPORT_VM")
                || a.getSeverity() == AuditLogSeverity.ERROR), asked.getAllValues().toString());

        ActionReturnValue confirmed = f.executor.runAction(ActionType.ImportVm, new ImportParameters(vm.getId(), plain.getId(), true));
        assertTrue(confirmed.getSucceeded(), confirmed.getMessageTexts().toString());
        ArgumentCaptor<VmStatic> saved = ArgumentCaptor.forClass(VmStatic.class);
        verify(f.vmStaticDao).save(saved.capture());
        assertTrue(saved.getValue().isTrustedHostFlag(), "TrustedHostFlag always travels");
        assertEquals(plain.getId(), saved.getValue().getClusterId());
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(audit.capture());
        // the decision is the warning, under oVirt's name
        assertTrue(audit.getAllValues().stream().anyMatch(a -> a.getLogType().equals("IMPORTEXPORT_IMPORT_VM_FROM_TRUSTED_TO_UNTRUSTED")
                && a.getSeverity() == AuditLogSeverity.WARNING
                && a.getMessage().contains("confirmed importing it into this cluster, which is not trusted")), audit.getAllValues().toString());
    }

    @Test
    void importIntoATrustedClusterNeedsNoConfirmationAndUnknownExportsAreNotFound() {
        assertTrue(f.executor.runAction(ActionType.ImportVm, new ImportParameters(vm.getId(), trusted.getId(), false)).getSucceeded());
        ActionReturnValue missing = f.executor.runAction(ActionType.ImportVm, new ImportParameters(UUID.randomUUID(), plain.getId(), true));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_EXPORT_NOT_FOUND, missing.getValidationMessages().get(0).getMessage());
    }

    @Test
    void aBrokenOvfGivesAClearErrorAndCreatesNothing() throws Exception {
        Files.writeString(exportDir.resolve("master/vms/" + vm.getId() + "/" + vm.getId() + ".ovf"),
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");
        ActionReturnValue rv = f.executor.runAction(ActionType.ImportVm, new ImportParameters(vm.getId(), trusted.getId(), true));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_OVF_INVALID, rv.getValidationMessages().get(0).getMessage());
        assertFalse(rv.getMessageTexts().get(0).contains("root:"));
        verify(f.vmStaticDao, never()).save(any());
    }

    @Test
    void aSecondExportIsRefusedUnlessItMayReplaceTheFirst() throws Exception {
        Path ovf = exportDir.resolve("master/vms/" + vm.getId() + "/" + vm.getId() + ".ovf");
        vm.getStaticData().setDescription("changed since");
        ActionReturnValue again = f.executor.runAction(ActionType.ExportVm, new ExportParameters(vm.getId(), false));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_ALREADY_EXPORTED, again.getValidationMessages().get(0).getMessage());
        assertFalse(Files.readString(ovf).contains("changed since"), "the first export is kept");

        ActionReturnValue replaced = f.executor.runAction(ActionType.ExportVm, new ExportParameters(vm.getId(), true));
        assertTrue(replaced.getSucceeded(), replaced.getMessageTexts().toString());
        assertTrue(Files.readString(ovf).contains("changed since"));
    }

    @Test
    void aRunningVmIsNotExported() {
        Vm running = f.vm("busy", plain, VMStatus.Up, f.host("h1", plain, org.trustpool.common.businessentities.VDSStatus.Up, 8192, 0));
        ActionReturnValue refused = f.executor.runAction(ActionType.ExportVm, new ExportParameters(running.getId(), false));
        assertFalse(refused.isValid());
        assertFalse(Files.exists(exportDir.resolve("master/vms/" + running.getId())));
    }

    @Test
    void aTemplateTravelsWithItsTrustAndTheSameConfirmationRule() throws Exception {
        VmTemplate template = template("golden", trusted);
        ActionReturnValue exported = f.executor.runAction(ActionType.ExportVmTemplate, new ExportParameters(template.getId(), false));
        assertTrue(exported.getSucceeded(), exported.getMessageTexts().toString());
        String text = Files.readString(exportDir.resolve("master/templates/" + template.getId() + "/" + template.getId() + ".ovf"));
        assertTrue(text.contains("TrustedService>true<") && text.contains("TrustedHostFlag>true<"), text);

        when(f.vmTemplateDao.get(template.getId())).thenReturn(null); // removed since, or another setup
        when(f.vmTemplateDao.getByName("golden")).thenReturn(null);
        ActionReturnValue refused = f.executor.runAction(ActionType.ImportVmTemplate, new ImportParameters(template.getId(), plain.getId(), false));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_WOULD_LOSE_TRUST, refused.getValidationMessages().get(0).getMessage());
        assertTrue(refused.getMessageTexts().get(0).startsWith("Cannot import Template. Template golden was exported from a trusted cluster"),
                refused.getMessageTexts().toString());
        verify(f.vmTemplateDao, never()).save(any());

        ActionReturnValue confirmed = f.executor.runAction(ActionType.ImportVmTemplate, new ImportParameters(template.getId(), plain.getId(), true));
        assertTrue(confirmed.getSucceeded(), confirmed.getMessageTexts().toString());
        ArgumentCaptor<VmTemplate> saved = ArgumentCaptor.forClass(VmTemplate.class);
        verify(f.vmTemplateDao).save(saved.capture());
        assertEquals(template.getId(), saved.getValue().getId());
        assertEquals("golden", saved.getValue().getName());
        assertEquals(plain.getId(), saved.getValue().getClusterId());
        assertEquals(2, saved.getValue().getNumOfCpus());
        assertEquals(2048, saved.getValue().getMemSizeMb());
        assertTrue(saved.getValue().isTrustedHostFlag(), "TrustedHostFlag always travels");
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(audit.capture());
        assertTrue(audit.getAllValues().stream().anyMatch(a -> a.getLogType().equals("IMPORTEXPORT_IMPORT_TEMPLATE_FROM_TRUSTED_TO_UNTRUSTED")
                && a.getSeverity() == AuditLogSeverity.WARNING
                && a.getMessage().contains("Template golden was imported into cluster plain")
                && a.getMessage().contains("confirmed importing it into this cluster, which is not trusted")), audit.getAllValues().toString());
    }

    @Test
    void aTemplateWhoseIdOrNameIsTakenIsNotImportedAndBlankIsNotExported() {
        VmTemplate template = template("golden", trusted);
        assertTrue(f.executor.runAction(ActionType.ExportVmTemplate, new ExportParameters(template.getId(), false)).getSucceeded());
        ActionReturnValue taken = f.executor.runAction(ActionType.ImportVmTemplate, new ImportParameters(template.getId(), trusted.getId(), false));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_TEMPLATE_ID_ALREADY_USED, taken.getValidationMessages().get(0).getMessage());

        VmTemplate blank = new VmTemplate();
        blank.setId(VmTemplate.BLANK_TEMPLATE_ID);
        blank.setName("Blank");
        when(f.vmTemplateDao.get(blank.getId())).thenReturn(blank);
        ActionReturnValue refused = f.executor.runAction(ActionType.ExportVmTemplate, new ExportParameters(blank.getId(), true));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_CANNOT_EXPORT_BLANK_TEMPLATE, refused.getValidationMessages().get(0).getMessage());
        verify(f.vmTemplateDao, never()).save(any());
    }

    @Test
    void removingAnExportDeletesItsFileAndIsAudited() {
        Path dir = exportDir.resolve("master/vms/" + vm.getId());
        ActionReturnValue removed = f.executor.runAction(ActionType.RemoveExportedVm, new IdParameters(vm.getId()));
        assertTrue(removed.getSucceeded(), removed.getMessageTexts().toString());
        assertFalse(Files.exists(dir));
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(audit.capture());
        assertTrue(audit.getAllValues().stream().anyMatch(a -> a.getMessage().contains("VM secret was removed from the export directory")),
                audit.getAllValues().toString());
        ActionReturnValue again = f.executor.runAction(ActionType.RemoveExportedVm, new IdParameters(vm.getId()));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_EXPORT_NOT_FOUND, again.getValidationMessages().get(0).getMessage());
    }

    private VmTemplate template(String name, Cluster cluster) {
        VmTemplate template = new VmTemplate();
        template.setId(UUID.randomUUID());
        template.setName(name);
        template.setClusterId(cluster.getId());
        template.setClusterName(cluster.getName());
        template.setNumOfCpus(2);
        template.setMemSizeMb(2048);
        template.setTrustedHostFlag(true);
        template.setCreationDate(Instant.parse("2026-01-02T03:04:05Z"));
        when(f.vmTemplateDao.get(template.getId())).thenReturn(template);
        when(f.vmTemplateDao.getByName(name)).thenReturn(template);
        return template;
    }

    @Test
    void theIdInTheDirectoryWinsOverTheIdInsideTheFile() throws Exception {
        VmTemplate template = template("golden", trusted);
        assertTrue(f.executor.runAction(ActionType.ExportVmTemplate, new ExportParameters(template.getId(), false)).getSucceeded());
        Path file = exportDir.resolve("master/templates/" + template.getId() + "/" + template.getId() + ".ovf");
        UUID other = UUID.randomUUID(); // e.g. the id of a template that exists here, planted in the file
        Files.writeString(file, Files.readString(file).replace(template.getId().toString(), other.toString()));
        when(f.vmTemplateDao.get(template.getId())).thenReturn(null);
        when(f.vmTemplateDao.getByName("golden")).thenReturn(null);
        ActionReturnValue imported = f.executor.runAction(ActionType.ImportVmTemplate, new ImportParameters(template.getId(), trusted.getId(), false));
        assertTrue(imported.getSucceeded(), imported.getMessageTexts().toString());
        ArgumentCaptor<VmTemplate> saved = ArgumentCaptor.forClass(VmTemplate.class);
        verify(f.vmTemplateDao).save(saved.capture());
        assertEquals(template.getId(), saved.getValue().getId(), "listed and asked for by the directory's id");
    }

    @Test
    void aSymbolicLinkWhereAnExportBelongsIsNeitherReadNorListedNorRemoved() throws Exception {
        Path secret = Files.writeString(exportDir.resolve("outside.ovf"), Files.readString(
                exportDir.resolve("master/vms/" + vm.getId() + "/" + vm.getId() + ".ovf")));
        UUID planted = UUID.randomUUID();
        Path dir = Files.createDirectories(exportDir.resolve("master/vms/" + planted));
        Files.createSymbolicLink(dir.resolve(planted + ".ovf"), secret);
        ActionReturnValue imported = f.executor.runAction(ActionType.ImportVm, new ImportParameters(planted, trusted.getId(), false));
        assertEquals(EngineMessage.ACTION_TYPE_FAILED_EXPORT_NOT_FOUND, imported.getValidationMessages().get(0).getMessage());
        assertFalse(f.context.exportDirectory().exportedIds(org.trustpool.bll.ovf.ExportDirectory.Kind.VM).contains(planted));
        ActionReturnValue removed = f.executor.runAction(ActionType.RemoveExportedVm, new IdParameters(planted));
        assertFalse(removed.getSucceeded());
        assertTrue(Files.exists(secret), "the file the link points at is untouched");
        verify(f.vmStaticDao, never()).save(any());
    }

    @Test
    void theImportAuditEntrySaysWhatTheOvfClaimedAboutTrust() {
        ActionReturnValue imported = f.executor.runAction(ActionType.ImportVm, new ImportParameters(vm.getId(), trusted.getId(), false));
        assertTrue(imported.getSucceeded(), imported.getMessageTexts().toString());
        ArgumentCaptor<AuditLog> audit = ArgumentCaptor.forClass(AuditLog.class);
        verify(f.auditLogDao, atLeastOnce()).save(audit.capture());
        assertTrue(audit.getAllValues().stream().anyMatch(a -> a.getLogType().equals("USER_IMPORT_VM")
                && a.getMessage().endsWith("Its OVF said TrustedService=true, TrustedHostFlag=true.")), audit.getAllValues().toString());
    }

    /** The hostile cases, each lying in the export directory where a VM's and a template's OVF belong. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> hostileFiles() {
        String envelope = "<ovf:Envelope xmlns:ovf=\"http://schemas.dmtf.org/ovf/envelope/1/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + "<Content ovf:id=\"out\" xsi:type=\"ovf:VirtualSystem_Type\">";
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY l0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]>").append(envelope).append("<Name>&l9;</Name></Content></ovf:Envelope>");
        byte[] oversized = new byte[org.trustpool.bll.ovf.SafeXml.MAX_BYTES + 1];
        java.util.Arrays.fill(oversized, (byte) ' ');
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("XXE reading a local file", ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                        + envelope + "<Name>&e;</Name></Content></ovf:Envelope>").getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                org.junit.jupiter.params.provider.Arguments.of("billion laughs", laughs.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                org.junit.jupiter.params.provider.Arguments.of("oversized", oversized),
                org.junit.jupiter.params.provider.Arguments.of("truncated", (envelope + "<Name>half").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("hostileFiles")
    void aHostileFileIsRefusedWithAClearErrorAndNothingIsCreated(String what, byte[] content) throws Exception {
        UUID id = UUID.randomUUID();
        for (String kind : new String[] {"vms", "templates"}) {
            Path file = Files.createDirectories(exportDir.resolve("master/" + kind + "/" + id)).resolve(id + ".ovf");
            Files.write(file, content);
        }
        ActionReturnValue vmImport = f.executor.runAction(ActionType.ImportVm, new ImportParameters(id, trusted.getId(), true));
        ActionReturnValue templateImport = f.executor.runAction(ActionType.ImportVmTemplate, new ImportParameters(id, trusted.getId(), true));
        for (ActionReturnValue rv : List.of(vmImport, templateImport)) {
            assertFalse(rv.getSucceeded(), what);
            assertEquals(EngineMessage.ACTION_TYPE_FAILED_OVF_INVALID, rv.getValidationMessages().get(0).getMessage(), what);
            assertTrue(rv.getMessageTexts().get(0).contains("The exported OVF cannot be used"), rv.getMessageTexts().toString());
            assertFalse(rv.getMessageTexts().get(0).contains("root:"), what);
        }
        verify(f.vmStaticDao, never()).save(any());
        verify(f.vmDynamicDao, never()).save(any());
        verify(f.vmTemplateDao, never()).save(any());
    }
}
