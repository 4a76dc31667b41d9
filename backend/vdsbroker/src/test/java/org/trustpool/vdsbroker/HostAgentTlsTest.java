package org.trustpool.vdsbroker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * The engine's agent client over real TLS on loopback, with an engine CA and keys made for each run:
 * it presents the engine's certificate, and believes an agent only with a certificate from the engine CA
 * that names the address it dials.
 */
class HostAgentTlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<HttpServer> servers = new ArrayList<>();
    private final AtomicReference<String> clientSubject = new AtomicReference<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** An agent with this key, asking for a client certificate from trustedClients' CA. */
    private int agent(KeyStore key, X509Certificate trustedClients) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(key, TestPki.PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trustedClients);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = context.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server.createContext("/jsonrpc", exchange -> {
            clientSubject.set(((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName());
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id").asLong()
                    + ",\"result\":{\"memFreeMb\":7,\"cpuUsagePercent\":1,\"vmCount\":0}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        // TLS reads would block the server's single dispatcher thread
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        servers.add(server);
        return server.getAddress().getPort();
    }

    /** Generous timeouts: the first TLS handshake of a JVM on a loaded 2-core machine can take seconds. */
    private static HostAgentClientFactory engine(TestPki ca) throws Exception {
        return new HostAgentClientFactory(new AgentCallLimits(Duration.ofSeconds(10), Duration.ofSeconds(20), 1 << 20),
                HostAgentTls.of(ca.issue("engine"), TestPki.PASSWORD, ca.caCert));
    }

    @Test
    void engineAndAgentAuthenticateEachOther() throws Exception {
        TestPki ca = new TestPki("engine-ca");
        int port = agent(ca.issue("host-01", "127.0.0.1"), ca.caCert);
        HostAgentClient client = engine(ca).forHost("127.0.0.1", port);
        assertTrue(client.endpoint().startsWith("https://"), client.endpoint());
        assertEquals(7, client.getStats().memFreeMb());
        assertEquals("CN=engine", clientSubject.get());
    }

    @Test
    void anAgentWithACertificateFromAnotherCaIsRefused() throws Exception {
        TestPki ca = new TestPki("engine-ca");
        TestPki other = new TestPki("other-ca");
        int port = agent(other.issue("host-01", "127.0.0.1"), ca.caCert);
        HostAgentException e = assertThrows(HostAgentException.class, engine(ca).forHost("127.0.0.1", port)::getStats);
        assertTrue(e.isTransportFailure());
        assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
        assertEquals(null, clientSubject.get());
    }

    @Test
    void anAgentWithAnotherHostsCertificateIsRefused() throws Exception {
        TestPki ca = new TestPki("engine-ca");
        // from the right CA, but for another address: a stolen or misplaced certificate of another host
        int port = agent(ca.issue("host-02", "10.9.9.9"), ca.caCert);
        HostAgentException e = assertThrows(HostAgentException.class, engine(ca).forHost("127.0.0.1", port)::getStats);
        assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
    }

    @Test
    void anAgentThatDoesNotTrustTheEnginesCaGetsNoCall() throws Exception {
        TestPki ca = new TestPki("engine-ca");
        TestPki other = new TestPki("other-ca");
        int port = agent(ca.issue("host-01", "127.0.0.1"), other.caCert);
        assertThrows(HostAgentException.class, engine(ca).forHost("127.0.0.1", port)::getStats);
        assertEquals(null, clientSubject.get());
    }

    @Test
    void withoutACertificateTheEngineCallsNoAgent() {
        HostAgentClientFactory factory = new HostAgentClientFactory(new AgentCallLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20),
                HostAgentTls.unusable("the engine has no host-channel certificate"));
        HostAgentException e = assertThrows(HostAgentException.class, factory.forHost("127.0.0.1", 1)::getStats);
        assertTrue(e.getMessage().endsWith("not called: the engine has no host-channel certificate"), e.getMessage());
    }
}
