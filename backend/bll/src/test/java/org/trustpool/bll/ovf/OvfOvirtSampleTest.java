package org.trustpool.bll.ovf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.common.businessentities.MigrationSupport;
import org.trustpool.common.businessentities.VmStatic;
import org.trustpool.common.businessentities.VmTemplate;

/** OVF files in the layout oVirt 4.x writes, full of sections and properties we do not know. */
class OvfOvirtSampleTest {

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OvfOvirtSampleTest.class.getResourceAsStream("/ovf/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    @Test
    void readsVmWrittenByOvirt() throws Exception {
        OvfVmReader.Result r;
        try (InputStream in = OvfOvirtSampleTest.class.getResourceAsStream("/ovf/ovirt44-vm.ovf")) {
            r = new OvfVmReader().read(in);
        }
        VmStatic vm = r.vm();
        assertEquals(UUID.fromString("c0ffee00-1234-4abc-9def-0123456789ab"), vm.getId());
        assertEquals("web01", vm.getName());
        assertEquals("front end & proxy", vm.getDescription());
        assertEquals(Instant.parse("2023-03-14T09:26:53Z"), vm.getCreationDate());
        assertTrue(vm.isAutoStartup(), "oVirt's AutoStartup");
        assertEquals(MigrationSupport.IMPLICITLY_NON_MIGRATABLE, vm.getMigrationSupport());
        assertEquals(UUID.fromString("4e3d2c1b-0a9f-4e8d-7c6b-5a4f3e2d1c0b"), vm.getDedicatedVmForVds(),
                "the first of oVirt's comma-separated hosts");
        assertEquals("rhel_8x64", vm.getOsType());
        assertEquals(4, vm.getNumOfCpus(), "2 sockets x 2 cores x 1 thread");
        assertEquals(4096, vm.getMemSizeMb());
        assertEquals(UUID.fromString("5f1e3c7a-2b4d-4e6f-8a9b-0c1d2e3f4a5b"), vm.getTemplateId());
        assertEquals(vm.getTemplateId(), r.templateId());
        assertEquals("rhel8-base", r.templateName());
        assertEquals("Production", r.clusterName());
        assertFalse(r.trustedHostFlag(), "oVirt writes no TrustedHostFlag: false");
        assertFalse(vm.isTrustedHostFlag());
        assertFalse(r.trustedService());
        assertEquals("4.4.0.0", r.ovfVersion());
    }

    @Test
    void readsTemplateWrittenByOvirt() throws Exception {
        OvfTemplateReader.Result r = new OvfTemplateReader().read(resource("ovirt44-template.ovf"));
        VmTemplate t = r.template();
        assertEquals(UUID.fromString("5f1e3c7a-2b4d-4e6f-8a9b-0c1d2e3f4a5b"), t.getId());
        assertEquals("rhel8-base", t.getName());
        assertEquals("RHEL 8 golden image", t.getDescription());
        assertEquals(Instant.parse("2022-11-02T17:05:41Z"), t.getCreationDate());
        assertEquals("rhel_8x64", t.getOsType());
        assertEquals(2, t.getNumOfCpus(), "1 socket x 1 core x 2 threads");
        assertEquals(2048, t.getMemSizeMb());
        assertEquals("Production", t.getClusterName());
        assertFalse(r.trustedHostFlag());
        assertFalse(r.trustedService());
    }

    @Test
    void trustPropertiesAddedToAnOvirtFileAreRead() throws Exception {
        String xml = new String(resource("ovirt44-vm.ovf"), StandardCharsets.UTF_8)
                .replace("<TrustedService>false</TrustedService>",
                        "<TrustedService>true</TrustedService><TrustedHostFlag>TRUE</TrustedHostFlag>");
        OvfVmReader.Result r = new OvfVmReader().read(xml.getBytes(StandardCharsets.UTF_8));
        assertTrue(r.trustedService());
        assertTrue(r.trustedHostFlag());
        assertTrue(r.vm().isTrustedHostFlag());
    }

    @Test
    void aMalformedTrustPropertyIsRefusedNotDropped() throws Exception {
        String xml = new String(resource("ovirt44-vm.ovf"), StandardCharsets.UTF_8)
                .replace("<TrustedService>false</TrustedService>", "<TrustedService>yes</TrustedService>");
        OvfException e = assertThrows(OvfException.class,
                () -> new OvfVmReader().read(xml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("TrustedService must be true or false"), e.getMessage());
    }

    @Test
    void missingNameIsRefused() throws Exception {
        String xml = new String(resource("ovirt44-vm.ovf"), StandardCharsets.UTF_8)
                .replace("<Name>web01</Name>", "");
        OvfException e = assertThrows(OvfException.class,
                () -> new OvfVmReader().read(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals("OVF refused: the VM has no Name", e.getMessage());
        String t = new String(resource("ovirt44-template.ovf"), StandardCharsets.UTF_8)
                .replace("<Name>rhel8-base</Name>", "<Name>  </Name>");
        e = assertThrows(OvfException.class, () -> new OvfTemplateReader().read(t.getBytes(StandardCharsets.UTF_8)));
        assertEquals("OVF refused: the template has no Name", e.getMessage());
    }

    @Test
    void missingContentIsRefused() throws Exception {
        String xml = new String(resource("ovirt44-vm.ovf"), StandardCharsets.UTF_8)
                .replace("<Content ovf:id=\"out\"", "<Contents ovf:id=\"out\"").replace("</Content>", "</Contents>");
        OvfException e = assertThrows(OvfException.class,
                () -> new OvfVmReader().read(xml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("no Content element"), e.getMessage());
    }

    @Test
    void badValuesOfPropertiesWeReadAreNamed() throws Exception {
        String base = new String(resource("ovirt44-vm.ovf"), StandardCharsets.UTF_8);
        assertRefused(base.replace("<MigrationSupport>1<", "<MigrationSupport>7<"), "MigrationSupport 7");
        assertRefused(base.replace("<CreationDate>2023/03/14 09:26:53<", "<CreationDate>yesterday<"),
                "CreationDate is not a date");
        assertRefused(base.replace("<rasd:VirtualQuantity>4096<", "<rasd:VirtualQuantity>lots<"),
                "memory rasd:VirtualQuantity is not a number");
        assertRefused(base.replace("c0ffee00-1234-4abc-9def-0123456789ab", "not-a-uuid"), "is not a UUID");
    }

    private static void assertRefused(String xml, String expected) {
        OvfException e = assertThrows(OvfException.class,
                () -> new OvfVmReader().read(xml.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
