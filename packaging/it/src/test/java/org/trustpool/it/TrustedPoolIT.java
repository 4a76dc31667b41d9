package org.trustpool.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.TestInstance;
import org.trustpool.launcher.TrustpoolSystem;


/**
 * Trusted compute pools end to end: the real engine, the real attestation service and real
 * host-agent processes with software TPMs, one of them booted with a tampered kernel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustedPoolIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path AGENT_JAR = SystemUnderTest.DIST.resolve("trustpool-hostagent-all.jar");

    private TrustpoolSystem system;
    private Api api;
    private final List<AttestedAgent> agents = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private AttestationAdmin attestation;

    @BeforeAll
    void start() throws Exception {
        system = SystemUnderTest.start(SystemUnderTest.freshDir("trusted"), SystemUnderTest.PORT + 300);
        api = new Api(system.apiUrl(), system.adminUser(), system.adminPassword());
        attestation = new AttestationAdmin(system);
        attestation.whitelistGoodMeasurements(AGENT_JAR);
        // Re-attest often, so a host tampered at run time is caught within seconds.
        assertEquals(200, api.put("/options/AttestationReattestPeriodSeconds", "<option><value>2</value></option>").status());
        assertEquals(200, api.put("/options/AttestationTrustValiditySeconds", "<option><value>10</value></option>").status());
    }

    @AfterAll
    void stop() throws Exception {
        for (AttestedAgent agent : agents) {
            agent.kill();
        }
        if (system != null) {
            system.close();
        }
    }

    private AttestedAgent agent(String prefix, String... extra) throws Exception {
        AttestedAgent agent = attestation.startRegistered(AGENT_JAR, prefix, WAIT, extra);
        agents.add(agent);
        return agent;
    }

    private String addHost(AttestedAgent agent, String cluster) {
        Api.Reply host = api.post("/hosts", "<host><name>" + agent.name + "</name><address>127.0.0.1</address><port>"
                + agent.url.getPort() + "</port><cluster><name>" + cluster + "</name></cluster></host>");
        assertEquals(201, host.status(), host.toString());
        return host.at("/host/@id");
    }

    private String status(String hostId) {
        return api.get("/hosts/" + hostId).at("/host/status");
    }

    private void awaitStatus(String hostId, String status) {
        SystemUnderTest.await("host " + hostId + " " + status, WAIT, () -> status(hostId), status::equals);
    }

    private String addVm(String xml) {
        Api.Reply vm = api.post("/vms", xml);
        assertEquals(201, vm.status(), vm.toString());
        return vm.at("/vm/@id");
    }

    private String events() {
        return api.get("/events?max=500").body();
    }

    @Test
    void trustedClusterKeepsUntrustedHostsOutAndCatchesTamperingAtRunTime() throws Exception {
        // the feature page's request, as written (our host and port, <data_center> without the stray quotes)
        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-u",
                system.adminUser() + ":" + system.adminPassword(), "-H", "Content-type: application/xml", "-d",
                "<cluster><name>my_trust_cluster</name><data_center><name>Default</name></data_center> <version minor=\"2\" major=\"3\"/>"
                        + " <cpu id=\"Intel SandyBridge Family\"/><trusted_service>true</trusted_service></cluster>",
                system.baseUrl() + "/api/clusters").start();
        assertEquals("201", new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        Api.Reply cluster = api.get("/clusters?search=name%3Dmy_trust_cluster");
        assertEquals("true", cluster.at("/clusters/cluster/trusted_service"));

        AttestedAgent good1 = agent("tc-good");
        AttestedAgent good2 = agent("tc-live", "--allow-tamper-control");
        AttestedAgent bad = agent("tc-bad", "--tamper", "tc-bad01");
        String g1 = addHost(good1, "my_trust_cluster");
        String g2 = addHost(good2, "my_trust_cluster");
        String b = addHost(bad, "my_trust_cluster");
        awaitStatus(g1, "up");
        awaitStatus(g2, "up");
        awaitStatus(b, "non_operational");
        Api.Reply badHost = api.get("/hosts/" + b);
        assertEquals("untrusted", badHost.at("/host/trust/level"));
        assertTrue(badHost.at("/host/trust/reason").contains("PCR 19"), badHost.toString());
        assertTrue(events().contains("Host tc-bad01 is not trusted (UNTRUSTED"), "VDS_UNTRUSTED in the audit log");

        // Activate of the untrusted host fails, with the reason
        Api.Reply activate = api.post("/hosts/" + b + "/activate", "<action/>");
        assertEquals(409, activate.status(), activate.toString());
        assertTrue(activate.at("/fault/detail").contains("does not trust host tc-bad01"), activate.toString());
        assertEquals("non_operational", status(b));

        // VMs run only on trusted hosts; a pinned one stays where it is when its host goes bad
        String mobile = addVm("<vm><name>tc-mobile</name><cluster><name>my_trust_cluster</name></cluster><memory>268435456</memory></vm>");
        String pinned = addVm("<vm><name>tc-pinned</name><cluster><name>my_trust_cluster</name></cluster><memory>268435456</memory>"
                + "<placement_policy><affinity>pinned</affinity><hosts><host id=\"" + g2 + "\"/></hosts></placement_policy></vm>");
        assertEquals(200, api.post("/vms/" + mobile + "/start", "<action><host id=\"" + g2 + "\"/></action>").status());
        assertEquals(200, api.post("/vms/" + pinned + "/start", "<action/>").status());
        assertEquals(g2, api.get("/vms/" + mobile).at("/vm/host/@id"));
        Api.Reply toBad = api.post("/vms/" + mobile + "/migrate", "<action><host id=\"" + b + "\"/></action>");
        assertEquals(409, toBad.status(), toBad.toString());

        // a kernel module loaded at run time: PCR 19 changes while the host is Up
        tamper(good2);
        awaitStatus(g2, "non_operational");
        SystemUnderTest.await("mobile VM moved to the trusted host", WAIT, () -> api.get("/vms/" + mobile).at("/vm/host/@id"), g1::equals);
        assertEquals(g2, api.get("/vms/" + pinned).at("/vm/host/@id"), "a non-migratable VM keeps running");
        assertEquals("up", api.get("/vms/" + pinned).at("/vm/status"));
        assertTrue(events().contains("VMs not moved: tc-pinned"), "the audit entry names the VM that stayed");

        // the attestation service unreachable: trusted placements refused at once, other clusters unaffected
        assertEquals(200, api.put("/options/AttestationPort", "<option><value>9</value></option>").status());
        SystemUnderTest.await("outage alert", WAIT, this::events, e -> e.contains("attestation service cannot be reached"));
        String late = addVm("<vm><name>tc-late</name><cluster><name>my_trust_cluster</name></cluster><memory>268435456</memory></vm>");
        SystemUnderTest.await("trusted placement refused during the outage", WAIT,
                () -> api.post("/vms/" + late + "/start", "<action/>").status(), s -> s == 409);
        assertEquals("up", status(g1), "an outage does not take hosts out of service");
        assertEquals(g1, api.get("/vms/" + mobile).at("/vm/host/@id"), "nor shuffles running VMs");
        assertEquals(200, api.put("/options/AttestationPort", "<option><value>" + system.baseUrl().getPort() + "</value></option>").status());
        SystemUnderTest.await("placements work again once the service answers", WAIT,
                () -> api.post("/vms/" + late + "/start", "<action/>").status(), s -> s == 200);
        assertEquals(g1, api.get("/vms/" + late).at("/vm/host/@id"));
        assertTrue(events().contains("The attestation service answers again."));
    }

    @Test
    void trustedVmsInAPlainClusterTemplatesAndHighAvailability() throws Exception {
        AttestedAgent good = agent("tv-good");
        AttestedAgent good2 = agent("tv-spare", "--allow-tamper-control");
        AttestedAgent bad = agent("tv-bad", "--tamper", "tv-bad01");
        String g = addHost(good, "Default");
        String g2 = addHost(good2, "Default");
        String b = addHost(bad, "Default");
        awaitStatus(g, "up");
        awaitStatus(g2, "up");
        awaitStatus(b, "up"); // a plain cluster does not attest hosts to let them in

        // the feature page's request, as written (our host and port)
        Process curl = new ProcessBuilder("curl", "-s", "-u", system.adminUser() + ":" + system.adminPassword(),
                "-H", "Content-type: application/xml", "-d",
                "<vm><name>my_new_vm</name><cluster><name>Default</name></cluster><template><name>Blank</name></template>"
                        + "<trusted_host_flag>true</trusted_host_flag></vm>", system.baseUrl() + "/api/vms").start();
        String created = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS));
        assertTrue(created.contains("<trusted_host_flag>true</trusted_host_flag>"), created);
        String vm = api.get("/vms?search=name%3Dmy_new_vm").at("/vms/vm/@id");

        // edit to "any host" and back
        assertEquals("false", api.put("/vms/" + vm, "<vm><trusted_host_flag>false</trusted_host_flag></vm>").at("/vm/trusted_host_flag"));
        assertEquals("true", api.put("/vms/" + vm, "<vm><trusted_host_flag>true</trusted_host_flag></vm>").at("/vm/trusted_host_flag"));

        // ten starts: always a trusted host, never the tampered one
        for (int i = 0; i < 10; i++) {
            assertEquals(200, api.post("/vms/" + vm + "/start", "<action/>").status());
            String host = api.get("/vms/" + vm).at("/vm/host/@id");
            assertFalse(host.equals(b), "start " + i + " landed on the tampered host");
            assertEquals(200, api.post("/vms/" + vm + "/stop", "<action/>").status());
        }

        // a template from the powered-off trusted VM is trusted, and so is a VM made from it
        Api.Reply template = api.post("/templates", "<template><name>trusted-tpl</name><vm id=\"" + vm + "\"/></template>");
        assertEquals(201, template.status(), template.toString());
        assertEquals("true", template.at("/template/trusted_host_flag"));
        String child = addVm("<vm><name>tv-child</name><cluster><name>Default</name></cluster><template><name>trusted-tpl</name></template></vm>");
        assertEquals("true", api.get("/vms/" + child).at("/vm/trusted_host_flag"));

        // migration only to a trusted host
        assertEquals(200, api.post("/vms/" + vm + "/start", "<action><host id=\"" + g + "\"/></action>").status());
        Api.Reply toBad = api.post("/vms/" + vm + "/migrate", "<action><host id=\"" + b + "\"/></action>");
        assertEquals(409, toBad.status());
        assertTrue(toBad.at("/fault/detail").contains("No trusted host is available in cluster Default: host tv-bad01 is "), toBad.toString());
        assertEquals(200, api.post("/vms/" + vm + "/migrate", "<action><host id=\"" + g2 + "\"/></action>").status());
        assertEquals(200, api.post("/vms/" + vm + "/stop", "<action/>").status());

        // with both trusted hosts in maintenance, start is refused with the reason
        assertEquals(200, api.post("/hosts/" + g2 + "/deactivate", "<action/>").status());
        assertEquals(200, api.post("/hosts/" + g + "/deactivate", "<action/>").status());
        Api.Reply refused = api.post("/vms/" + vm + "/start", "<action/>");
        assertEquals(409, refused.status());
        assertTrue(refused.at("/fault/detail").contains("No trusted host is available in cluster Default: host tv-bad01 is "), refused.toString());
        assertTrue(events().contains("VM my_new_vm needs a trusted host and none could take it"));
        assertEquals(200, api.post("/hosts/" + g + "/activate", "<action/>").status());
        assertEquals(200, api.post("/hosts/" + g2 + "/activate", "<action/>").status());
        awaitStatus(g, "up");
        awaitStatus(g2, "up");

        // high availability: the trusted HA VM's host dies; it restarts on the other trusted host only
        String ha = addVm("<vm><name>tv-ha</name><cluster><name>Default</name></cluster><memory>268435456</memory>"
                + "<high_availability><enabled>true</enabled></high_availability><trusted_host_flag>true</trusted_host_flag></vm>");
        // g came back from maintenance a moment ago: scheduling never waits for its fresh verdict, so the
        // first start may be refused while the service is being asked (and that asking is what it starts)
        SystemUnderTest.await("HA VM started on " + g, WAIT,
                () -> api.post("/vms/" + ha + "/start", "<action><host id=\"" + g + "\"/></action>").status(), s -> s == 200);
        good.kill();
        // the host is recorded when the start is reserved (wait_for_launch), the status once the agent has started it
        SystemUnderTest.await("HA VM restarted and up on the other trusted host", WAIT, () -> hostAndStatus(ha), (g2 + " up")::equals);

        // the host running it turns untrusted (kernel changed at run time): in a plain cluster the host stays
        // in service for ordinary VMs, but the trusted VM is moved to a trusted host at the next re-attestation
        AttestedAgent late = agent("tv-late");
        String g3 = addHost(late, "Default");
        awaitStatus(g3, "up");
        tamper(good2);
        SystemUnderTest.await("trusted VM moved off the host that turned untrusted and up", WAIT,
                () -> hostAndStatus(ha), (g3 + " up")::equals);
        assertEquals("up", status(g2), "a plain cluster keeps the host for VMs that do not need trust");
        assertTrue(events().contains("Host " + good2.name + " is no longer trusted (UNTRUSTED: "), events());
    }

    /**
     * Edit Host, and the feature page's first case: "the first time this host is added into a trust cluster".
     * Hosts move between clusters only in Maintenance; activation in the trusted cluster attests afresh, so the
     * good host comes Up trusted and the tampered one stays out, with the verdict in the audit log.
     */
    @Test
    void movingHostsIntoATrustedClusterWithEditHostAttestsThemAfresh() throws Exception {
        assertEquals(201, api.post("/clusters", "<cluster><name>edit_trust</name><trusted_service>true</trusted_service></cluster>").status());
        AttestedAgent good = agent("eh-good");
        AttestedAgent bad = agent("eh-bad", "--tamper", "eh-bad01");
        String g = addHost(good, "Default");
        String b = addHost(bad, "Default");
        awaitStatus(g, "up");
        awaitStatus(b, "up"); // a plain cluster does not ask the attestation service
        String trustedId = api.get("/clusters?search=name%3Dedit_trust").at("/clusters/cluster/@id");

        Api.Reply whileUp = api.put("/hosts/" + g, "<host><cluster><name>edit_trust</name></cluster></host>");
        assertEquals(409, whileUp.status(), whileUp.toString());
        assertTrue(whileUp.body().contains("Maintenance"), whileUp.body());
        Api.Reply renamedOnly = api.put("/hosts/" + g, "<host><comment>rack 7</comment></host>");
        assertEquals(200, renamedOnly.status(), renamedOnly.toString());
        assertEquals("rack 7", renamedOnly.at("/host/comment"));
        assertEquals(400, api.put("/hosts/" + g, "<host><port>70000</port></host>").status());
        assertEquals(409, api.put("/hosts/" + g, "<host><name>" + bad.name + "</name></host>").status(), "names stay unique");

        for (String h : List.of(g, b)) {
            assertEquals(200, api.post("/hosts/" + h + "/deactivate", "<action/>").status());
            awaitStatus(h, "maintenance");
            Api.Reply moved = api.put("/hosts/" + h, "<host><cluster><name>edit_trust</name></cluster></host>");
            assertEquals(200, moved.status(), moved.toString());
            assertEquals(trustedId, moved.at("/host/cluster/@id"));
        }
        assertEquals(200, api.post("/hosts/" + g + "/activate", "<action/>").status());
        awaitStatus(g, "up");
        assertEquals("trusted", api.get("/hosts/" + g).at("/host/trust/level"));

        Api.Reply refused = api.post("/hosts/" + b + "/activate", "<action/>");
        assertEquals(409, refused.status(), refused.toString());
        assertTrue(refused.body().contains("UNTRUSTED"), refused.body());
        assertEquals("maintenance", status(b), "the tampered host is kept out of the trusted cluster's service");
        String events = events();
        assertTrue(events.contains("Host " + bad.name + " was updated by admin@internal: cluster from Default to edit_trust"), events);
        assertTrue(events.contains("Host " + good.name + " was updated by admin@internal: comment"), events);
    }

    /**
     * Issue 12: a token holder re-points a registered, trusted host to another address with the
     * host's public EK certificate and AK. Without the TPM it cannot answer the credential
     * challenge, so nothing changes: the host stays trusted and Up through several re-attestations.
     * And the engine shows which TPM stands behind the verdict.
     */
    @Test
    void rePointingATrustedHostWithoutItsTpmLeavesItUp() throws Exception {
        Api.Reply cluster = api.post("/clusters", "<cluster><name>enroll_cluster</name><data_center><name>Default</name>"
                + "</data_center><cpu id=\"Intel SandyBridge Family\"/><trusted_service>true</trusted_service></cluster>");
        assertEquals(201, cluster.status(), cluster.toString());
        AttestedAgent agent = agent("tc-enr");
        String id = addHost(agent, "enroll_cluster");
        awaitStatus(id, "up");
        JsonNode published = attestation.host(agent.name);
        String ek = published.path("ek_sha256").asText();
        SystemUnderTest.await("the EK fingerprint in the host's <trust>", WAIT,
                () -> api.get("/hosts/" + id).at("/host/trust/ek_fingerprint"), ek::equals);

        String token = system.attestationRegistrationToken();
        String claim = Enrollments.body(agent.name, "http://10.66.66.66:" + agent.url.getPort() + "/jsonrpc",
                Enrollments.ekAreaOf(published.path("ek_certificate_pem").asText()), published.path("ek_certificate_pem").asText(),
                Enrollments.akAreaOf(published.path("aik_public_pem").asText()));
        JsonNode challenge = attestation.post("/hosts", token, claim, 202);
        ObjectNode guess = new ObjectMapper().createObjectNode();
        guess.put("challenge_id", challenge.path("challenge_id").asText());
        guess.put("secret", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        attestation.post("/hosts/activate", token, guess.toString(), 403);
        assertEquals(agent.url.getPort(), java.net.URI.create(attestation.host(agent.name).path("agent_url").asText()).getPort());
        // several re-attestation periods (2 s each) later: still trusted, still Up
        Thread.sleep(8000);
        assertEquals("up", status(id));
        assertEquals("trusted", api.get("/hosts/" + id).at("/host/trust/level"));
    }

    /** "HOST_ID STATUS" of a VM, so a wait can ask for both at once. */
    private String hostAndStatus(String vmId) {
        Api.Reply vm = api.get("/vms/" + vmId);
        return vm.at("/vm/host/@id") + " " + vm.at("/vm/status");
    }

    // ------------------------------------------------------------------ "Re-attest now" (issue 17)

    /**
     * POST /hosts/{id}/attest asks the service at once and acts on the answer: a host tampered while Up is
     * taken out by the request itself, long before the periodic re-attestation (set to a minute here) would
     * look. Refused, in words, for a host outside the trusted clusters, for one that does not answer, and
     * for one that does not exist.
     */
    @Test
    void reattestNowAsksTheServiceAtOnceAndIsRefusedWhereItMakesNoSense() throws Exception {
        assertEquals(201, api.post("/clusters", "<cluster><name>reattest_trust</name><data_center><name>Default</name>"
                + "</data_center><cpu id=\"Intel SandyBridge Family\"/><trusted_service>true</trusted_service></cluster>").status());
        assertEquals(201, api.post("/clusters", "<cluster><name>reattest_plain</name><data_center><name>Default</name>"
                + "</data_center><cpu id=\"Intel SandyBridge Family\"/></cluster>").status());
        AttestedAgent live = agent("ra-live", "--allow-tamper-control");
        AttestedAgent plain = agent("ra-plain");
        String liveId = addHost(live, "reattest_trust");
        String plainId = addHost(plain, "reattest_plain");
        awaitStatus(liveId, "up");
        awaitStatus(plainId, "up");
        try {
            // The monitor would now look only once a minute: what follows is the request's doing.
            assertEquals(200, api.put("/options/AttestationTrustValiditySeconds", "<option><value>120</value></option>").status());
            assertEquals(200, api.put("/options/AttestationReattestPeriodSeconds", "<option><value>60</value></option>").status());

            Api.Reply trusted = api.post("/hosts/" + liveId + "/attest", "<action/>");
            assertEquals(200, trusted.status(), trusted.toString());
            assertEquals("complete", trusted.at("/action/status"));
            assertEquals("trusted", trusted.at("/action/host/trust/level"), trusted.toString());
            assertFalse(trusted.at("/action/host/trust/verified_at").isEmpty(), trusted.toString());
            assertEquals(64, trusted.at("/action/host/trust/ek_fingerprint").length(), "the TPM that enrolled: " + trusted);
            assertTrue(events().matches("(?s).*Host " + live.name + " was re-attested at the request of [^:<]+: TRUSTED.*"),
                    "USER_REATTEST_VDS in the audit log");
            assertTrue(api.get("/hosts/" + liveId).body().contains("/hosts/" + liveId + "/attest"), "the action is linked from the host");
            // The audit log's search finds the entry by its type and host (what the portal's Events search sends).
            Api.Reply found = api.get("/events?search=type%3DUSER_REATTEST_VDS%20and%20host%3D" + live.name + "&max=10");
            assertEquals(200, found.status(), found.toString());
            assertEquals(1, found.count("/events/event"), found.toString());
            assertEquals("20410", found.at("/events/event/code"));
            assertEquals(400, api.get("/events?search=colour%3Dblue").status(), "a field the audit log has not is refused");

            tamper(live);
            Api.Reply untrusted = api.post("/hosts/" + liveId + "/attest", "<action/>");
            assertEquals(200, untrusted.status(), untrusted.toString());
            assertEquals("untrusted", untrusted.at("/action/host/trust/level"), untrusted.toString());
            assertTrue(untrusted.at("/action/host/trust/reason").contains("PCR 19"), untrusted.toString());
            assertEquals("non_operational", untrusted.at("/action/host/status"), "taken out by the request, as re-attestation would");
            assertEquals("untrusted", api.get("/hosts/" + liveId).at("/host/status_detail"));

            Api.Reply notTrustedCluster = api.post("/hosts/" + plainId + "/attest", "<action/>");
            assertEquals(409, notTrustedCluster.status(), notTrustedCluster.toString());
            assertEquals("[Cannot re-attest Host. Host " + plain.name + " is in cluster reattest_plain, whose Trusted Service is off:"
                    + " only hosts of trusted clusters are attested on request.]", notTrustedCluster.at("/fault/detail"));

            // A host whose agent does not answer has nothing to vouch for.
            int nobody = SystemUnderTest.freePort();
            Api.Reply silent = api.post("/hosts", "<host><name>ra-silent</name><address>127.0.0.1</address><port>" + nobody
                    + "</port><cluster><name>reattest_trust</name></cluster></host>");
            assertEquals(201, silent.status(), silent.toString());
            String silentId = silent.at("/host/@id");
            awaitStatus(silentId, "non_responsive");
            Api.Reply refused = api.post("/hosts/" + silentId + "/attest", "<action/>");
            assertEquals(409, refused.status(), refused.toString());
            assertTrue(refused.at("/fault/detail").contains("Cannot re-attest Host. The host is NonResponsive"), refused.toString());

            assertEquals(404, api.post("/hosts/" + java.util.UUID.randomUUID() + "/attest", "<action/>").status());
            assertEquals(404, api.post("/hosts/not-an-id/attest", "<action/>").status(), "no host has that id, as for any path id");
        } finally {
            assertEquals(200, api.put("/options/AttestationReattestPeriodSeconds", "<option><value>2</value></option>").status());
            assertEquals(200, api.put("/options/AttestationTrustValiditySeconds", "<option><value>10</value></option>").status());
        }
    }

    private void tamper(AttestedAgent agent) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Host.tamper\",\"params\":{\"pcr\":19,\"digest\":\"" + "ab".repeat(32) + "\"}}";
        // Host.tamper sits behind mutual TLS: the test calls it with the engine's certificate
        HttpClient engineClient = HttpClient.newBuilder().sslContext(AgentProcess.engineContext(system.dataDir())).build();
        HttpResponse<String> r = engineClient.send(HttpRequest.newBuilder(agent.url).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.body().contains("\"result\""), r.body());
    }
}
