package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ovirt.engine.sdk4.builders.Builders.cluster;
import static org.ovirt.engine.sdk4.builders.Builders.cpu;
import static org.ovirt.engine.sdk4.builders.Builders.dataCenter;
import static org.ovirt.engine.sdk4.builders.Builders.host;
import static org.ovirt.engine.sdk4.builders.Builders.template;
import static org.ovirt.engine.sdk4.builders.Builders.version;
import static org.ovirt.engine.sdk4.builders.Builders.vm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ovirt.engine.sdk4.Connection;
import org.ovirt.engine.sdk4.ConnectionBuilder;
import org.ovirt.engine.sdk4.Error;
import org.ovirt.engine.sdk4.services.ClustersService;
import org.ovirt.engine.sdk4.services.HostsService;
import org.ovirt.engine.sdk4.services.SystemService;
import org.ovirt.engine.sdk4.services.VmsService;
import org.ovirt.engine.sdk4.types.Cluster;
import org.ovirt.engine.sdk4.types.Event;
import org.ovirt.engine.sdk4.types.Host;
import org.ovirt.engine.sdk4.types.HostStatus;
import org.ovirt.engine.sdk4.types.Template;
import org.ovirt.engine.sdk4.types.Vm;
import org.ovirt.engine.sdk4.types.VmStatus;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * The official oVirt Java SDK 4.4.5, unmodified, against our engine: SSO token, then Bearer;
 * its own XML readers parse what we return.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OvirtSdkIT {
    private TrustpoolSystem system;
    private Connection connection;

    @BeforeAll
    void start() throws Exception {
        system = SystemUnderTest.start(SystemUnderTest.freshDir("sdk"), SystemUnderTest.PORT + 100);
        connection = ConnectionBuilder.connection()
                .url(system.apiUrl().toString())
                .user(system.adminUser())
                .password(system.adminPassword())
                .insecure(true)
                .build();
    }

    @AfterAll
    void stop() throws Exception {
        if (connection != null) {
            connection.close(); // revokes the SSO token
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void clustersListGetAddUpdateRemove() {
        ClustersService clusters = connection.systemService().clustersService();
        assertTrue(clusters.list().send().clusters().stream().anyMatch(c -> "Default".equals(c.name())));
        Cluster added = clusters.add().cluster(cluster().name("sdk-cluster").dataCenter(dataCenter().name("Default"))
                .cpu(cpu().type("Intel SandyBridge Family")).version(version().major(4).minor(7))).send().cluster();
        assertNotNull(added.id());
        assertEquals("sdk-cluster", clusters.clusterService(added.id()).get().send().cluster().name());
        assertEquals(4, clusters.clusterService(added.id()).get().send().cluster().version().majorAsInteger());
        Cluster updated = clusters.clusterService(added.id()).update().cluster(cluster().description("made by the SDK")).send().cluster();
        assertEquals("made by the SDK", updated.description());
        assertEquals("Intel SandyBridge Family", updated.cpu().type());
        List<Cluster> found = clusters.list().search("name=sdk-*").send().clusters();
        assertEquals(1, found.size());
        clusters.clusterService(added.id()).remove().send();
        assertTrue(clusters.list().search("name=sdk-*").send().clusters().isEmpty());
    }

    @Test
    void hostsVmsTemplatesAndEventsThroughTheSdk() throws Exception {
        SystemService root = connection.systemService();
        try (AgentProcess agent1 = AgentProcess.start(SystemUnderTest.DIST.resolve("trustpool-hostagent-all.jar"), "sdk-a", system.dataDir());
                AgentProcess agent2 = AgentProcess.start(SystemUnderTest.DIST.resolve("trustpool-hostagent-all.jar"), "sdk-b", system.dataDir())) {
            HostsService hosts = root.hostsService();
            Host h1 = hosts.add().host(host().name(agent1.name).address("127.0.0.1").port(agent1.port()).cluster(cluster().name("Default"))).send().host();
            Host h2 = hosts.add().host(host().name(agent2.name).address("127.0.0.1").port(agent2.port()).cluster(cluster().name("Default"))).send().host();
            awaitHost(hosts, h1.id(), HostStatus.UP);
            awaitHost(hosts, h2.id(), HostStatus.UP);

            VmsService vms = root.vmsService();
            Vm vm = vms.add().vm(vm().name("sdk-vm").cluster(cluster().name("Default")).template(template().name("Blank"))
                    .memory(512L * 1024 * 1024)).send().vm();
            assertEquals(VmStatus.DOWN, vm.status());
            vms.vmService(vm.id()).start().send();
            Vm running = vms.vmService(vm.id()).get().send().vm();
            assertEquals(VmStatus.UP, running.status());
            String from = running.host().id();
            String to = from.equals(h1.id()) ? h2.id() : h1.id();
            vms.vmService(vm.id()).migrate().host(host().id(to)).send();
            assertEquals(to, vms.vmService(vm.id()).get().send().vm().host().id());

            // a host with a running VM refuses maintenance only if the VM cannot move; here it moves back
            hosts.hostService(to).deactivate().send();
            assertEquals(HostStatus.MAINTENANCE, hosts.hostService(to).get().send().host().status());
            assertEquals(from, vms.vmService(vm.id()).get().send().vm().host().id());
            hosts.hostService(to).activate().send();
            awaitHost(hosts, to, HostStatus.UP);

            vms.vmService(vm.id()).stop().send();
            assertEquals(VmStatus.DOWN, vms.vmService(vm.id()).get().send().vm().status());

            Template template = root.templatesService().add().template(template().name("sdk-template").vm(vm().id(vm.id()))).send().template();
            assertEquals("sdk-template", root.templatesService().templateService(template.id()).get().send().template().name());

            List<Event> events = root.eventsService().list().max(50).send().events();
            assertFalse(events.isEmpty());
            assertTrue(events.stream().anyMatch(e -> e.description().contains("sdk-vm")), "events mention the VM");
            // oVirt's event codes, as SDK users filter on them: USER_ADD_VM is 34
            assertTrue(events.stream().anyMatch(e -> e.codePresent() && e.codeAsInteger() == 34 && e.description().contains("sdk-vm")),
                    "the VM's creation carries oVirt's code 34");

            // the SDK turns our faults into its Error with the engine's words
            Error refused = assertThrows(Error.class, () -> vms.vmService(vm.id()).migrate().send());
            assertTrue(refused.getMessage().contains("not running"), refused.getMessage());
        }
    }

    private static void awaitHost(HostsService hosts, String id, HostStatus status) {
        SystemUnderTest.await("host " + id + " " + status, Duration.ofSeconds(60),
                () -> hosts.hostService(id).get().send().host().status(), status::equals);
    }
}
