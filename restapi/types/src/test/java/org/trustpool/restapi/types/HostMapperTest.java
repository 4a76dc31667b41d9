package org.trustpool.restapi.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.api.model.Host;
import org.trustpool.api.model.Link;
import org.trustpool.common.businessentities.NonOperationalReason;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.VdsStatic;

class HostMapperTest {

    private static final UUID ID = UUID.fromString("9a1b0000-0000-4000-8000-000000000001");
    private static final UUID CLUSTER = UUID.fromString("9a1b0000-0000-4000-8000-0000000000c1");

    /** oVirt v4's HostStatus values. */
    private static final Set<String> OVIRT_STATUSES = Set.of("up", "down", "maintenance", "non_responsive", "error",
            "installing", "install_failed", "reboot", "preparing_for_maintenance", "non_operational",
            "pending_approval", "initializing", "connecting", "unassigned");

    private static Vds host() {
        Vds vds = new Vds();
        VdsStatic s = vds.getStaticData();
        s.setId(ID);
        s.setName("node1");
        s.setHostName("node1.example.com");
        s.setPort(54321);
        s.setClusterId(CLUSTER);
        s.setComment("rack 4");
        vds.getDynamicData().setId(ID);
        vds.getDynamicData().setStatus(VDSStatus.Up);
        vds.getDynamicData().setCpuCores(16);
        vds.getDynamicData().setPhysicalMemMb(65536);
        vds.getDynamicData().setVmCount(3);
        return vds;
    }

    @Test
    void roundTripKeepsEveryMappedField() {
        Vds original = host();
        VdsStatic back = HostMapper.map(HostMapper.map(original), null);
        assertEquals(original.getStaticData(), back); // id, name, address, port, cluster, comment
    }

    @Test
    void mapsMonitoringDataAndActions() {
        Host model = HostMapper.map(host());
        assertEquals("/ovirt-engine/api/hosts/" + ID, model.getHref());
        assertEquals("up", model.getStatus());
        assertNull(model.getStatusDetail());
        assertEquals(65536L * 1024 * 1024, model.getMemory(), "memory is in bytes");
        assertEquals(16, model.getCpu().getTopology().getCores());
        assertEquals(3, model.getSummary().getActive());
        assertEquals(3, model.getSummary().getTotal());
        assertEquals(CLUSTER.toString(), model.getCluster().getId());
        List<Link> actions = model.getActions().getLink();
        assertEquals(List.of("activate", "deactivate", "attest"), actions.stream().map(Link::getRel).toList());
        assertEquals("/ovirt-engine/api/hosts/" + ID + "/activate", actions.get(0).getHref());
    }

    @Test
    void nonOperationalReasonBecomesStatusDetail() {
        Vds vds = host();
        vds.getDynamicData().setStatus(VDSStatus.NonOperational);
        vds.getDynamicData().setNonOperationalReason(NonOperationalReason.UNTRUSTED);
        Host model = HostMapper.map(vds);
        assertEquals("non_operational", model.getStatus());
        assertEquals("untrusted", model.getStatusDetail());
    }

    @Test
    void everyStatusHasADistinctOvirtName() {
        Set<String> seen = new HashSet<>();
        for (VDSStatus status : VDSStatus.values()) {
            String name = HostMapper.map(status);
            assertTrue(OVIRT_STATUSES.contains(name), status + " -> " + name);
            seen.add(name);
        }
        assertEquals(VDSStatus.values().length, seen.size());
    }

    @Test
    void partialUpdateKeepsUnspecifiedFields() {
        Vds existing = host();
        Host model = new Host();
        model.setPort(1234);

        VdsStatic updated = HostMapper.map(model, existing.getStaticData());

        assertEquals(54321, existing.getStaticData().getPort(), "the existing entity is not modified");
        VdsStatic expected = host().getStaticData();
        expected.setPort(1234);
        assertEquals(expected, updated);
    }

    @Test
    void addHostDocumentIsParsed() {
        String xml = """
                <host>
                  <name>node2</name>
                  <address>10.0.0.2</address>
                  <root_password>ignored</root_password>
                  <cluster id="%s"/>
                  <status>up</status>
                </host>""".formatted(CLUSTER);

        VdsStatic entity = HostMapper.map(Xml.unmarshal(xml, Host.class), null);

        assertEquals("node2", entity.getName());
        assertEquals("10.0.0.2", entity.getHostName());
        assertEquals(CLUSTER, entity.getClusterId());
        assertNull(entity.getId());
    }
}
