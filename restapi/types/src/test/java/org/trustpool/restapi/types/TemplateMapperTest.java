package org.trustpool.restapi.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.api.model.Template;
import org.trustpool.common.businessentities.VmTemplate;

class TemplateMapperTest {

    private static final UUID ID = UUID.fromString("7e3b0000-0000-4000-8000-000000000001");
    private static final UUID CLUSTER = UUID.fromString("7e3b0000-0000-4000-8000-0000000000c1");
    private static final UUID VM = UUID.fromString("7e3b0000-0000-4000-8000-0000000000e1");

    private static VmTemplate template() {
        VmTemplate t = new VmTemplate();
        t.setId(ID);
        t.setName("rhel9");
        t.setDescription("base image");
        t.setClusterId(CLUSTER);
        t.setMemSizeMb(2048);
        t.setNumOfCpus(2);
        t.setOsType("rhel_9x64");
        t.setCreationDate(Instant.parse("2024-04-01T00:00:00Z"));
        t.setClusterName("prod");
        return t;
    }

    @Test
    void roundTripKeepsEveryMappedField() {
        VmTemplate original = template();
        VmTemplate back = TemplateMapper.map(TemplateMapper.map(original), null);
        assertEquals(original, back); // id, name, description, cluster, memory, cpus, os
    }

    @Test
    void mapsToOvirtShape() {
        Template model = TemplateMapper.map(template());
        assertEquals("/ovirt-engine/api/templates/" + ID, model.getHref());
        assertEquals(CLUSTER.toString(), model.getCluster().getId());
        assertEquals(2048L * 1024 * 1024, model.getMemory());
        assertEquals("rhel_9x64", model.getOs().getType());
        assertEquals(Instant.parse("2024-04-01T00:00:00Z"), Mappers.toInstant(model.getCreationTime()));
    }

    @Test
    void blankTemplateHasNoCluster() {
        VmTemplate blank = new VmTemplate();
        blank.setId(VmTemplate.BLANK_TEMPLATE_ID);
        blank.setName("Blank");
        assertNull(TemplateMapper.map(blank).getCluster());
    }

    @Test
    void partialUpdateKeepsUnspecifiedFields() {
        VmTemplate existing = template();
        Template model = new Template();
        model.setMemory(1024L * 1024 * 1024);

        VmTemplate updated = TemplateMapper.map(model, existing);

        assertEquals(2048, existing.getMemSizeMb(), "the existing entity is not modified");
        VmTemplate expected = template();
        expected.setMemSizeMb(1024);
        assertEquals(expected, updated);
        assertEquals("prod", updated.getClusterName());
        assertEquals(existing.getCreationDate(), updated.getCreationDate());
    }

    @Test
    void templateFromVmInputIsParsed() {
        Template model = Xml.unmarshal("""
                <template><name>t</name><vm id="%s"/></template>""".formatted(VM), Template.class);

        assertEquals(VM, TemplateMapper.sourceVmId(model));
        VmTemplate entity = TemplateMapper.map(model, null);
        assertEquals("t", entity.getName());
        assertNull(entity.getId());
    }

    @Test
    void marshalledTemplateUsesOvirtElementNames() {
        String xml = Xml.marshal(TemplateMapper.map(template()));
        assertTrue(xml.contains("<template id=\"" + ID + "\""), xml);
        assertTrue(xml.contains("<os><type>rhel_9x64</type></os>"), xml);
        assertTrue(xml.contains("<creation_time>2024-04-01T00:00:00.000Z</creation_time>"), xml);
    }
}
