package org.trustpool.restapi.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.trustpool.api.model.Link;
import org.trustpool.common.businessentities.MigrationSupport;
import org.trustpool.common.businessentities.VMStatus;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.common.businessentities.VmStatic;

class VmMapperTest {

    private static final UUID ID = UUID.fromString("7e570000-0000-4000-8000-000000000001");
    private static final UUID CLUSTER = UUID.fromString("7e570000-0000-4000-8000-0000000000c1");
    private static final UUID TEMPLATE = UUID.fromString("7e570000-0000-4000-8000-0000000000f1");
    private static final UUID HOST = UUID.fromString("7e570000-0000-4000-8000-0000000000a1");
    private static final UUID OTHER_HOST = UUID.fromString("7e570000-0000-4000-8000-0000000000a2");

    /** oVirt v4's VmStatus values. */
    private static final Set<String> OVIRT_STATUSES = Set.of("down", "up", "powering_up", "paused", "migrating",
            "unknown", "not_responding", "wait_for_launch", "reboot_in_progress", "saving_state", "restoring_state",
            "suspended", "image_locked", "powering_down");

    private static Vm vm(MigrationSupport migrationSupport, UUID dedicatedHost) {
        Vm vm = new Vm();
        VmStatic s = vm.getStaticData();
        s.setId(ID);
        s.setName("web1");
        s.setDescription("front end");
        s.setClusterId(CLUSTER);
        s.setTemplateId(TEMPLATE);
        s.setMemSizeMb(4096);
        s.setNumOfCpus(4);
        s.setOsType("rhel_9x64");
        s.setMigrationSupport(migrationSupport);
        s.setDedicatedVmForVds(dedicatedHost);
        s.setAutoStartup(true);
        s.setCreationDate(Instant.parse("2024-05-01T10:00:00.123Z"));
        vm.getDynamicData().setId(ID);
        vm.getDynamicData().setStatus(VMStatus.Up);
        vm.getDynamicData().setRunOnVds(HOST);
        vm.getDynamicData().setLastStartTime(Instant.parse("2024-05-02T08:30:00Z"));
        return vm;
    }

    @Test
    void roundTripKeepsEveryMappedField() {
        // MIGRATABLE and PINNED_TO_HOST round-trip; IMPLICITLY_NON_MIGRATABLE is shown as user_migratable,
        // which (as specified) reads back as MIGRATABLE.
        for (Vm original : List.of(vm(MigrationSupport.MIGRATABLE, null), vm(MigrationSupport.PINNED_TO_HOST, HOST))) {
            VmStatic back = VmMapper.map(VmMapper.map(original), null);
            assertEquals(original.getStaticData(), back);
        }
    }

    @Test
    void mapsToOvirtShape() {
        org.trustpool.api.model.Vm model = VmMapper.map(vm(MigrationSupport.PINNED_TO_HOST, HOST));
        assertEquals("/ovirt-engine/api/vms/" + ID, model.getHref());
        assertEquals("up", model.getStatus());
        assertEquals(4096L * 1024 * 1024, model.getMemory());
        assertEquals(4, model.getCpu().getTopology().getSockets() * model.getCpu().getTopology().getCores()
                * model.getCpu().getTopology().getThreads());
        assertEquals("rhel_9x64", model.getOs().getType());
        assertEquals(HOST.toString(), model.getHost().getId());
        assertEquals("/ovirt-engine/api/hosts/" + HOST, model.getHost().getHref());
        assertEquals(TEMPLATE.toString(), model.getTemplate().getId());
        assertEquals("pinned", model.getPlacementPolicy().getAffinity());
        assertEquals(HOST.toString(), model.getPlacementPolicy().getHosts().getHost().get(0).getId());
        assertTrue(model.getHighAvailability().isEnabled());
        assertEquals(Instant.parse("2024-05-02T08:30:00Z"), Mappers.toInstant(model.getStartTime()));
        assertNull(model.getStopTime());
        assertEquals(List.of("start", "stop", "migrate"),
                model.getActions().getLink().stream().map(Link::getRel).toList());
    }

    @Test
    void everyStatusHasAnOvirtName() {
        Set<String> seen = new HashSet<>();
        for (VMStatus status : VMStatus.values()) {
            String name = VmMapper.map(status);
            assertTrue(OVIRT_STATUSES.contains(name), status + " -> " + name);
            seen.add(name);
        }
        assertEquals("migrating", VmMapper.map(VMStatus.MigratingTo));
        assertEquals(14, seen.size(), "all but image_illegal (down) and the two migrating ends are distinct");
    }

    @Test
    void partialUpdateKeepsUnspecifiedFields() {
        VmStatic existing = vm(MigrationSupport.PINNED_TO_HOST, HOST).getStaticData();
        org.trustpool.api.model.Vm model = new org.trustpool.api.model.Vm();
        model.setName("web2");

        VmStatic updated = VmMapper.map(model, existing);

        assertEquals("web1", existing.getName(), "the existing entity is not modified");
        VmStatic expected = vm(MigrationSupport.PINNED_TO_HOST, HOST).getStaticData();
        expected.setName("web2");
        assertEquals(expected, updated);
        assertEquals(existing.getCreationDate(), updated.getCreationDate());
    }

    @Test
    void inputIsConvertedToEntityUnits() {
        String xml = """
                <vm>
                  <name>db1</name>
                  <cluster id="%s"/>
                  <template id="%s"/>
                  <memory>2147483649</memory>
                  <cpu><topology><cores>2</cores><sockets>3</sockets></topology></cpu>
                  <os><type>windows_2019x64</type></os>
                  <placement_policy><affinity>user_migratable</affinity><hosts><host id="%s"/><host id="%s"/></hosts></placement_policy>
                  <high_availability><enabled>true</enabled></high_availability>
                  <status>up</status>
                  <host id="%s"/>
                </vm>""".formatted(CLUSTER, TEMPLATE, HOST, OTHER_HOST, OTHER_HOST);

        VmStatic entity = VmMapper.map(Xml.unmarshal(xml, org.trustpool.api.model.Vm.class), null);

        assertEquals(CLUSTER, entity.getClusterId());
        assertEquals(TEMPLATE, entity.getTemplateId());
        assertEquals(2048, entity.getMemSizeMb(), "2 GiB + 1 byte rounds down to 2048 MB");
        assertEquals(6, entity.getNumOfCpus(), "cores * sockets");
        assertEquals("windows_2019x64", entity.getOsType());
        assertEquals(MigrationSupport.MIGRATABLE, entity.getMigrationSupport());
        assertEquals(HOST, entity.getDedicatedVmForVds(), "the first host");
        assertTrue(entity.isAutoStartup());
    }

    @Test
    void v3SingleHostAndEmptyHostsInPlacementPolicy() {
        VmStatic pinned = VmMapper.map(Xml.unmarshal("""
                <vm><placement_policy><affinity>pinned</affinity><host id="%s"/></placement_policy></vm>"""
                .formatted(HOST), org.trustpool.api.model.Vm.class), null);
        assertEquals(MigrationSupport.PINNED_TO_HOST, pinned.getMigrationSupport());
        assertEquals(HOST, pinned.getDedicatedVmForVds());

        // An empty <hosts/> removes the pinning.
        VmStatic unpinned = VmMapper.map(Xml.unmarshal("""
                <vm><placement_policy><affinity>migratable</affinity><hosts/></placement_policy></vm>""",
                org.trustpool.api.model.Vm.class), pinned);
        assertEquals(MigrationSupport.MIGRATABLE, unpinned.getMigrationSupport());
        assertNull(unpinned.getDedicatedVmForVds());
    }

    @Test
    void unknownAffinityAndBadIdsAreRejected() {
        org.trustpool.api.model.Vm model = VmMapper.map(vm(MigrationSupport.MIGRATABLE, null));
        model.getPlacementPolicy().setAffinity("sticky");
        assertThrows(IllegalArgumentException.class, () -> VmMapper.map(model, null));

        org.trustpool.api.model.Vm badId = new org.trustpool.api.model.Vm();
        badId.setCluster(new org.trustpool.api.model.Cluster());
        badId.getCluster().setId("not-a-uuid");
        assertThrows(IllegalArgumentException.class, () -> VmMapper.map(badId, null));
    }

    @Test
    void marshalledVmUsesOvirtElementNames() {
        String xml = Xml.marshal(VmMapper.map(vm(MigrationSupport.PINNED_TO_HOST, HOST)));

        assertTrue(xml.contains("<vm id=\"" + ID + "\" href=\"/ovirt-engine/api/vms/" + ID + "\">"), xml);
        assertTrue(xml.contains("<link href=\"/ovirt-engine/api/vms/" + ID + "/start\" rel=\"start\"/>"), xml);
        assertTrue(xml.contains("<cluster id=\"" + CLUSTER + "\""), xml);
        assertTrue(xml.contains("<memory>4294967296</memory>"), xml);
        assertTrue(xml.contains("<placement_policy><affinity>pinned</affinity><hosts><host id=\"" + HOST), xml);
        assertTrue(xml.contains("<high_availability><enabled>true</enabled></high_availability>"), xml);
        assertTrue(xml.contains("<status>up</status>"), xml);
        // The oVirt SDK parses dates as yyyy-MM-dd'T'HH:mm:ss.SSSXXX: the fraction must be there.
        assertTrue(xml.contains("<creation_time>2024-05-01T10:00:00.123Z</creation_time>"), xml);
        assertTrue(xml.contains("<start_time>2024-05-02T08:30:00.000Z</start_time>"), xml);
        assertTrue(xml.contains("<trusted_host_flag>false</trusted_host_flag>"), xml);
    }
}
