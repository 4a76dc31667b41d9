package org.trustpool.bll.ovf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.trustpool.common.businessentities.MigrationSupport;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class OvfRoundTripTest {

    private static final Instant CREATED = Instant.parse("2025-02-03T04:05:06Z");

    private static VmStatic fullVm(boolean trustedHostFlag) {
        VmStatic vm = new VmStatic();
        vm.setId(UUID.randomUUID());
        vm.setName("db-01 <prod> & \"friends\" 'é'");
        vm.setDescription("line one\nline two ]]> <!-- not a comment -->");
        vm.setClusterId(UUID.randomUUID());
        vm.setTemplateId(UUID.randomUUID());
        vm.setMemSizeMb(8192);
        vm.setNumOfCpus(6);
        vm.setOsType("rhel_9x64");
        vm.setDedicatedVmForVds(UUID.randomUUID());
        vm.setMigrationSupport(MigrationSupport.PINNED_TO_HOST);
        vm.setAutoStartup(true);
        vm.setCreationDate(CREATED.plusMillis(789));
        vm.setTrustedHostFlag(trustedHostFlag);
        return vm;
    }

    @ParameterizedTest(name = "trustedHostFlag={0}, trustedCluster={1}")
    @CsvSource({"true,true", "true,false", "false,true", "false,false"})
    void vmRoundTripKeepsEveryFieldAndBothTrustFlags(boolean trustedHostFlag, boolean trustedCluster) throws Exception {
        VmStatic vm = fullVm(trustedHostFlag);
        String xml = new OvfVmWriter().write(vm, "Cluster \"A\" & B", trustedCluster, "rhel9 <base>");

        OvfVmReader.Result r = new OvfVmReader().read(xml.getBytes(StandardCharsets.UTF_8));

        VmStatic expected = fullVm(trustedHostFlag);
        copyIdentity(vm, expected);
        expected.setClusterId(null); // the cluster is chosen on import, not carried
        assertEquals(expected, r.vm());
        assertEquals(vm.getName(), r.vm().getName());
        assertEquals(vm.getDescription(), r.vm().getDescription());
        assertEquals(vm.getOsType(), r.vm().getOsType());
        assertEquals(8192, r.vm().getMemSizeMb());
        assertEquals(6, r.vm().getNumOfCpus());
        assertEquals(vm.getDedicatedVmForVds(), r.vm().getDedicatedVmForVds());
        assertEquals(MigrationSupport.PINNED_TO_HOST, r.vm().getMigrationSupport());
        assertTrue(r.vm().isAutoStartup());
        assertEquals(CREATED, r.vm().getCreationDate(), "creation date, to the second");
        assertEquals(vm.getTemplateId(), r.templateId());
        assertEquals("rhel9 <base>", r.templateName());
        assertEquals("Cluster \"A\" & B", r.clusterName());
        assertEquals(trustedHostFlag, r.trustedHostFlag());
        assertEquals(trustedHostFlag, r.vm().isTrustedHostFlag());
        assertEquals(trustedCluster, r.trustedService());
        assertEquals(Ovf.VERSION, r.ovfVersion());
    }

    private static void copyIdentity(VmStatic from, VmStatic to) {
        to.setId(from.getId());
        to.setTemplateId(from.getTemplateId());
        to.setDedicatedVmForVds(from.getDedicatedVmForVds());
    }

    @Test
    void minimalVmRoundTripKeepsNullsAndDefaults() throws Exception {
        VmStatic vm = new VmStatic();
        vm.setId(UUID.randomUUID());
        vm.setName("bare");
        String xml = new OvfVmWriter().write(vm, null, false, null);

        OvfVmReader.Result r = new OvfVmReader().read(xml.getBytes(StandardCharsets.UTF_8));

        assertEquals(vm, r.vm());
        assertNull(r.vm().getDescription());
        assertNull(r.vm().getTemplateId());
        assertNull(r.vm().getDedicatedVmForVds());
        assertNull(r.vm().getCreationDate());
        assertNull(r.templateName());
        assertNull(r.clusterName());
        assertEquals(MigrationSupport.MIGRATABLE, r.vm().getMigrationSupport());
    }

    @Test
    void vmWriterUsesOvirtLayout() throws Exception {
        VmStatic vm = fullVm(true);
        String xml = new OvfVmWriter().write(vm, "c", true, "t");
        Document doc = SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        Element root = doc.getDocumentElement();
        assertEquals("Envelope", root.getLocalName());
        assertEquals(Ovf.OVF_NS, root.getNamespaceURI());
        Element content = Ovf.content(doc);
        assertEquals("out", content.getAttributeNS(Ovf.OVF_NS, "id"));
        assertEquals("ovf:VirtualSystem_Type", content.getAttributeNS(Ovf.XSI_NS, "type"));
        assertEquals("true", Ovf.text(content, "TrustedHostFlag"));
        assertEquals("true", Ovf.text(content, "TrustedService"));
        assertEquals("2", Ovf.text(content, "MigrationSupport"));
        assertEquals("2025/02/03 04:05:06", Ovf.text(content, "CreationDate"));
        assertEquals(vm.getId().toString(),
                Ovf.section(content, Ovf.OS_SECTION).getAttributeNS(Ovf.OVF_NS, "id"));
        assertTrue(xml.contains("<rasd:ResourceType>3</rasd:ResourceType>"), xml);
        assertTrue(xml.contains("<rasd:num_of_sockets>6</rasd:num_of_sockets>"), xml);
        assertTrue(xml.contains("<rasd:VirtualQuantity>8192</rasd:VirtualQuantity>"), xml);
        assertTrue(xml.contains("xsi:type=\"ovf:NetworkSection_Type\""), xml);
        assertTrue(xml.contains("xsi:type=\"ovf:DiskSection_Type\""), xml);
    }

    @Test
    void writerRefusesVmWithoutName() {
        VmStatic vm = new VmStatic();
        OvfException e = assertThrows(OvfException.class, () -> new OvfVmWriter().write(vm, null, false, null));
        assertTrue(e.getMessage().contains("no name"), e.getMessage());
        assertThrows(OvfException.class, () -> new OvfVmWriter().write(null, null, false, null));
        assertThrows(OvfException.class, () -> new OvfTemplateWriter().write(new VmTemplate(), null, false));
    }

    private static VmTemplate fullTemplate(boolean trustedHostFlag) {
        VmTemplate t = new VmTemplate();
        t.setId(UUID.randomUUID());
        t.setName("golden & <shiny>");
        t.setDescription("the base image");
        t.setClusterId(UUID.randomUUID());
        t.setMemSizeMb(3072);
        t.setNumOfCpus(3);
        t.setOsType("windows_2019x64");
        t.setCreationDate(CREATED);
        t.setTrustedHostFlag(trustedHostFlag);
        return t;
    }

    @ParameterizedTest(name = "trustedHostFlag={0}, trustedCluster={1}")
    @CsvSource({"true,true", "true,false", "false,true", "false,false"})
    void templateRoundTripKeepsEveryFieldAndBothTrustFlags(boolean trustedHostFlag, boolean trustedCluster)
            throws Exception {
        VmTemplate t = fullTemplate(trustedHostFlag);
        String xml = new OvfTemplateWriter().write(t, "Secure", trustedCluster);
        assertTrue(xml.contains("<TemplateType>TEMPLATE</TemplateType>"), xml);
        assertTrue(xml.contains("xsi:type=\"ovf:VirtualSystem_Type\""), xml);

        OvfTemplateReader.Result r = new OvfTemplateReader().read(xml.getBytes(StandardCharsets.UTF_8));

        VmTemplate expected = fullTemplate(trustedHostFlag);
        expected.setId(t.getId());
        expected.setClusterId(null);
        assertEquals(expected, r.template());
        assertEquals(t.getId(), r.template().getId());
        assertEquals(t.getName(), r.template().getName());
        assertEquals(3072, r.template().getMemSizeMb());
        assertEquals(3, r.template().getNumOfCpus());
        assertEquals("windows_2019x64", r.template().getOsType());
        assertEquals(CREATED, r.template().getCreationDate());
        assertEquals("Secure", r.template().getClusterName());
        assertEquals(trustedHostFlag, r.trustedHostFlag());
        assertEquals(trustedHostFlag, r.template().isTrustedHostFlag());
        assertEquals(trustedCluster, r.trustedService());
    }

    @Test
    void blankTemplateRoundTrip() throws Exception {
        VmTemplate blank = new VmTemplate();
        blank.setId(VmTemplate.BLANK_TEMPLATE_ID);
        blank.setName("Blank");
        OvfTemplateReader.Result r = new OvfTemplateReader()
                .read(new OvfTemplateWriter().write(blank, null, false).getBytes(StandardCharsets.UTF_8));
        assertEquals(blank, r.template());
        assertTrue(r.template().isBlank());
        assertNull(r.template().getClusterName());
    }
}
