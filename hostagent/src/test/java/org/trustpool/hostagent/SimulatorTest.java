package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorTest {

    private final Rpc rpc = new Rpc();

    @Test
    void dataDirKeepsHostIdsAcrossRestarts(@TempDir Path dir) throws IOException {
        Path dataDir = dir.resolve("ids");
        List<UUID> first = idsOfRun(SimulatorOptions.ephemeral(2).withDataDir(dataDir));
        List<UUID> second = idsOfRun(SimulatorOptions.ephemeral(2).withDataDir(dataDir));
        assertEquals(first, second);
        assertNotEquals(first.get(0), first.get(1));
        assertTrue(Files.readString(dataDir.resolve("host-01.properties")).contains("hostId=" + first.get(0)));
        assertTrue(Files.exists(dataDir.resolve("host-02.properties")));
    }

    @Test
    void withoutDataDirEveryStartGetsNewIds() throws IOException {
        assertNotEquals(idsOfRun(SimulatorOptions.ephemeral(1)), idsOfRun(SimulatorOptions.ephemeral(1)));
    }

    @Test
    void corruptIdFileStopsTheStart(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("host-01.properties"), "hostId=garbage\n");
        IOException e = assertThrows(IOException.class,
                () -> Simulator.start(SimulatorOptions.ephemeral(1).withDataDir(dir)));
        assertTrue(e.getMessage().contains("hostId"), e.getMessage());
    }

    /** The same id must be what the agent reports over the wire. */
    private List<UUID> idsOfRun(SimulatorOptions options) throws IOException {
        try (Simulator simulator = Simulator.start(options)) {
            return simulator.hosts().stream().map(h -> {
                JsonNode caps = rpc.result(h.url(), "Host.getCapabilities");
                UUID id = UUID.fromString(caps.get("hostId").asText());
                assertEquals(h.id(), id);
                return id;
            }).toList();
        }
    }

    @Test
    void announcementHasOneHostLinePerHostThenReady() throws IOException {
        try (Simulator simulator = Simulator.start(SimulatorOptions.ephemeral(3))) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            simulator.printAnnouncement(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            List<String> lines = buffer.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(4, lines.size(), lines::toString);
            for (int i = 0; i < 3; i++) {
                Simulator.RunningHost host = simulator.hosts().get(i);
                assertEquals("HOST host-0" + (i + 1) + " " + host.id() + " http://127.0.0.1:"
                        + host.url().getPort() + "/jsonrpc", lines.get(i));
            }
            assertEquals("READY 3", lines.get(3));
        }
    }

    @Test
    void fixedBasePortGivesConsecutivePortsAndPortConflictFailsCleanly() throws IOException {
        int base = twoFreePorts();
        SimulatorOptions options = new SimulatorOptions(2, base, "127.0.0.1", "n", null, 1024, 2, "X", false);
        try (Simulator simulator = Simulator.start(options)) {
            assertEquals(URI.create("http://127.0.0.1:" + base + "/jsonrpc"), simulator.hosts().get(0).url());
            assertEquals(base + 1, simulator.hosts().get(1).url().getPort());
            assertEquals("n02", rpc.result(simulator.hosts().get(1).url(), "Host.getCapabilities")
                    .get("hostName").asText());

            // Second simulator on the same ports cannot start...
            IOException e = assertThrows(IOException.class, () -> Simulator.start(options));
            assertTrue(e.getMessage().contains(String.valueOf(base)), e.getMessage());
        }
        // ...and once the first is closed the ports are free again (nothing leaked).
        try (Simulator again = Simulator.start(options)) {
            assertEquals(base, again.hosts().get(0).url().getPort());
        }
    }

    /**
     * A base port whose next port is free too. Not from the ephemeral range (where ServerSocket(0) picks): there
     * any process's outgoing connection may take base + 1 between this probe and the simulator's bind, as it
     * once did in CI.
     */
    private static int twoFreePorts() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 26000 + random.nextInt(4000);
            try (ServerSocket first = new ServerSocket(base, 1, InetAddress.getLoopbackAddress());
                 ServerSocket second = new ServerSocket(base + 1, 1, InetAddress.getLoopbackAddress())) {
                return base;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no two consecutive free ports in 26000-29999");
    }

    @Test
    void badOptionsPrintUsageAndReturnExitCode2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Simulator.run(new String[] {"--hosts", "zero"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertEquals("", out.toString(StandardCharsets.UTF_8), "stdout is reserved for HOST/READY lines");
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("--hosts") && text.contains("Usage:"), text);
    }

    @Test
    void ipv6BindAddressIsBracketedInUrls() {
        assertEquals(URI.create("http://[::1]:8080/jsonrpc"), Simulator.endpoint("::1", 8080));
        assertEquals(URI.create("http://127.0.0.1:8080/jsonrpc"), Simulator.endpoint("127.0.0.1", 8080));
    }
}
