package org.trustpool.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodePortsTest {

    @TempDir
    Path tmp;

    private LaunchOptions.Builder options() {
        return LaunchOptions.builder().dataDir(tmp.resolve("data")).dist(tmp).port(31080).managementPort(31900)
                .jgroupsPort(31600).jgroupsFdPort(31700);
    }

    @Test
    void oneNodeTakesExactlyTheOptionsPorts() {
        List<NodePorts> plan = NodePorts.plan(options().build(), p -> true, Set.of());
        assertEquals(List.of(new NodePorts(1, "trustpool-1", 31080, 31443, 31900, 31903, 31600, 31700)), plan);
        // a node on a machine of its own keeps the name it was given
        assertEquals("trustpool-east", NodePorts.plan(options().cluster(true).nodeName("trustpool-east").build(), p -> true,
                Set.of()).get(0).name());
    }

    @Test
    void nodeKTakesTheNextFreePortsAndItsOwnJGroupsPorts() {
        List<NodePorts> plan = NodePorts.plan(options().nodes(3).build(), p -> true, Set.of());
        assertEquals(new NodePorts(2, "trustpool-2", 31081, 31444, 31901, 31904, 31601, 31701), plan.get(1));
        assertEquals(new NodePorts(3, "trustpool-3", 31082, 31445, 31902, 31905, 31602, 31702), plan.get(2));
        assertDisjoint(plan);
    }

    @Test
    void aBusyOrCollidingPortMovesTheNodeOn() {
        // 31444 (node 2's HTTPS at 31081) is busy; at 31083 node 2's management HTTP would be node 1's
        // management HTTPS (31903), so node 2 lands on 31084
        Set<Integer> busy = Set.of(31444, 31082 + 363);
        List<NodePorts> plan = NodePorts.plan(options().nodes(2).build(), p -> !busy.contains(p), Set.of());
        assertEquals(31084, plan.get(1).http());
        assertDisjoint(plan);
        // the launcher's other processes' ports are never a node's
        List<NodePorts> around = NodePorts.plan(options().nodes(2).build(), p -> true, Set.of(31081));
        assertEquals(31082, around.get(1).http());
    }

    @Test
    void busyPortsAreReportedBeforeAnythingStarts() {
        LaunchException first = assertThrows(LaunchException.class,
                () -> NodePorts.plan(options().nodes(2).build(), p -> p != 31080 && p != 31903, Set.of()));
        assertTrue(first.getMessage().contains("31080 for HTTP (--port)"), first.getMessage());
        assertTrue(first.getMessage().contains("31903 for management HTTPS"), first.getMessage());
        LaunchException jgroups = assertThrows(LaunchException.class,
                () -> NodePorts.plan(options().nodes(2).build(), p -> p != 31701, Set.of()));
        assertTrue(jgroups.getMessage().contains("port 31701 for node 2's JGroups"), jgroups.getMessage());
        // node 1's JGroups ports only matter when it is clustered
        NodePorts.plan(options().build(), p -> p != 31600, Set.of());
        LaunchException clustered = assertThrows(LaunchException.class,
                () -> NodePorts.plan(options().cluster(true).build(), p -> p != 31600, Set.of()));
        assertTrue(clustered.getMessage().contains("31600 for JGroups (--jgroups-port)"), clustered.getMessage());
        LaunchException full = assertThrows(LaunchException.class,
                () -> NodePorts.plan(options().nodes(2).build(), p -> p < 31081 || p > 31080 + NodePorts.SEARCH, Set.of()));
        assertTrue(full.getMessage().contains("no free ports for engine node 2"), full.getMessage());
    }

    @Test
    void theServerArgumentsOfAClusteredNode() {
        LaunchOptions o = options().nodes(2).clusterBind("10.0.0.12").build();
        NodePorts node2 = NodePorts.plan(o, p -> true, Set.of()).get(1);
        List<String> args = WildFlyServer.arguments(o, node2, true, Path.of("/d/node2/standalone"), Path.of("/d/log/node2"));
        assertEquals(List.of("-c", "standalone-ha.xml"), args.subList(0, 2));
        assertTrue(args.containsAll(List.of("-Djboss.http.port=31081", "-Djboss.https.port=31444",
                "-Djboss.management.http.port=31901", "-Djboss.management.https.port=31904", "-Djboss.tx.node.id=trustpool-2",
                "-Djboss.node.name=trustpool-2", "-Dtrustpool.engine.url=http://127.0.0.1:31081/ovirt-engine",
                "-Dtrustpool.attestation.port=31081", "-Djboss.server.base.dir=/d/node2/standalone",
                "-Dtrustpool.jgroups.port=31601", "-Dtrustpool.jgroups.fd.port=31701", "-bprivate=10.0.0.12",
                "-Djboss.server.log.dir=/d/log/node2")), args.toString());
    }

    @Test
    void theServerArgumentsOfASingleEngineStayAsTheyWere() {
        LaunchOptions o = options().build();
        NodePorts node1 = NodePorts.plan(o, p -> true, Set.of()).get(0);
        List<String> args = WildFlyServer.arguments(o, node1, false, Path.of("/home/standalone"), Path.of("/d/log"));
        assertTrue(args.containsAll(List.of("-Djboss.http.port=31080", "-Djboss.tx.node.id=trustpool-31080",
                "-Djboss.node.name=trustpool-1", "-Dtrustpool.attestation.port=31080")), args.toString());
        assertTrue(args.stream().noneMatch(a -> a.equals("-c") || a.startsWith("-Djboss.server.base.dir") || a.startsWith("-bprivate")
                || a.startsWith("-Dtrustpool.jgroups")), args.toString());
    }

    private static void assertDisjoint(List<NodePorts> plan) {
        Set<Integer> seen = new HashSet<>();
        for (NodePorts n : plan) {
            for (int p : n.all(true)) {
                assertTrue(seen.add(p), "port " + p + " twice in " + plan);
            }
        }
    }
}
