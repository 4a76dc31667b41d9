package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.trustpool.launcher.TrustpoolSystem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Roles, search, paging, JSON, SSO tokens and faults, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiBehaviourIT {
    private TrustpoolSystem system;
    private Api admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        system = SystemUnderTest.start(SystemUnderTest.freshDir("api"), SystemUnderTest.PORT + 200);
        admin = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());
        for (String name : new String[] {"alpha-1", "alpha-2", "beta-1"}) {
            assertEquals(201, admin.post("/clusters", "<cluster><name>" + name + "</name></cluster>").status());
        }
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void readOnlyUserReadsButEveryKindOfChangeIs403() {
        Api.Reply added = admin.post("/users", "<user><user_name>viewer@internal</user_name><password>viewer-pass-1</password><role>read_only</role></user>");
        assertEquals(201, added.status(), added.toString());
        assertFalse(added.body().contains("viewer-pass-1"), "the password is never returned");
        Api viewer = admin.as("viewer@internal", "viewer-pass-1");
        assertEquals(200, viewer.get("/clusters").status());
        String defaultId = viewer.get("/clusters?search=name=Default").at("/clusters/cluster/@id");
        assertEquals(403, viewer.post("/clusters", "<cluster><name>nope</name></cluster>").status());
        assertEquals(403, viewer.put("/clusters/" + defaultId, "<cluster><description>x</description></cluster>").status());
        assertEquals(403, viewer.delete("/clusters/" + defaultId).status());
        assertEquals(403, viewer.post("/users", "<user><user_name>x@internal</user_name><password>xxxxxxxxx</password></user>").status());
        Api.Reply forbidden = viewer.post("/vms", "<vm/>");
        assertEquals(403, forbidden.status());
        assertEquals("Forbidden", forbidden.at("/fault/reason"));
        assertFalse(admin.get("/clusters").body().contains("nope"));
    }

    /** One engine: it is up, watches every host and runs the re-attestation schedule; each host names it. */
    @Test
    void theEngineNodeWatchesEveryHostAndSaysSo() {
        int hosts = admin.get("/hosts").count("/hosts/host");
        String node = admin.get("/enginenodes").at("/engine_nodes/engine_node[status='up']/name");
        assertFalse(node.isEmpty(), admin.get("/enginenodes").body());
        assertEquals(1, admin.get("/enginenodes").count("/engine_nodes/engine_node[status='up']"));
        SystemUnderTest.await("every host leased to " + node, java.time.Duration.ofSeconds(30),
                () -> admin.get("/enginenodes").at("/engine_nodes/engine_node[name='" + node + "']/monitored_hosts"),
                String.valueOf(hosts)::equals);
        assertEquals("reattestation", admin.get("/enginenodes").at("/engine_nodes/engine_node[name='" + node + "']/runs"));
        assertEquals(hosts, admin.get("/hosts").count("/hosts/host[monitored_by='" + node + "']"));
    }

    @Test
    void searchAndPaging() {
        Api.Reply alphas = admin.get("/clusters?search=name%3Dalpha*");
        assertEquals(2, alphas.count("/clusters/cluster"), alphas.toString());
        assertEquals(1, admin.get("/clusters?search=name%3Dalpha*&max=1").count("/clusters/cluster"));
        assertEquals(1, admin.get("/clusters?search=name%3DBETA-1").count("/clusters/cluster"));
        // the pattern (22 stars and an X) took 25 s of CPU as a regular expression; now it is an ordinary search
        Api.Reply hostile = admin.get("/clusters?search=name%3D" + "*".repeat(22) + "X");
        assertEquals(200, hostile.status(), hostile.toString());
        assertEquals(0, hostile.count("/clusters/cluster"));
        assertEquals(2, admin.get("/clusters?search=name%3D" + "*".repeat(22) + "alpha*").count("/clusters/cluster"));
        Api.Reply tooLong = admin.get("/clusters?search=name%3D" + "*".repeat(256));
        assertEquals(400, tooLong.status(), tooLong.toString());
        assertTrue(tooLong.at("/fault/detail").contains("255"), tooLong.toString());
        Api.Reply bad = admin.get("/clusters?search=owner%3Dbob");
        assertEquals(400, bad.status());
        assertTrue(bad.at("/fault/detail").contains("Cannot search by 'owner'"), bad.toString());
    }

    @Test
    void jsonWhenAskedForIt() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + "/clusters?search=name%3Dalpha-1"))
                .header("Accept", "application/json").header("Authorization", basic(system.adminUser(), system.adminPassword())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode json = new ObjectMapper().readTree(response.body());
        assertEquals("alpha-1", json.get("cluster").get(0).get("name").asText(), response.body());
        HttpResponse<String> fault = http.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + "/clusters/" + java.util.UUID.randomUUID()))
                .header("Accept", "application/json").header("Authorization", basic(system.adminUser(), system.adminPassword())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, fault.statusCode());
        assertEquals("Not Found", new ObjectMapper().readTree(fault.body()).get("reason").asText(), fault.body());
    }

    @Test
    void ssoTokenWorksAsBearerUntilRevoked() throws Exception {
        HttpResponse<String> token = ssoLogin("admin%40internal", system.adminPassword());
        assertEquals(200, token.statusCode(), token.body());
        String accessToken = new ObjectMapper().readTree(token.body()).get("access_token").asText();
        assertEquals(200, bearerGet(accessToken).statusCode());
        http.send(HttpRequest.newBuilder(URI.create(system.baseUrl() + "/ovirt-engine/services/sso-logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + accessToken)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, bearerGet(accessToken).statusCode());

        HttpResponse<String> wrong = ssoLogin("admin%40internal", "nope");
        assertEquals(401, wrong.statusCode());
        assertEquals("access_denied", new ObjectMapper().readTree(wrong.body()).get("error_code").asText());
    }

    @Test
    void wrongPasswordsBackOffTheirAddressOnlyWhileTheOwnerLogsInFromAnotherAndItIsAudited() throws Exception {
        assertEquals(200, admin.put("/options/LoginSourceFreeFailures", "<option><value>0</value></option>").status());
        assertEquals(200, admin.put("/options/LoginBackoffMaxSeconds", "<option><value>1</value></option>").status());
        try {
            assertEquals(201, admin.post("/users", "<user><user_name>locky@internal</user_name><password>locky-pass-1</password>"
                    + "<role>read_only</role></user>").status());
            // The attacker hammers the account from 127.0.0.2; each failure makes that address wait (capped at 1 s here).
            int refused = 0;
            int told = 0;
            for (int i = 0; refused < 5 && i < 200; i++) {
                RawReply reply = rawGet("127.0.0.2", "locky@internal", "guess-" + i);
                if (reply.status() == 429) {
                    told++;
                    assertTrue(reply.head().contains("Retry-After: 1"), reply.head());
                    Thread.sleep(1_000);
                } else {
                    assertEquals(401, reply.status(), reply.head());
                    refused++;
                }
            }
            assertEquals(5, refused);
            assertTrue(told > 0, "an attempt right after a failure is told to wait, not checked");
            RawReply stillWaiting = rawGet("127.0.0.2", "locky@internal", "guess-again");
            assertEquals(429, stillWaiting.status(), "backing off: not even checked");
            // Meanwhile the owner logs in from another address, at once.
            assertEquals(200, rawGet("127.0.0.3", "locky@internal", "locky-pass-1").status(), "the owner is not locked out");
            assertTrue(admin.get("/events?max=50").body().contains("5 wrong passwords for locky@internal from 127.0.0.2"));
            // The SSO endpoint backs off the same way (its requests come from 127.0.0.1).
            assertEquals(401, ssoLogin("locky%40internal", "wrong").statusCode());
            HttpResponse<String> waiting = ssoLogin("locky%40internal", "wrong");
            assertEquals(429, waiting.statusCode(), waiting.body());
            assertEquals("temporarily_unavailable", new ObjectMapper().readTree(waiting.body()).get("error_code").asText());
        } finally {
            admin.put("/options/LoginSourceFreeFailures", "<option><value>3</value></option>");
            admin.put("/options/LoginBackoffMaxSeconds", "<option><value>300</value></option>");
        }
    }

    record RawReply(int status, String head) {
    }

    /**
     * GET /clusters with HTTP Basic from a chosen loopback address (127.0.0.2, ...): the JDK's HttpClient
     * cannot choose its local address, so this is a plain socket bound to it, speaking HTTP/1.1.
     */
    private RawReply rawGet(String fromAddress, String user, String password) throws Exception {
        URI api = URI.create(system.apiUrl() + "/clusters");
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(fromAddress, 0));
            socket.connect(new java.net.InetSocketAddress(api.getHost(), api.getPort()), 5_000);
            socket.setSoTimeout(60_000);
            String request = "GET " + api.getRawPath() + " HTTP/1.1\r\nHost: " + api.getHost() + ":" + api.getPort()
                    + "\r\nAuthorization: " + basic(user, password) + "\r\nAccept: application/xml\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = answer.indexOf("\r\n\r\n");
            String head = end < 0 ? answer : answer.substring(0, end);
            return new RawReply(Integer.parseInt(head.substring(9, 12)), head);
        }
    }

    private HttpResponse<String> ssoLogin(String encodedUser, String password) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(system.baseUrl() + "/ovirt-engine/sso/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&scope=ovirt-app-api&username=" + encodedUser + "&password="
                        + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void faultsHaveTheRightStatus() {
        assertEquals(400, admin.post("/clusters", "<cluster><name>x</name>").status());
        assertEquals(404, admin.get("/vms/" + java.util.UUID.randomUUID()).status());
        assertEquals(404, admin.get("/no-such-collection").status());
        assertEquals(409, admin.post("/clusters", "<cluster><name>alpha-1</name></cluster>").status());
        assertEquals(401, admin.as("admin@internal", "bad").get("/clusters").status());
        Api.Reply option = admin.put("/options/AttestationBatchSize", "<option><value>0</value></option>");
        assertEquals(400, option.status(), option.toString());
        assertTrue(option.at("/fault/detail").contains("from 1 to 10000"), option.toString());
    }

    @Test
    void exportAndImportKeepTrustOrAskForConfirmation() {
        assertEquals(201, admin.post("/clusters", "<cluster><name>exp-secure</name><trusted_service>true</trusted_service></cluster>").status());
        Api.Reply vm = admin.post("/vms", "<vm><name>exp-vm</name><cluster><name>exp-secure</name></cluster>"
                + "<trusted_host_flag>true</trusted_host_flag></vm>");
        assertEquals(201, vm.status(), vm.toString());
        String id = vm.at("/vm/@id");
        assertEquals(200, admin.post("/vms/" + id + "/export", "<action/>").status());
        assertEquals(200, admin.delete("/vms/" + id).status());
        Api.Reply exports = admin.get("/exports/vms");
        assertEquals("true", exports.at("/vms/vm[@id='" + id + "']/cluster/trusted_service"), exports.toString());
        assertEquals("true", exports.at("/vms/vm[@id='" + id + "']/trusted_host_flag"));

        Api.Reply refused = admin.post("/exports/vms/" + id + "/import", "<action><cluster><name>Default</name></cluster></action>");
        assertEquals(409, refused.status(), refused.toString());
        assertTrue(refused.at("/fault/detail").contains("exported from a trusted cluster"), refused.toString());
        assertEquals(404, admin.get("/vms/" + id).status(), "nothing was created");

        Api.Reply imported = admin.post("/exports/vms/" + id + "/import", "<action><cluster><name>Default</name></cluster><force>true</force></action>");
        assertEquals(200, imported.status(), imported.toString());
        Api.Reply back = admin.get("/vms/" + id);
        assertEquals("exp-vm", back.at("/vm/name"));
        assertEquals("true", back.at("/vm/trusted_host_flag"), "the VM-level flag always travels");
        assertTrue(admin.get("/events?max=50").body().contains("confirmed importing it into this cluster, which is not trusted"));
    }

    /**
     * Edit VM into a plain cluster and New VM from a trusted cluster's template follow import's rule: a 409 with
     * the same words, nothing changed and nothing logged as an error; force=true does it, audited as oVirt's
     * warning (its code and name).
     */
    @Test
    void trustedVmsMovedOrMadeIntoAPlainClusterAreAskedForFirstAndTheDecisionIsAWarning() {
        assertEquals(201, admin.post("/clusters", "<cluster><name>mv-secure</name><trusted_service>true</trusted_service></cluster>").status());
        Api.Reply vm = admin.post("/vms", "<vm><name>mv-vm</name><cluster><name>mv-secure</name></cluster></vm>");
        assertEquals(201, vm.status(), vm.toString());
        String path = "/vms/" + vm.at("/vm/@id");
        String secureId = vm.at("/vm/cluster/@id");

        Api.Reply asked = admin.put(path, "<vm><cluster><name>Default</name></cluster></vm>");
        assertEquals(409, asked.status(), asked.toString());
        assertEquals("[Cannot update VM. VM mv-vm is in trusted cluster mv-secure, and cluster Default is not trusted: there it would"
                + " run on any host of that cluster, attested or not. Choose a trusted cluster, or confirm (force=true) to update it anyway.]",
                asked.at("/fault/detail"));
        assertEquals(secureId, admin.get(path).at("/vm/cluster/@id"), "nothing moved");
        assertEquals(400, admin.put(path + "?force=yes", "<vm><cluster><name>Default</name></cluster></vm>").status(), "true or false only");
        Api.Reply events = admin.get("/events?max=100");
        assertEquals(0, events.count("/events/event[contains(description, 'mv-vm') and severity='error']"), events.toString());

        Api.Reply moved = admin.put(path + "?force=true", "<vm><cluster><name>Default</name></cluster></vm>");
        assertEquals(200, moved.status(), moved.toString());
        assertEquals("Default", admin.get("/clusters/" + moved.at("/vm/cluster/@id")).at("/cluster/name"));
        events = admin.get("/events?max=100");
        assertEquals("warning", events.at("/events/event[code='10001']/severity"), events.toString());
        assertTrue(events.at("/events/event[code='10001']/description").startsWith("VM mv-vm was moved from trusted cluster mv-secure"
                + " to cluster Default, which is not trusted; admin@internal confirmed it"), events.toString());

        // New VM from a trusted cluster's template, in a plain cluster: the same question, the same rule
        Api.Reply source = admin.post("/vms", "<vm><name>mv-src</name><cluster><name>mv-secure</name></cluster>"
                + "<trusted_host_flag>true</trusted_host_flag></vm>");
        assertEquals(201, source.status(), source.toString());
        assertEquals(201, admin.post("/templates", "<template><name>mv-tpl</name><vm id=\"" + source.at("/vm/@id") + "\"/></template>").status());
        String child = "<vm><name>mv-child</name><cluster><name>Default</name></cluster><template><name>mv-tpl</name></template></vm>";
        Api.Reply askedToo = admin.post("/vms", child);
        assertEquals(409, askedToo.status(), askedToo.toString());
        assertEquals("[Cannot add VM. VM mv-child would be made from template mv-tpl of trusted cluster mv-secure, and cluster Default is"
                + " not trusted: it keeps Run on Trusted Host, so it still starts only on hosts that pass attestation, but the cluster no"
                + " longer requires trust. Choose a trusted cluster, or confirm (force=true) to add it anyway.]", askedToo.at("/fault/detail"));
        assertEquals(0, admin.get("/vms?search=name%3Dmv-child").count("/vms/vm"));
        Api.Reply made = admin.post("/vms?force=true", child);
        assertEquals(201, made.status(), made.toString());
        assertEquals("true", made.at("/vm/trusted_host_flag"), "the template's flag came with it");
        events = admin.get("/events?max=100");
        assertEquals("warning", events.at("/events/event[code='10005']/severity"), events.toString());
        assertTrue(events.at("/events/event[code='10005']/description").startsWith("VM mv-child was created by admin@internal from"
                + " template mv-tpl of trusted cluster mv-secure in cluster Default"), events.toString());
    }

    /** A trusted VM with no trusted host to go to: the refusal leads with trust, host by host, in the fault and the event. */
    @Test
    void aTrustedVmWithNoTrustedHostIsRefusedWithTrustFirst() throws Exception {
        assertEquals(201, admin.post("/clusters", "<cluster><name>rf-secure</name><trusted_service>true</trusted_service></cluster>").status());
        int nobodyListens;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            nobodyListens = socket.getLocalPort();
        }
        Api.Reply host = admin.post("/hosts", "<host><name>rf-ghost</name><address>127.0.0.1</address><port>" + nobodyListens
                + "</port><cluster><name>rf-secure</name></cluster></host>");
        assertEquals(201, host.status(), host.toString());
        Api.Reply vm = admin.post("/vms", "<vm><name>rf-vm</name><cluster><name>rf-secure</name></cluster></vm>");
        assertEquals(201, vm.status(), vm.toString());

        Api.Reply refused = admin.post("/vms/" + vm.at("/vm/@id") + "/start", "<action/>");
        assertEquals(409, refused.status(), refused.toString());
        String detail = refused.at("/fault/detail");
        assertTrue(detail.startsWith("[Cannot run VM. No trusted host is available in cluster rf-secure: host rf-ghost is not attested"), detail);
        Api.Reply events = admin.get("/events?max=100");
        String denied = "/events/event[code='20005' and contains(description, 'rf-vm')]";
        assertEquals("warning", events.at(denied + "/severity"), events.toString());
        assertTrue(events.at(denied + "/description").contains("No trusted host is available in cluster rf-secure: host rf-ghost is not attested"),
                events.toString());
    }

    @Test
    void concurrentPutsOfDifferentFieldsOfOneVmBothLand() throws Exception {
        Api.Reply vm = admin.post("/vms", "<vm><name>merge-vm</name><cluster><name>Default</name></cluster></vm>");
        assertEquals(201, vm.status(), vm.toString());
        String path = "/vms/" + vm.at("/vm/@id");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 1; round <= 5; round++) {
                long memory = (1024L + round * 256) * 1024 * 1024;
                String description = "round " + round;
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.concurrent.Future<Api.Reply> memoryPut = pool.submit(() -> {
                    together.await();
                    return admin.put(path, "<vm><memory>" + memory + "</memory></vm>");
                });
                java.util.concurrent.Future<Api.Reply> descriptionPut = pool.submit(() -> {
                    together.await();
                    return admin.put(path, "<vm><description>" + description + "</description></vm>");
                });
                assertEquals(200, memoryPut.get(60, java.util.concurrent.TimeUnit.SECONDS).status());
                assertEquals(200, descriptionPut.get(60, java.util.concurrent.TimeUnit.SECONDS).status());
                Api.Reply now = admin.get(path);
                assertEquals(String.valueOf(memory), now.at("/vm/memory"), "round " + round + ": " + now);
                assertEquals(description, now.at("/vm/description"), "round " + round + ": " + now);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCorrelationIdTooLongForTheAuditLogIsRefusedBeforeAnythingChanges() throws Exception {
        Api.Reply vm = admin.post("/vms", "<vm><name>corr-vm</name><cluster><name>Default</name></cluster></vm>");
        assertEquals(201, vm.status(), vm.toString());
        String uri = system.apiUrl() + "/vms/" + vm.at("/vm/@id");
        HttpResponse<String> refused = putWithCorrelationId(uri, "<vm><description>too long</description></vm>", "x".repeat(256));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("255"), refused.body());
        assertFalse(admin.get("/vms/" + vm.at("/vm/@id")).body().contains("too long"), "nothing was changed");

        String longest = "c".repeat(255);
        HttpResponse<String> taken = putWithCorrelationId(uri, "<vm><description>just fits</description></vm>", longest);
        assertEquals(200, taken.statusCode(), taken.body());
        assertTrue(admin.get("/events?max=50").body().contains(longest), "the change's audit entry is there, with its correlation id");
    }

    private HttpResponse<String> putWithCorrelationId(String uri, String xml, String correlationId) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).header("Authorization", basic(system.adminUser(), system.adminPassword()))
                .header("Content-Type", "application/xml").header("Correlation-Id", correlationId)
                .PUT(HttpRequest.BodyPublishers.ofString(xml)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> bearerGet(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(system.apiUrl() + "/clusters")).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
