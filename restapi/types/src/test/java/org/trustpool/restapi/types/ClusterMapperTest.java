package org.trustpool.restapi.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.api.model.Version;
import org.trustpool.common.businessentities.Cluster;

class ClusterMapperTest {

    private static final UUID ID = UUID.fromString("5f0c3e2a-0000-4000-8000-000000000001");
    private static final UUID DC = UUID.fromString("5f0c3e2a-0000-4000-8000-0000000000dc");

    private static Cluster cluster() {
        Cluster c = new Cluster();
        c.setId(ID);
        c.setName("prod");
        c.setDescription("production");
        c.setStoragePoolId(DC);
        c.setCpuName("Intel SandyBridge Family");
        c.setCompatibilityVersion("4.7");
        c.setStoragePoolName("Default");
        return c;
    }

    @Test
    void roundTripKeepsEveryMappedField() {
        Cluster original = cluster();
        Cluster back = ClusterMapper.map(ClusterMapper.map(original), null);
        assertEquals(original, back); // equals covers id, name, description, data center, cpu, version
    }

    @Test
    void mapsToOvirtShape() {
        org.trustpool.api.model.Cluster model = ClusterMapper.map(cluster());
        assertEquals(ID.toString(), model.getId());
        assertEquals("/ovirt-engine/api/clusters/" + ID, model.getHref());
        assertEquals(DC.toString(), model.getDataCenter().getId());
        assertEquals("/ovirt-engine/api/datacenters/" + DC, model.getDataCenter().getHref());
        assertNull(model.getDataCenter().getName(), "references carry the id only");
        assertEquals("Intel SandyBridge Family", model.getCpu().getType());
        assertEquals(4, model.getVersion().getMajor());
        assertEquals(7, model.getVersion().getMinor());
    }

    @Test
    void partialUpdateKeepsUnspecifiedFields() {
        Cluster existing = cluster();
        org.trustpool.api.model.Cluster model = new org.trustpool.api.model.Cluster();
        model.setDescription("changed");

        Cluster updated = ClusterMapper.map(model, existing);

        assertNotSame(existing, updated);
        assertEquals("production", existing.getDescription(), "the existing entity is not modified");
        assertEquals("changed", updated.getDescription());
        Cluster expected = cluster();
        expected.setDescription("changed");
        assertEquals(expected, updated);
        assertEquals("Default", updated.getStoragePoolName());
    }

    @Test
    void versionPartMissingFromDocumentIsKeptFromExisting() {
        Version version = new Version();
        version.setMinor(8);
        org.trustpool.api.model.Cluster model = new org.trustpool.api.model.Cluster();
        model.setVersion(version);
        assertEquals("4.8", ClusterMapper.map(model, cluster()).getCompatibilityVersion());
    }

    @Test
    void versionWithoutMinorForNewClusterIsRejected() {
        Version version = new Version();
        version.setMajor(4);
        org.trustpool.api.model.Cluster model = new org.trustpool.api.model.Cluster();
        model.setVersion(version);
        assertThrows(IllegalArgumentException.class, () -> ClusterMapper.map(model, null));
    }

    @Test
    void v3StyleInputIsParsedAndMapped() {
        // A v3 client writes the version as attributes and the cpu as an id attribute.
        String xml = """
                <cluster>
                  <name>legacy</name>
                  <data_center id="%s"/>
                  <cpu id="Intel SandyBridge Family"/>
                  <version minor="2" major="3"/>
                </cluster>""".formatted(DC);

        Cluster entity = ClusterMapper.map(Xml.unmarshal(xml, org.trustpool.api.model.Cluster.class), null);

        assertEquals("legacy", entity.getName());
        assertEquals(DC, entity.getStoragePoolId());
        assertEquals("Intel SandyBridge Family", entity.getCpuName());
        assertEquals("3.2", entity.getCompatibilityVersion());
        assertNull(entity.getId());
    }

    @Test
    void v4StyleInputWithDataCenterByNameIsParsed() {
        // The data center named by name is resolved to an id elsewhere; the mapper must not lose the name
        // from the model nor invent an id.
        String xml = """
                <cluster>
                  <name>new</name>
                  <data_center><name>Default</name></data_center>
                  <cpu><type>Intel Nehalem Family</type></cpu>
                  <version><major>4</major><minor>7</minor></version>
                  <trusted_service>true</trusted_service>
                </cluster>""";

        org.trustpool.api.model.Cluster model = Xml.unmarshal(xml, org.trustpool.api.model.Cluster.class);
        assertEquals("Default", model.getDataCenter().getName());
        assertEquals(Boolean.TRUE, model.isTrustedService());

        Cluster entity = ClusterMapper.map(model, null);
        assertNull(entity.getStoragePoolId());
        assertEquals("Intel Nehalem Family", entity.getCpuName());
        assertEquals("4.7", entity.getCompatibilityVersion());
    }

    @Test
    void marshalledClusterUsesOvirtElementNames() {
        org.trustpool.api.model.Cluster model = ClusterMapper.map(cluster());
        model.setTrustedService(false);

        String xml = Xml.marshal(model);

        assertTrue(xml.contains("<cluster id=\"" + ID + "\" href=\"/ovirt-engine/api/clusters/" + ID + "\">"), xml);
        assertTrue(xml.contains("<data_center id=\"" + DC + "\""), xml);
        assertTrue(xml.contains("<cpu><type>Intel SandyBridge Family</type></cpu>"), xml);
        assertTrue(xml.contains("<trusted_service>false</trusted_service>"), xml);
        assertTrue(xml.contains("<version><major>4</major><minor>7</minor></version>"), xml);
    }
}
