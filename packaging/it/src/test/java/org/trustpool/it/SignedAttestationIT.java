package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * The attestation service as only the engine may ask it, with answers the engine can check, and
 * its own database role, on the real system: credentials on every door, a signature on every
 * verdict that survives nothing a man in the middle changes, and two roles that cannot write each
 * other's tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignedAttestationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path AGENT_JAR = SystemUnderTest.DIST.resolve("trustpool-hostagent-all.jar");

    private TrustpoolSystem system;
    private Api api;
    private AttestationAdmin attestation;
    private final List<AttestedAgent> agents = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    @BeforeAll
    void start() throws Exception {
        system = SystemUnderTest.start(SystemUnderTest.freshDir("signed"), SystemUnderTest.PORT);
        api = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());
        attestation = new AttestationAdmin(system);
        attestation.whitelistGoodMeasurements(AGENT_JAR);
    }

    @AfterAll
    void stop() {
        for (AttestedAgent agent : agents) {
            try {
                agent.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (system != null) {
            system.close();
        }
    }

    private Reply send(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(system.attestationUrl() + "/resources" + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path, e);
        }
    }

    private AttestedAgent agent(String prefix, String... extra) throws Exception {
        AttestedAgent agent = attestation.startRegistered(AGENT_JAR, prefix, WAIT, extra);
        agents.add(agent);
        return agent;
    }

    @Test
    void pollHostsAnswersOnlyTheEngineAndSignsEveryEntry() throws Exception {
        AttestedAgent good = agent("sg-good");
        String body = "{\"count\":2,\"hosts\":[\"" + good.name + "\",\"sg-never-registered\"],\"nonce\":\"" + "5a".repeat(32) + "\"}";
        assertEquals(401, send("POST", "/PollHosts", null, body).status(), "no credentials");
        assertEquals(401, send("POST", "/PollHosts", "wrong-token-wrong-token", body).status());
        assertEquals(401, send("POST", "/PollHosts", system.attestationReaderToken(), body).status(), "a reader cannot poll");
        assertEquals(401, send("POST", "/PollHosts", system.attestationRegistrationToken(), body).status(), "nor an agent");
        assertEquals(401, send("POST", "/PollHosts", system.attestationAdminToken(), body).status(), "nor the admin");

        Reply r = send("POST", "/PollHosts", system.attestationEngineToken(), body);
        assertEquals(200, r.status(), r.toString());
        JsonNode hosts = r.json().path("hosts");
        assertEquals(2, hosts.size(), r.toString());
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(system.attestationServiceCertificate())) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        for (JsonNode entry : hosts) {
            assertEquals("5a".repeat(32), entry.path("request_nonce").asText(), entry.toString());
            assertTrue(verifies((ObjectNode) entry, cert), "the service's signature verifies: " + entry);
            ObjectNode altered = entry.deepCopy();
            altered.put("trust_lvl", entry.path("trust_lvl").asText().equals("trusted") ? "untrusted" : "trusted");
            assertFalse(verifies(altered, cert), "and fails once the level is changed");
        }
        JsonNode first = hosts.get(0);
        assertEquals("trusted", first.path("trust_lvl").asText(), first.toString());
        assertTrue(first.path("challenge").asText().matches("[0-9a-f]{64}"), "the verified challenge is named: " + first);
        // the key file is the launcher's secret
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(
                system.dataDir().resolve("attestation-signing-key.pem"))));
    }

    /** The check the engine makes (AttestationClient), done here independently: canonical JSON without the signature. */
    private static boolean verifies(ObjectNode entry, X509Certificate cert) throws Exception {
        ObjectNode copy = entry.deepCopy();
        byte[] signature = Base64.getDecoder().decode(copy.remove("signature").asText());
        // the launcher's key is RSA-2048 (ServiceIdentity): the engine verifies one signature per host per refresh
        assertEquals("RSA", cert.getPublicKey().getAlgorithm());
        Signature v = Signature.getInstance("SHA256withRSA");
        v.initVerify(cert.getPublicKey());
        v.update(JSON.writeValueAsBytes(sorted(copy)));
        return v.verify(signature);
    }

    private static JsonNode sorted(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        names.sort(null);
        ObjectNode o = JSON.createObjectNode();
        names.forEach(n -> o.set(n, sorted(node.get(n))));
        return o;
    }

    @Test
    void hostsAndTheWhitelistNeedAReadersToken() throws Exception {
        AttestedAgent agent = agent("sg-read");
        for (String path : new String[] {"/hosts", "/hosts/" + agent.name, "/mles"}) {
            assertEquals(401, send("GET", path, null, null).status(), path + " without credentials");
            assertEquals(401, send("GET", path, system.attestationRegistrationToken(), null).status(), path + " by an agent");
            for (String token : new String[] {system.attestationReaderToken(), system.attestationEngineToken(),
                    system.attestationAdminToken()}) {
                assertEquals(200, send("GET", path, token, null).status(), path);
            }
        }
        // a whitelist entry that leaves PCRs of its type unchecked is refused
        Reply partial = send("POST", "/mles", system.attestationAdminToken(),
                "{\"type\":\"VMM\",\"name\":\"Partial\",\"version\":\"1\",\"pcrs\":{\"17\":\"" + "00".repeat(32) + "\"}}");
        assertEquals(400, partial.status(), partial.toString());
        assertTrue(partial.json().path("error").asText().contains("missing: PCR [18, 19]"), partial.toString());
    }

    @Test
    void aVerdictAlteredInTransitIsUnknownNeverTrusted() throws Exception {
        AttestedAgent bad = agent("sg-mitm", "--tamper", "sg-mitm01");
        // a man in the middle between the engine and the service who turns "untrusted" into "trusted"
        AtomicInteger flipped = new AtomicInteger();
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            byte[] request = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(system.baseUrl() + exchange.getRequestURI().toString()))
                    .timeout(Duration.ofSeconds(30)).method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(request))
                    .header("Content-Type", "application/json");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                forward.header("Authorization", authorization);
            }
            byte[] answer;
            int status;
            try {
                HttpResponse<String> r = http.send(forward.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status = r.statusCode();
                String text = r.body();
                if (text.contains("\"untrusted\"")) {
                    flipped.incrementAndGet();
                }
                answer = text.replace("\"untrusted\"", "\"trusted\"").getBytes(StandardCharsets.UTF_8);
            } catch (Exception e) {
                status = 502;
                answer = new byte[0];
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        proxy.start();
        try {
            assertEquals(200, api.put("/options/AttestationPort", "<option><value>" + proxy.getAddress().getPort()
                    + "</value></option>").status());
            Api.Reply cluster = api.post("/clusters", "<cluster><name>sg-trusted</name><data_center><name>Default</name></data_center>"
                    + "<cpu><type>Intel SandyBridge Family</type></cpu><trusted_service>true</trusted_service></cluster>");
            assertEquals(201, cluster.status(), cluster.toString());
            Api.Reply host = api.post("/hosts", "<host><name>" + bad.name + "</name><address>127.0.0.1</address><port>"
                    + bad.url.getPort() + "</port><cluster><name>sg-trusted</name></cluster></host>");
            assertEquals(201, host.status(), host.toString());
            String id = host.at("/host/@id");
            SystemUnderTest.await("the tampered host judged", WAIT, () -> api.get("/hosts/" + id),
                    h -> h.at("/host/status").equals("non_operational") && !h.at("/host/trust/level").isEmpty());
            Api.Reply judged = api.get("/hosts/" + id);
            assertTrue(flipped.get() > 0, "the proxy saw and flipped the service's verdict");
            assertEquals("unknown", judged.at("/host/trust/level"), judged.toString());
            assertTrue(judged.at("/host/trust/reason").contains("signature does not verify"), judged.toString());
            assertEquals("non_operational", judged.at("/host/status"), "never trusted");
        } finally {
            api.put("/options/AttestationPort", "<option><value>" + system.baseUrl().getPort() + "</value></option>");
            proxy.stop(0);
        }
    }

    @Test
    void theEngineAndTheServiceCannotWriteEachOthersTables() throws Exception {
        Properties engine = new Properties();
        engine.setProperty("user", system.dbUser());
        engine.setProperty("password", system.dbPassword().orElseThrow());
        Properties service = new Properties();
        service.setProperty("user", system.attestationDbUser());
        service.setProperty("password", system.attestationDbPassword().orElseThrow());
        assertEquals("engine", system.dbUser());
        assertEquals("attestation", system.attestationDbUser());
        try (Connection e = DriverManager.getConnection(system.jdbcUrl(), engine);
             Connection a = DriverManager.getConnection(system.jdbcUrl(), service)) {
            SQLException forgedMle = assertThrows(SQLException.class, () -> exec(e,
                    "insert into attestation.mles (mle_type, name, version) values ('VMM', 'Forged', '1')"));
            assertEquals("42501", forgedMle.getSQLState(), forgedMle.getMessage());
            assertThrows(SQLException.class, () -> exec(e, "delete from attestation.hosts"));
            SQLException forgedOption = assertThrows(SQLException.class,
                    () -> exec(a, "update public.vdc_options set option_value = 'x' where option_name = 'AttestationServer'"));
            assertEquals("42501", forgedOption.getSQLState(), forgedOption.getMessage());
            assertThrows(SQLException.class, () -> exec(a, "select public.UpdateVdcOption('AttestationServer', 'evil', 'general')"));
            // each still works in its own
            exec(a, "select count(*) from attestation.mles");
            exec(e, "select count(*) from public.vdc_options");
        }
        // and nobody gets in without a password
        Properties nobody = new Properties();
        nobody.setProperty("user", "postgres");
        SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(system.jdbcUrl(), nobody).close());
        assertTrue(refused.getMessage().contains("password"), refused.getMessage());
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
