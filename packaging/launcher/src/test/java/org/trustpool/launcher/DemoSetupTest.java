package org.trustpool.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DemoSetup against a stand-in engine that speaks the REST contract (GET/POST .../api/hosts). */
class DemoSetupTest {

    private HttpServer server;
    private final Map<String, String> statuses = new LinkedHashMap<>();
    private final List<String> posted = new ArrayList<>();
    /** The agent address:port of hosts the stand-in lists with one. */
    private final Map<String, String> addresses = new LinkedHashMap<>();
    private volatile int getsUntilUp = 1;
    private volatile boolean apiMissing;
    private final String auth = "Basic " + Base64.getEncoder().encodeToString("admin@internal:pw".getBytes(StandardCharsets.UTF_8));

    @BeforeEach
    void startEngine() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ovirt-engine/api/hosts", this::hosts);
        server.start();
    }

    @AfterEach
    void stopEngine() {
        server.stop(0);
    }

    private synchronized void hosts(HttpExchange ex) throws IOException {
        if (apiMissing) {
            reply(ex, 404, "<html>Not Found</html>");
        } else if (!auth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            reply(ex, 401, "");
        } else if (ex.getRequestMethod().equals("POST")) {
            assertEquals("application/xml", ex.getRequestHeaders().getFirst("Content-Type"));
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Document d = HostsXml.parse(body);
            String name = d.getElementsByTagName("name").item(0).getTextContent();
            assertEquals("127.0.0.1", d.getElementsByTagName("address").item(0).getTextContent());
            assertEquals("Default", ((org.w3c.dom.Element) d.getElementsByTagName("cluster").item(0))
                    .getElementsByTagName("name").item(0).getTextContent());
            if (statuses.containsKey(name)) {
                reply(ex, 409, "<fault><reason>Operation Failed</reason><detail>[Host name already in use]</detail></fault>");
                return;
            }
            posted.add(body);
            statuses.put(name, "installing");
            reply(ex, 201, "<host id=\"" + UUID.randomUUID() + "\"><name>" + name + "</name><status>installing</status></host>");
        } else {
            if (getsUntilUp-- <= 0) {
                statuses.replaceAll((k, v) -> "up");
            }
            StringBuilder sb = new StringBuilder("<hosts>");
            statuses.forEach((name, status) -> {
                sb.append("<host id=\"x\" href=\"/h\"><name>").append(name).append("</name><status>").append(status).append("</status>");
                String at = addresses.get(name);
                if (at != null) {
                    sb.append("<address>").append(at.split(":")[0]).append("</address><port>").append(at.split(":")[1]).append("</port>");
                }
                sb.append("</host>");
            });
            reply(ex, 200, sb.append("</hosts>").toString());
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/xml");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    private DemoSetup demo(String password) {
        URI api = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ovirt-engine/api");
        return new DemoSetup(api, "admin@internal", password, new Progress(new PrintStream(new ByteArrayOutputStream()), 8));
    }

    private static SimulatedHost host(int i) {
        return new SimulatedHost("host-0" + i, UUID.randomUUID(), URI.create("http://127.0.0.1:" + (54320 + i) + "/jsonrpc"));
    }

    @Test
    void addsOnlyUnknownHostsAndWaitsUntilUp() throws Exception {
        statuses.put("host-01", "up");
        DemoSetup.Outcome outcome = demo("pw").addHostsAndWait(List.of(host(1), host(2)), Duration.ofSeconds(20));
        assertEquals(1, outcome.added());
        assertEquals("1 added (host-02) and it is as expected; found from an earlier run: host-01 up", outcome.summary());
        assertEquals(List.of("<host><name>host-02</name><address>127.0.0.1</address><port>54322</port>"
                + "<cluster><name>Default</name></cluster></host>"), posted);
        assertEquals("up", statuses.get("host-02"));
    }

    @Test
    void aSecondRunAddsNothing() throws Exception {
        demo("pw").addHostsAndWait(List.of(host(1)), Duration.ofSeconds(20));
        assertEquals(0, demo("pw").addHostsAndWait(List.of(host(1)), Duration.ofSeconds(20)).added());
        assertEquals(1, posted.size());
    }

    /** The administrator put one demo host into Maintenance and renamed another: a second run takes them as they are. */
    @Test
    void aSecondRunNeitherWaitsOnNorFailsForHostsTheAdministratorChanged() throws Exception {
        getsUntilUp = Integer.MAX_VALUE; // nothing the engine knows would ever come Up
        statuses.put("host-01", "maintenance");
        statuses.put("web-02", "maintenance");
        addresses.put("web-02", "127.0.0.1:54322");
        DemoSetup.Outcome outcome = demo("pw").addHostsAndWait(List.of(host(1), host(2)), Duration.ofMillis(500));
        assertEquals(0, outcome.added());
        assertEquals(List.of(), posted, "neither is added again");
        assertEquals("0 added; found from an earlier run: host-01 maintenance, host-02 (now named web-02) maintenance",
                outcome.summary());
    }

    @Test
    void hostsThatStayDownAreNamed() {
        getsUntilUp = Integer.MAX_VALUE;
        LaunchException e = assertThrows(LaunchException.class,
                () -> demo("pw").addHostsAndWait(List.of(host(1), host(2)), Duration.ofMillis(100)));
        assertEquals("hosts not as expected after 0 s: host-01 (installing), host-02 (installing)", e.getMessage());
    }

    @Test
    void wrongPassword() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> demo("wrong").addHostsAndWait(List.of(host(1)), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("admin@internal was refused (HTTP 401)"), e.getMessage());
    }

    @Test
    void noRestApi() {
        apiMissing = true;
        LaunchException e = assertThrows(LaunchException.class,
                () -> demo("pw").addHostsAndWait(List.of(host(1)), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("has no /ovirt-engine/api/hosts (HTTP 404)"), e.getMessage());
    }

    @Test
    void namesAreEscaped() {
        SimulatedHost odd = new SimulatedHost("a<b&c", UUID.randomUUID(), URI.create("http://127.0.0.1:1/jsonrpc"));
        assertTrue(DemoSetup.hostXml(odd).contains("<name>a&lt;b&amp;c</name>"));
    }
}
