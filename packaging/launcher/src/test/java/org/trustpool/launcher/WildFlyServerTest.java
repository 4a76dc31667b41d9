package org.trustpool.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WildFlyServerTest {

    @Test
    void theGistOfAFailedMarker() throws Exception {
        String marker;
        try (InputStream in = getClass().getResourceAsStream("trustpool.ear.failed")) {
            marker = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals("component HostMonitoring: javax.naming.NameNotFoundException: "
                + "env/org.trustpool.bll.cdi.EngineProducer/transactions -- service "
                + "jboss.naming.context.java.comp.trustpool.bll.HostMonitoring.env.\"org.trustpool.bll.cdi.EngineProducer\".transactions",
                WildFlyServer.deploymentFailure(marker));
    }

    @Test
    void aMarkerWithoutCauses() {
        assertEquals("WFLYSRV0153: Failed to process phase PARSE of deployment \"trustpool.ear\"",
                WildFlyServer.deploymentFailure("\"WFLYSRV0153: Failed to process phase PARSE of deployment \\\"trustpool.ear\\\"\""));
    }

    @TempDir
    Path tmp;

    @Test
    void clusteredNodesShareTheHomeButNotTheirServerDirectories() throws Exception {
        Path zip = tmp.resolve("wildfly-dist.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("wildfly-39.0.1.Final/"));
            z.closeEntry();
        }
        Path data = tmp.resolve("data");
        WildFlyServer home = WildFlyServer.at(data, zip, true);
        Path config = Files.createDirectories(home.home().resolve("standalone/configuration"));
        Files.writeString(config.resolve("standalone-ha.xml"), "<server configured/>");
        Files.writeString(config.resolve("mgmt-users.properties"), "");
        Files.writeString(config.resolve(".trustpool-configured"), "digest");
        Files.createDirectories(config.resolve("standalone_xml_history"));
        Path ear = Files.writeString(tmp.resolve("trustpool.ear"), "ear");
        Path war = Files.writeString(tmp.resolve("AttestationService.war"), "war");
        LaunchOptions options = LaunchOptions.builder().dataDir(data).dist(tmp).nodes(2).build();

        for (NodePorts ports : NodePorts.plan(options, p -> true, Set.of())) {
            WildFlyServer node = home.node(data, ports);
            Path base = data.resolve("node" + ports.number()).resolve("standalone");
            assertEquals(base, node.baseDir());
            assertEquals(data.resolve("log").resolve("node" + ports.number()), node.logDir());
            node.deploy(ear, war);
            assertEquals("<server configured/>", Files.readString(base.resolve("configuration/standalone-ha.xml")));
            assertTrue(Files.exists(base.resolve("configuration/mgmt-users.properties")));
            assertFalse(Files.exists(base.resolve("configuration/.trustpool-configured")), "the home's marker stays the home's");
            assertTrue(Files.exists(base.resolve("deployments/trustpool.ear")));
            assertTrue(Files.exists(base.resolve("deployments/AttestationService.war")));
        }
        assertFalse(Files.exists(home.home().resolve("standalone/deployments/trustpool.ear")), "nothing deployed in the shared home");

        // a single engine keeps the layout it always had
        WildFlyServer single = WildFlyServer.at(data, zip, false);
        WildFlyServer node1 = single.node(data, NodePorts.plan(LaunchOptions.builder().dataDir(data).dist(tmp).build(), p -> true, Set.of()).get(0));
        assertEquals(single.home().resolve("standalone"), node1.baseDir());
        assertEquals(data.resolve("log"), node1.logDir());
    }
}
