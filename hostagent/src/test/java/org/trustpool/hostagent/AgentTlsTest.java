package org.trustpool.hostagent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The agent over real mutual TLS on loopback, with an engine CA made for the test: only a client
 * with a certificate from that CA may drive the host; anybody else gets at most a quote (which proves
 * itself), and a certificate from another CA does not even complete the handshake.
 */
class AgentTlsTest {
    @TempDir
    Path dir;
    private TestPki engineCa;
    private Simulator simulator;
    private final ObjectMapper mapper = Json.newMapper();

    @BeforeEach
    void start() throws Exception {
        engineCa = new TestPki("engine-ca");
        engineCa.writeHost(dir, "host-01", "127.0.0.1");
        engineCa.writeHost(dir, "host-02", "127.0.0.1");
        simulator = Simulator.start(SimulatorOptions.ephemeral(2).withTamperControl(true), AgentChannel.tls(dir));
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private URI url(int host) {
        return simulator.hosts().get(host).url();
    }

    private JsonRpcClient engine() throws Exception {
        return new JsonRpcClient(mapper, TestPki.context(engineCa.issue("engine"), engineCa.caCert));
    }

    private static ObjectNode params() {
        return JsonNodeFactory.instance.objectNode();
    }

    @Test
    void theEngineWithItsCertificateDrivesTheHostOverHttps() throws Exception {
        assertEquals("https", url(0).getScheme());
        JsonRpcClient engine = engine();
        assertEquals("host-01", engine.call(url(0), "Host.getCapabilities", params()).path("hostName").asText());
        ObjectNode vm = params().put("vmId", UUID.randomUUID().toString()).put("name", "a").put("memMb", 512).put("cpus", 1);
        engine.call(url(0), "VM.create", vm);
        // migration: host-01 calls host-02 with its own certificate
        engine.call(url(0), "VM.migrate", params().put("vmId", vm.get("vmId").asText()).put("destination", url(1).toString()));
        assertEquals(1, engine.call(url(1), "Host.getVMList", params()).path("vms").size());
        assertEquals(19, engine.call(url(0), "Host.tamper", params().put("pcr", 19).put("digest", "00".repeat(32))).path("pcr").asInt());
    }

    @Test
    void aClientWithoutACertificateGetsNothingButAQuote() throws Exception {
        JsonRpcClient stranger = new JsonRpcClient(mapper, TestPki.context(null, engineCa.caCert));
        for (String method : new String[] {"Host.getVMList", "VM.destroy", "VM.migrate", "Host.tamper", "Host.getCapabilities"}) {
            JsonRpcException e = assertThrows(JsonRpcException.class, () -> stranger.call(url(0), method,
                    params().put("vmId", UUID.randomUUID().toString())), method);
            assertEquals(JsonRpcException.UNAUTHORIZED, e.code(), method);
            assertTrue(e.getMessage().contains("needs a client certificate from the engine CA"), e.getMessage());
        }
        JsonNode quote = stranger.call(url(0), "Host.getQuote", params().put("nonce", "00112233445566778899aabbccddeeff").set("pcrs",
                JsonNodeFactory.instance.arrayNode().add(0)));
        assertTrue(quote.has("pcrValues"), quote.toString());
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedAtTheHandshake() throws Exception {
        TestPki other = new TestPki("other-ca");
        // A client whose key manager presents its certificate whatever CAs the agent names (the JDK's
        // would quietly send none, and the call would end as unauthenticated): the agent's trust manager
        // must refuse it during the handshake (with TLS 1.3 the client learns it when the connection drops).
        SSLContext impostor = TestPki.insistingContext(other.issue("engine"), engineCa.caCert);
        IOException e = assertThrows(IOException.class, () -> new JsonRpcClient(mapper, impostor).call(url(0), "Host.getVMList", params()));
        assertTrue(String.valueOf(e.getMessage()).toLowerCase().matches(".*(certificate|handshake|closed|reset|alert|no bytes).*"), String.valueOf(e));
    }

    @Test
    void anAgentWithACertificateFromAnotherCaIsNotBelievedByTheEngine() throws Exception {
        TestPki other = new TestPki("other-ca");
        // the client trusts only the engine CA, the agent's certificate comes from another one
        Path strangerDir = dir.resolve("stranger");
        other.writeHost(strangerDir, "host-01", "127.0.0.1");
        try (Simulator impostor = Simulator.start(SimulatorOptions.ephemeral(1), AgentChannel.tls(strangerDir))) {
            assertThrows(IOException.class, () -> engine().call(impostor.hosts().get(0).url(), "Host.getCapabilities", params()));
        }
    }

    @Test
    void aHostWithoutItsCertificateDoesNotStart() {
        IOException e = assertThrows(IOException.class,
                () -> Simulator.start(SimulatorOptions.ephemeral(3), AgentChannel.tls(dir)));
        assertTrue(e.getMessage().contains("no certificate for host-03"), e.getMessage());
    }

    @Test
    void theSimulatorRefusesToStartWithoutChoosingAChannel() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = Simulator.run(new String[] {"--hosts", "1", "--base-port", "0"}, new java.io.PrintStream(new java.io.ByteArrayOutputStream()),
                new java.io.PrintStream(err));
        assertEquals(2, code);
        assertTrue(err.toString().contains("--tls-dir"), err.toString());
    }
}
