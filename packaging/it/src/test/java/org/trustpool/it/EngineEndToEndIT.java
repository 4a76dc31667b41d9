package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * The foundation end to end: the real EAR on a real WildFly, real PostgreSQL, real host-agent
 * processes, driven over HTTP as an administrator would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineEndToEndIT {
    private static final Duration UP_TIMEOUT = Duration.ofSeconds(60);

    private TrustpoolSystem system;
    private Api api;

    @BeforeAll
    void startSystem() throws Exception {
        system = SystemUnderTest.start(SystemUnderTest.freshDir("e2e"), SystemUnderTest.PORT);
        api = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());
    }

    @AfterAll
    void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    private static String clusterXml(String name) {
        return "<cluster><name>" + name + "</name><data_center><name>Default</name></data_center>"
                + "<cpu><type>Intel SandyBridge Family</type></cpu><version><major>4</major><minor>7</minor></version></cluster>";
    }

    private String hostStatus(String id) {
        return api.get("/hosts/" + id).at("/host/status");
    }

    @Test
    void clusterHostsAndVmLifeCycleWithAuditTrail() throws Exception {
        Path agentJar = SystemUnderTest.DIST.resolve("trustpool-hostagent-all.jar");
        try (AgentProcess agent1 = AgentProcess.start(agentJar, "e2e-a", system.dataDir());
                AgentProcess agent2 = AgentProcess.start(agentJar, "e2e-b", system.dataDir())) {
            Api.Reply cluster = api.post("/clusters", clusterXml("e2e-cluster"));
            assertEquals(201, cluster.status(), cluster.toString());
            assertEquals("e2e-cluster", cluster.at("/cluster/name"));

            String host1 = addHost(agent1, "e2e-cluster");
            String host2 = addHost(agent2, "e2e-cluster");
            SystemUnderTest.await("host 1 up", UP_TIMEOUT, () -> hostStatus(host1), "up"::equals);
            SystemUnderTest.await("host 2 up", UP_TIMEOUT, () -> hostStatus(host2), "up"::equals);
            assertTrue(Long.parseLong(api.get("/hosts/" + host1).at("/host/memory")) > 0, "monitoring filled the host's memory");

            Api.Reply vm = api.post("/vms", "<vm><name>e2e-vm</name><cluster><name>e2e-cluster</name></cluster>"
                    + "<template><name>Blank</name></template><memory>536870912</memory></vm>");
            assertEquals(201, vm.status(), vm.toString());
            String vmId = vm.at("/vm/@id");
            assertEquals("down", vm.at("/vm/status"));

            // start: the engine places it on a host, and that host's agent really runs it
            Api.Reply started = api.post("/vms/" + vmId + "/start", "<action/>");
            assertEquals(200, started.status(), started.toString());
            assertEquals("complete", started.at("/action/status"));
            Api.Reply running = api.get("/vms/" + vmId);
            assertEquals("up", running.at("/vm/status"));
            String firstHost = running.at("/vm/host/@id");
            AgentProcess firstAgent = firstHost.equals(host1) ? agent1 : agent2;
            AgentProcess otherAgent = firstAgent == agent1 ? agent2 : agent1;
            String otherHost = firstHost.equals(host1) ? host2 : host1;
            assertTrue(firstAgent.vmList().contains(vmId), firstAgent.vmList());

            // migrate to the other host: the VM moves between the agents
            Api.Reply migrated = api.post("/vms/" + vmId + "/migrate", "<action><host id=\"" + otherHost + "\"/></action>");
            assertEquals(200, migrated.status(), migrated.toString());
            assertEquals(otherHost, api.get("/vms/" + vmId).at("/vm/host/@id"));
            assertTrue(otherAgent.vmList().contains(vmId), otherAgent.vmList());
            assertFalse(firstAgent.vmList().contains(vmId), firstAgent.vmList());

            // stop: gone from the agent, Down in the engine
            Api.Reply stopped = api.post("/vms/" + vmId + "/stop", "<action/>");
            assertEquals(200, stopped.status(), stopped.toString());
            assertEquals("down", api.get("/vms/" + vmId).at("/vm/status"));
            assertFalse(otherAgent.vmList().contains(vmId), otherAgent.vmList());

            // a host whose agent dies becomes NonResponsive
            String deadHost = otherHost;
            otherAgent.kill();
            SystemUnderTest.await("dead host non_responsive", UP_TIMEOUT, () -> hostStatus(deadHost), "non_responsive"::equals);

            String events = api.get("/events?max=200").body();
            for (String expected : new String[] {"Cluster e2e-cluster was added by admin@internal",
                    "Host " + agent1.name, "is Up", "VM e2e-vm was created", "VM e2e-vm was started",
                    "VM e2e-vm migrated from host", "VM e2e-vm was stopped", "is not responding"}) {
                assertTrue(events.contains(expected), "no event with '" + expected + "' in " + events);
            }
        }
    }

    private String addHost(AgentProcess agent, String cluster) {
        Api.Reply host = api.post("/hosts", "<host><name>" + agent.name + "</name><address>127.0.0.1</address><port>"
                + agent.port() + "</port><cluster><name>" + cluster + "</name></cluster></host>");
        assertEquals(201, host.status(), host.toString());
        return host.at("/host/@id");
    }

    @Test
    void malformedXmlIs400WithAFaultAndStoresNothing() {
        Api.Reply reply = api.post("/clusters", "<cluster><name>broken-cluster</name><data_center>");
        assertEquals(400, reply.status(), reply.toString());
        assertTrue(reply.at("/fault/reason").length() > 0, reply.toString());
        assertFalse(reply.body().contains("at org."), "no stack trace: " + reply);
        assertFalse(api.get("/clusters").body().contains("broken-cluster"));
    }

    @Test
    void hostileXmlWithAnEntityIsRefused() {
        Api.Reply reply = api.post("/clusters", "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<cluster><name>&x;</name></cluster>");
        assertEquals(400, reply.status(), reply.toString());
        assertFalse(reply.body().contains("root:"), reply.toString());
    }

    @Test
    void duplicateNameIs409AndUnknownClusterIs404() {
        assertEquals(201, api.post("/clusters", clusterXml("dup-cluster")).status());
        Api.Reply duplicate = api.post("/clusters", clusterXml("dup-cluster"));
        assertEquals(409, duplicate.status(), duplicate.toString());
        assertTrue(duplicate.at("/fault/detail").contains("already exists"), duplicate.toString());
        Api.Reply unknown = api.post("/hosts", "<host><name>orphan</name><address>127.0.0.1</address><port>1</port>"
                + "<cluster><name>no-such-cluster</name></cluster></host>");
        assertEquals(404, unknown.status(), unknown.toString());
        assertFalse(api.get("/hosts").body().contains("orphan"));
        Api.Reply badName = api.post("/clusters", clusterXml("bad name!"));
        assertEquals(400, badName.status(), badName.toString());
    }

    @Test
    void noOrWrongCredentialsAre401() {
        Api.Reply anonymous = api.as(null, null).get("/clusters");
        assertEquals(401, anonymous.status(), anonymous.toString());
        assertEquals("Unauthorized", anonymous.at("/fault/reason"));
        assertEquals(401, api.as("admin@internal", "wrong").get("/clusters").status());
        assertEquals(401, api.as("admin@internal", "wrong").post("/clusters", clusterXml("sneaky")).status());
        assertFalse(api.get("/clusters").body().contains("sneaky"));
    }

    @Test
    void apiAliasServesTheSameApi() {
        Api alias = new Api(system.apiAliasUrl(), system.adminUser(), system.adminPassword());
        Api.Reply viaAlias = alias.get("/clusters?max=100");
        assertEquals(200, viaAlias.status(), viaAlias.toString());
        assertEquals(api.get("/clusters?max=100").body(), viaAlias.body());
        assertEquals("Default", api.get("/clusters").at("/clusters/cluster[name='Default']/name"));
        assertEquals("Blank", api.get("/templates").at("/templates/template[name='Blank']/name"));
    }
}
