package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives a real two-host simulator over real HTTP. */
class HostAgentHttpTest {

    private static final int HOST_MEM_MB = 16384;

    private final Rpc rpc = new Rpc();
    private Simulator simulator;
    private URI host1;
    private URI host2;

    @BeforeEach
    void startSimulator() throws IOException {
        simulator = Simulator.start(SimulatorOptions.ephemeral(2));
        host1 = simulator.hosts().get(0).url();
        host2 = simulator.hosts().get(1).url();
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void capabilitiesDescribeEachHost() {
        JsonNode caps = rpc.result(host1, "Host.getCapabilities");
        assertEquals(simulator.hosts().get(0).id().toString(), caps.get("hostId").asText());
        assertEquals("host-01", caps.get("hostName").asText());
        assertEquals(8, caps.get("cpuCores").asInt());
        assertEquals("Intel SandyBridge Family", caps.get("cpuModel").asText());
        assertEquals(HOST_MEM_MB, caps.get("memMb").asInt());
        assertEquals("trustpool-hostagent 0.1", caps.get("agentVersion").asText());
        assertEquals(6, caps.size(), caps::toString);

        JsonNode caps2 = rpc.result(host2, "Host.getCapabilities");
        assertEquals("host-02", caps2.get("hostName").asText());
        assertTrue(!caps.get("hostId").equals(caps2.get("hostId")), "hosts must have distinct ids");
    }

    @Test
    void createdVmIsListedAndCountedInStats() {
        String vmId = UUID.randomUUID().toString();
        JsonNode vm = rpc.result(host1, "VM.create", "vmId", vmId, "name", "web-1", "memMb", 4096, "cpus", 2);
        assertVm(vm, vmId, "web-1", 4096, 2);

        JsonNode vms = rpc.result(host1, "Host.getVMList").get("vms");
        assertEquals(1, vms.size());
        assertVm(vms.get(0), vmId, "web-1", 4096, 2);

        JsonNode stats = rpc.result(host1, "Host.getStats");
        assertEquals(4096, stats.get("memUsedMb").asInt());
        assertEquals(HOST_MEM_MB - 4096, stats.get("memFreeMb").asInt());
        assertEquals(1, stats.get("vmCount").asInt());
        assertEquals(25, stats.get("cpuUsagePercent").asInt(), "2 vCPUs on 8 cores");

        assertEquals(0, rpc.result(host2, "Host.getVMList").get("vms").size(), "other host untouched");
    }

    @Test
    void createBeyondFreeMemoryFailsWithNoMemory() {
        rpc.result(host1, "VM.create", "vmId", uuid(), "name", "big", "memMb", 12000, "cpus", 1);
        JsonNode error = rpc.error(host1, "VM.create", "vmId", uuid(), "name", "too-big", "memMb", 5000, "cpus", 1);
        assertEquals(3, error.get("code").asInt());
        assertTrue(error.get("message").asText().startsWith("noMemory"), error::toString);
        assertEquals(1, rpc.result(host1, "Host.getStats").get("vmCount").asInt());
    }

    @Test
    void createSameVmTwiceFailsWithVmExists() {
        String vmId = uuid();
        rpc.result(host1, "VM.create", "vmId", vmId, "name", "a", "memMb", 512, "cpus", 1);
        JsonNode error = rpc.error(host1, "VM.create", "vmId", vmId, "name", "a", "memMb", 512, "cpus", 1);
        assertEquals(2, error.get("code").asInt());
        assertTrue(error.get("message").asText().startsWith("vmExists"), error::toString);
    }

    @Test
    void destroyRemovesVmAndFreesMemory() {
        String vmId = uuid();
        rpc.result(host1, "VM.create", "vmId", vmId, "name", "a", "memMb", 2048, "cpus", 1);
        JsonNode down = rpc.result(host1, "VM.destroy", "vmId", vmId);
        assertEquals(vmId, down.get("vmId").asText());
        assertEquals("Down", down.get("status").asText());
        assertEquals(0, rpc.result(host1, "Host.getVMList").get("vms").size());
        assertEquals(HOST_MEM_MB, rpc.result(host1, "Host.getStats").get("memFreeMb").asInt());

        JsonNode again = rpc.error(host1, "VM.destroy", "vmId", vmId);
        assertEquals(1, again.get("code").asInt());
        assertTrue(again.get("message").asText().startsWith("noVM"), again::toString);
    }

    @Test
    void migrateMovesVmToDestination() {
        String vmId = uuid();
        rpc.result(host1, "VM.create", "vmId", vmId, "name", "mover", "memMb", 1024, "cpus", 4);

        JsonNode migrated = rpc.result(host1, "VM.migrate", "vmId", vmId, "destination", host2.toString());
        assertEquals(vmId, migrated.get("vmId").asText());
        assertEquals("Migrated", migrated.get("status").asText());
        assertEquals(host2.toString(), migrated.get("destination").asText());

        assertEquals(0, rpc.result(host1, "Host.getVMList").get("vms").size(), "source must be empty");
        JsonNode onDestination = rpc.result(host2, "Host.getVMList").get("vms");
        assertEquals(1, onDestination.size());
        assertVm(onDestination.get(0), vmId, "mover", 1024, 4);
        assertEquals(1024, rpc.result(host2, "Host.getStats").get("memUsedMb").asInt());
        assertEquals(0, rpc.result(host1, "Host.getStats").get("memUsedMb").asInt());
    }

    @Test
    void migrateToDeadPortFailsAndVmKeepsRunningOnSource() throws IOException {
        int deadPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        String vmId = uuid();
        rpc.result(host1, "VM.create", "vmId", vmId, "name", "stay", "memMb", 1024, "cpus", 1);

        JsonNode error = rpc.error(host1, "VM.migrate", "vmId", vmId,
                "destination", "http://127.0.0.1:" + deadPort + "/jsonrpc");
        assertEquals(4, error.get("code").asInt());
        assertTrue(error.get("message").asText().startsWith("migrationFailed"), error::toString);

        JsonNode vms = rpc.result(host1, "Host.getVMList").get("vms");
        assertEquals(1, vms.size());
        assertVm(vms.get(0), vmId, "stay", 1024, 1);
    }

    @Test
    void migrateRefusedByDestinationCarriesItsReason() {
        String vmId = uuid();
        rpc.result(host1, "VM.create", "vmId", vmId, "name", "big", "memMb", 9000, "cpus", 1);
        rpc.result(host2, "VM.create", "vmId", uuid(), "name", "filler", "memMb", 9000, "cpus", 1);

        JsonNode error = rpc.error(host1, "VM.migrate", "vmId", vmId, "destination", host2.toString());
        assertEquals(4, error.get("code").asInt());
        String message = error.get("message").asText();
        assertTrue(message.startsWith("migrationFailed") && message.contains("noMemory"), message);

        JsonNode vms = rpc.result(host1, "Host.getVMList").get("vms");
        assertEquals(1, vms.size());
        assertEquals("Up", vms.get(0).get("status").asText(), "VM must be back to Up after a failed migration");
        assertEquals(1, rpc.result(host2, "Host.getVMList").get("vms").size());
    }

    @Test
    void migrateUnknownVmFailsWithNoVm() {
        JsonNode error = rpc.error(host1, "VM.migrate", "vmId", uuid(), "destination", host2.toString());
        assertEquals(1, error.get("code").asInt());
    }

    @Test
    void concurrentCreatesNeverOvercommitMemory() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<JsonNode>> creates = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String name = "vm-" + i;
                creates.add(() -> rpc.call(host1, "VM.create", "vmId", uuid(), "name", name, "memMb", 1024, "cpus", 1));
            }
            int ok = 0;
            int noMemory = 0;
            for (Future<JsonNode> f : pool.invokeAll(creates)) {
                JsonNode response = f.get();
                if (response.has("result")) {
                    ok++;
                } else if (response.path("error").path("code").asInt() == 3) {
                    noMemory++;
                }
            }
            assertEquals(16, ok, "16 x 1024 MB fit into 16384 MB");
            assertEquals(8, noMemory);
            assertEquals(0, rpc.result(host1, "Host.getStats").get("memFreeMb").asInt());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{bad json", "", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Host.getStats\"} trailing"})
    void malformedJsonIsParseError(String body) {
        JsonNode response = rpc.raw(host1, body);
        assertEquals(-32700, response.path("error").path("code").asInt(), response::toString);
        assertTrue(response.get("id").isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\":1,\"method\":\"Host.getStats\"}",
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"Host.getStats\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}",
            "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"Host.getStats\"}",
            "[1,2]",
            "\"just a string\""})
    void invalidEnvelopeIsInvalidRequest(String body) {
        JsonNode response = rpc.raw(host1, body);
        assertEquals(-32600, response.path("error").path("code").asInt(), response::toString);
    }

    @Test
    void unknownMethodIsMethodNotFound() {
        JsonNode error = rpc.error(host1, "Host.reboot");
        assertEquals(-32601, error.get("code").asInt());
        assertTrue(error.get("message").asText().contains("Host.reboot"), error::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "VM.create|{\"name\":\"a\",\"memMb\":1,\"cpus\":1}|vmId",
            "VM.create|{\"vmId\":\"not-a-uuid\",\"name\":\"a\",\"memMb\":1,\"cpus\":1}|vmId",
            "VM.create|{\"vmId\":\"11111111-2222-3333-4444-555555555555\",\"name\":\"a\",\"memMb\":-5,\"cpus\":1}|memMb",
            "VM.create|{\"vmId\":\"11111111-2222-3333-4444-555555555555\",\"name\":\"a\",\"memMb\":\"512\",\"cpus\":1}|memMb",
            "VM.create|{\"vmId\":\"11111111-2222-3333-4444-555555555555\",\"name\":\"a\",\"memMb\":1.5,\"cpus\":1}|memMb",
            "VM.create|{\"vmId\":\"11111111-2222-3333-4444-555555555555\",\"name\":\"a\",\"memMb\":1,\"cpus\":0}|cpus",
            "VM.create|{\"vmId\":\"11111111-2222-3333-4444-555555555555\",\"name\":\" \",\"memMb\":1,\"cpus\":1}|name",
            "VM.create|{\"vmId\":\"11111111-2222-3333-4444-555555555555\",\"name\":\"a\",\"memMb\":1,\"cpus\":1,\"incomingMigration\":\"yes\"}|incomingMigration",
            "VM.destroy|{\"vmId\":7}|vmId",
            "VM.migrate|{\"vmId\":\"11111111-2222-3333-4444-555555555555\",\"destination\":\"ftp://h/x\"}|destination",
            "VM.migrate|{\"vmId\":\"11111111-2222-3333-4444-555555555555\",\"destination\":\"not a url\"}|destination",
            "VM.migrate|{\"vmId\":\"11111111-2222-3333-4444-555555555555\"}|destination",
            "VM.destroy|[\"11111111-2222-3333-4444-555555555555\"]|params"})
    void badParamsAreInvalidParams(String method, String params, String named) {
        JsonNode response = rpc.raw(host1,
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" + method + "\",\"params\":" + params + "}");
        JsonNode error = response.path("error");
        assertEquals(-32602, error.path("code").asInt(), response::toString);
        assertTrue(error.path("message").asText().contains(named), response::toString);
        assertEquals(7, response.get("id").asInt());
    }

    @Test
    void nonPostIsMethodNotAllowed() {
        HttpResponse<String> response = rpc.send(HttpRequest.newBuilder(host1).GET().build());
        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void otherPathsAreNotFound() {
        HttpResponse<String> response = rpc.post(host1.resolve("/jsonrpc/extra"), "{}");
        assertEquals(404, response.statusCode());
    }

    @Test
    void notificationIsExecutedButNotAnswered() {
        String vmId = uuid();
        HttpResponse<String> response = rpc.post(host1, "{\"jsonrpc\":\"2.0\",\"method\":\"VM.create\",\"params\":"
                + "{\"vmId\":\"" + vmId + "\",\"name\":\"n\",\"memMb\":64,\"cpus\":1}}");
        assertEquals(204, response.statusCode());
        assertEquals(vmId, rpc.result(host1, "Host.getVMList").get("vms").get(0).get("vmId").asText());
    }

    /** The declared length alone must trigger the refusal: we send headers and no body at all. */
    @Test
    void oversizedBodyIsRefusedWithoutReadingIt() throws IOException {
        try (Socket socket = new Socket(host1.getHost(), host1.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /jsonrpc HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (2 * JsonRpcServer.MAX_REQUEST_BYTES) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            assertEquals("HTTP/1.1 413 Request Entity Too Large", statusLine);
            int length = -1;
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            assertTrue(length > 0, "no Content-Length in 413 answer");
            char[] body = new char[length];
            int read = 0;
            while (read < length) {
                int n = in.read(body, read, length - read);
                assertTrue(n > 0, "body cut short");
                read += n;
            }
            assertTrue(new String(body).contains("-32600"), "body: " + new String(body));
        }
        // The host is still fine afterwards.
        assertEquals("host-01", rpc.result(host1, "Host.getCapabilities").get("hostName").asText());
    }

    @Test
    void errorsNeverContainJavaStackTraces() {
        HttpResponse<String> response = rpc.post(host1,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"VM.create\",\"params\":{\"vmId\":[],\"memMb\":{}}}");
        assertEquals(200, response.statusCode());
        assertTrue(!response.body().contains("Exception") && !response.body().contains("\tat "), response.body());
    }

    private static void assertVm(JsonNode vm, String vmId, String name, int memMb, int cpus) {
        assertEquals(vmId, vm.get("vmId").asText());
        assertEquals(name, vm.get("name").asText());
        assertEquals(memMb, vm.get("memMb").asInt());
        assertEquals(cpus, vm.get("cpus").asInt());
        assertEquals("Up", vm.get("status").asText());
        assertEquals(5, vm.size(), vm::toString);
    }

    private static String uuid() {
        return UUID.randomUUID().toString();
    }
}
