package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trustpool.launcher.LaunchOptions;
import org.trustpool.launcher.Launcher;
import org.trustpool.launcher.SimulatedHost;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * The host channel of the one-command demo: the launcher's engine CA issues the engine's and each
 * simulated host's certificate, the engine brings the hosts up over mutual TLS, an agent without a
 * certificate from that CA is never believed (the host goes NonResponsive, and the audit log says
 * why), and a client without the engine's certificate cannot drive an agent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostChannelIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Path AGENT_JAR = SystemUnderTest.DIST.resolve("trustpool-hostagent-all.jar");

    private TrustpoolSystem system;
    private Api api;

    @BeforeAll
    void startDemo() throws Exception {
        LaunchOptions options = SystemUnderTest.demoOptions("host-channel", SystemUnderTest.PORT + 600, 2)
                .hostsUpTimeout(Duration.ofMinutes(3)).build();
        system = Launcher.start(options); // returns once the demo's hosts are Up: over mutual TLS, or not at all
        api = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static String rpc(String method) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{\"vmId\":\"" + java.util.UUID.randomUUID() + "\"}}";
    }

    private static String post(HttpClient client, URI url, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void theDemoHostsAreUpOverMutualTls() {
        List<SimulatedHost> hosts = system.hosts();
        assertEquals(2, hosts.size());
        for (SimulatedHost h : hosts) {
            assertEquals("https", h.jsonRpcUrl().getScheme(), h.toString());
        }
        String all = api.get("/hosts").body();
        for (SimulatedHost h : hosts) {
            assertTrue(all.contains("<name>" + h.name() + "</name>"), all);
        }
        assertTrue(all.contains("<status>up</status>"), all);
        assertTrue(java.nio.file.Files.isRegularFile(system.dataDir().resolve("pki/private/ca.key")));
    }

    @Test
    void aClientWithoutTheEnginesCertificateCannotDriveAnAgent() throws Exception {
        URI agent = system.hosts().get(0).jsonRpcUrl();
        Path pki = system.dataDir().resolve("pki");
        HttpClient stranger = HttpClient.newBuilder().sslContext(AgentProcess.context(null, pki.resolve("ca.pem"))).build();
        for (String method : List.of("Host.getVMList", "VM.destroy", "Host.getCapabilities")) {
            String answer = post(stranger, agent, rpc(method));
            assertTrue(answer.contains("\"code\":-32001") && answer.contains("needs a client certificate from the engine CA"),
                    method + ": " + answer);
        }
        // the same call with the engine's certificate is answered: the refusal was about the certificate
        HttpClient engine = HttpClient.newBuilder().sslContext(AgentProcess.engineContext(system.dataDir())).build();
        assertTrue(post(engine, agent, rpc("Host.getVMList")).contains("\"result\""));
    }

    @Test
    void anAgentWithoutACertificateFromTheEngineCaIsNeverBelieved(@org.junit.jupiter.api.io.TempDir Path otherData) throws Exception {
        Api.Reply cluster = api.post("/clusters", "<cluster><name>channel-cluster</name><data_center><name>Default</name></data_center>"
                + "<cpu><type>Intel SandyBridge Family</type></cpu><version><major>4</major><minor>7</minor></version></cluster>");
        assertEquals(201, cluster.status(), cluster.toString());
        // a certificate for the right address and name, from another CA (e.g. another engine's)
        Path rogueTls = otherData.resolve("rogue-tls");
        Launcher.issueHostCertificate(otherData, "rogue01", List.of("127.0.0.1"), rogueTls);
        try (AgentProcess rogue = AgentProcess.start(AGENT_JAR, "rogue", "--tls-dir", rogueTls.toString());
             AgentProcess plain = AgentProcess.start(AGENT_JAR, "plain", "--insecure-plain-http")) {
            String rogueId = addHost(rogue, "channel-cluster");
            String plainId = addHost(plain, "channel-cluster");
            SystemUnderTest.await("the rogue agent's host NonResponsive", WAIT, () -> api.get("/hosts/" + rogueId).at("/host/status"),
                    "non_responsive"::equals);
            SystemUnderTest.await("the plain agent's host NonResponsive", WAIT, () -> api.get("/hosts/" + plainId).at("/host/status"),
                    "non_responsive"::equals);
            String events = api.get("/events?max=500").body();
            assertTrue(events.contains("TLS handshake failed"), events);
        }
    }

    private String addHost(AgentProcess agent, String cluster) {
        Api.Reply host = api.post("/hosts", "<host><name>" + agent.name + "</name><address>127.0.0.1</address><port>"
                + agent.port() + "</port><cluster><name>" + cluster + "</name></cluster></host>");
        assertEquals(201, host.status(), host.toString());
        return host.at("/host/@id");
    }
}
