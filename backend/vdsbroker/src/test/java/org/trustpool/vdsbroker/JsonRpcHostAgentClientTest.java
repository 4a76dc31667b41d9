package org.trustpool.vdsbroker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** The client against a tiny in-test JSON-RPC server whose answers each test chooses. */
class JsonRpcHostAgentClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final AtomicReference<String> lastMethod = new AtomicReference<>();
    private final AtomicReference<String> resultJson = new AtomicReference<>("{}");
    private final AtomicReference<String> errorJson = new AtomicReference<>();
    private HostAgentClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jsonrpc", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            lastMethod.set(request.path("method").asText() + " " + request.path("params"));
            String body = "{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id").asLong() + ","
                    + (errorJson.get() != null ? "\"error\":" + errorJson.get() : "\"result\":" + resultJson.get()) + "}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        client = new HostAgentClientFactory(new AgentCallLimits(Duration.ofSeconds(2), Duration.ofSeconds(5), AgentCallLimits.DEFAULT_MAX_ANSWER_BYTES), HostAgentTls.insecurePlainHttp())
                .forHost("127.0.0.1", server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void readsCapabilitiesAndIgnoresUnknownFields() {
        UUID id = UUID.randomUUID();
        resultJson.set("{\"hostId\":\"" + id + "\",\"hostName\":\"host-01\",\"cpuCores\":8,\"cpuModel\":\"m\",\"memMb\":16384,\"agentVersion\":\"v\",\"extra\":1}");
        HostCapabilities caps = client.getCapabilities();
        assertEquals(id, caps.hostId());
        assertEquals(8, caps.cpuCores());
        assertEquals(16384, caps.memMb());
        assertTrue(lastMethod.get().startsWith("Host.getCapabilities"));
    }

    @Test
    void sendsCreateParametersAndReadsVmList() {
        UUID vm = UUID.randomUUID();
        resultJson.set("{\"vmId\":\"" + vm + "\",\"name\":\"a\",\"memMb\":512,\"cpus\":2,\"status\":\"Up\"}");
        AgentVm created = client.createVm(vm, "a", 512, 2);
        assertEquals(vm, created.vmId());
        assertTrue(lastMethod.get().contains("\"memMb\":512"), lastMethod.get());
        resultJson.set("{\"vms\":[{\"vmId\":\"" + vm + "\",\"name\":\"a\",\"memMb\":512,\"cpus\":2,\"status\":\"Up\"}]}");
        List<AgentVm> vms = client.getVmList();
        assertEquals(List.of(created), vms);
    }

    @Test
    void agentErrorsKeepTheirCode() {
        errorJson.set("{\"code\":3,\"message\":\"noMemory\"}");
        HostAgentException e = assertThrows(HostAgentException.class, () -> client.createVm(UUID.randomUUID(), "a", 1, 1));
        assertEquals(HostAgentException.NO_MEMORY, e.getCode());
        assertEquals("noMemory", e.getMessage());
    }

    @Test
    void unreachableAgentIsATransportFailure() {
        server.stop(0);
        HostAgentException e = assertThrows(HostAgentException.class, client::getStats);
        assertTrue(e.isTransportFailure());
    }

    @Test
    void refusesMismatchedIdsGarbageAndMissingResult() {
        JsonRpcHostAgentClient raw = (JsonRpcHostAgentClient) client;
        assertThrows(HostAgentException.class, () -> raw.parseResponse("m", 1, 200, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}".getBytes()));
        assertThrows(HostAgentException.class, () -> raw.parseResponse("m", 1, 200, "not json".getBytes()));
        assertThrows(HostAgentException.class, () -> raw.parseResponse("m", 1, 200, "{\"jsonrpc\":\"2.0\",\"id\":1}".getBytes()));
        assertThrows(HostAgentException.class, () -> raw.parseResponse("m", 1, 500, new byte[0]));
        assertEquals(5, raw.parseResponse("m", 1, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":5}".getBytes()).asInt());
    }

    @Test
    void wrongResultShapeIsAnAgentFailureNotACrash() {
        resultJson.set("{\"vms\":5}");
        assertThrows(HostAgentException.class, client::getVmList);
        resultJson.set("{\"hostId\":\"not-a-uuid\"}");
        assertThrows(HostAgentException.class, client::getCapabilities);
    }
}
