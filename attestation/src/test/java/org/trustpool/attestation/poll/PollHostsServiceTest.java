package org.trustpool.attestation.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.attestation.store.RegisteredHost;
import org.trustpool.attestation.testing.InMemoryAttestationStore;
import org.trustpool.attestation.testing.SimulatedTpm;
import org.trustpool.attestation.testing.StubAgents;
import org.trustpool.attestation.verify.Aik;
import org.trustpool.attestation.verify.Challenge;
import org.trustpool.attestation.whitelist.Mle;
import org.trustpool.attestation.whitelist.MleType;

/** PollHosts against in-process agents over real HTTP. */
class PollHostsServiceTest {

    private static KeyPair key1;
    private static KeyPair key2;

    private StubAgents agents;
    private InMemoryAttestationStore store;
    private ExecutorService executor;
    private HttpAgentClient client;

    @BeforeAll
    static void keys() {
        key1 = SimulatedTpm.newAik();
        key2 = SimulatedTpm.newAik();
    }

    @BeforeEach
    void setUp() throws Exception {
        agents = new StubAgents(16);
        store = new InMemoryAttestationStore();
        executor = Executors.newFixedThreadPool(4);
        client = new HttpAgentClient(HttpAgentClient.newHttpClient(Duration.ofSeconds(2), executor), new ObjectMapper());
        SimulatedTpm reference = booted(key1);
        store.addMle(mle(MleType.BIOS, "TrustpoolBIOS", "1.0", reference));
        store.addMle(mle(MleType.VMM, "TrustpoolVMM", "1.0", reference));
    }

    @AfterEach
    void tearDown() {
        agents.close();
        executor.shutdownNow();
    }

    private static SimulatedTpm booted(KeyPair key) {
        SimulatedTpm tpm = new SimulatedTpm(key);
        for (int i = 0; i < 8; i++) {
            tpm.extend(i, "bios " + i);
        }
        return tpm.extend(17, "sinit").extend(18, "kernel 1.0").extend(19, "initrd 1.0");
    }

    private static Mle mle(MleType type, String name, String version, SimulatedTpm tpm) {
        TreeMap<Integer, String> values = new TreeMap<>();
        type.pcrs().forEach(i -> values.put(i, tpm.pcrHex(i)));
        return new Mle(0, type, name, version, values, null);
    }

    private void register(String name, URI url, KeyPair key) {
        register(name, url, key, RegisteredHost.Approval.APPROVED);
    }

    private void register(String name, URI url, KeyPair key, RegisteredHost.Approval approval) {
        store.put(new RegisteredHost(name, url, (java.security.interfaces.RSAPublicKey) key.getPublic(),
                Aik.toPem(key.getPublic()), Aik.fingerprint(key.getPublic()), "TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0",
                null, null).withEk(InMemoryAttestationStore.standInEk(name), null, approval));
    }

    private void honestHost(String name, KeyPair key, SimulatedTpm tpm) {
        agents.honest(name, tpm);
        register(name, agents.url(name), key);
    }

    private PollHostsService service(Duration deadline, int parallelism) {
        return new PollHostsService(store, client, deadline, parallelism, new SecureRandom(), Clock.systemUTC());
    }

    private static Map<String, Verdict> byName(List<Verdict> verdicts) {
        Map<String, Verdict> m = new TreeMap<>();
        verdicts.forEach(v -> m.put(v.hostName(), v));
        return m;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The caller's registrations are the ones challenged (PollHostsResource reads them once, and reports the
     * agent_url from them): a host that registered again at another address after that read is challenged at
     * the address the caller will report, so the engine's same-machine check sees what was checked.
     */
    @Test
    void theRegistrationsTheCallerReadAreTheOnesChallenged() throws Exception {
        honestHost("moved", key1, booted(key1));
        Map<String, RegisteredHost> readByTheCaller = store.findHosts(List.of("moved"));
        // re-registered meanwhile at an address where nothing answers
        RegisteredHost r = readByTheCaller.get("moved");
        store.put(new RegisteredHost(r.name(), URI.create("http://127.0.0.1:" + freePort() + "/"), r.aik(), r.aikPem(),
                r.aikFingerprint(), r.biosName(), r.biosVersion(), r.vmmName(), r.vmmVersion(), r.registeredAt(), r.updatedAt(),
                r.ekFingerprint(), r.ekCertPem(), r.approval()));
        List<Verdict> verdicts = service(Duration.ofSeconds(2), 4).poll(List.of("moved"), readByTheCaller, v -> { });
        assertEquals(TrustLevel.TRUSTED, verdicts.get(0).level(), verdicts.get(0).reason());
        assertEquals(TrustLevel.TIMEOUT, service(Duration.ofSeconds(2), 4).poll(List.of("moved")).get(0).level(),
                "without the caller's read, the service reads the registration as it is now");
    }

    /** An honest machine whose enrollment is not complete is not challenged, and the verdict says why. */
    @Test
    void onlyApprovedEnrolledHostsAreChallenged() throws Exception {
        agents.honest("pending", booted(key1));
        register("pending", agents.url("pending"), key1, RegisteredHost.Approval.PENDING);
        agents.honest("rejected", booted(key1));
        register("rejected", agents.url("rejected"), key1, RegisteredHost.Approval.REJECTED);
        agents.honest("legacy", booted(key1));
        store.put(new RegisteredHost("legacy", agents.url("legacy"), (java.security.interfaces.RSAPublicKey) key1.getPublic(),
                Aik.toPem(key1.getPublic()), Aik.fingerprint(key1.getPublic()), "TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0",
                null, null));
        Map<String, Verdict> v = byName(service(Duration.ofMillis(2000), 4).poll(List.of("pending", "rejected", "legacy")));
        assertEquals(TrustLevel.UNKNOWN, v.get("pending").level());
        assertTrue(v.get("pending").reason().startsWith("waiting for approval"), v.get("pending").reason());
        assertTrue(v.get("pending").reason().contains(InMemoryAttestationStore.standInEk("pending")));
        assertEquals(TrustLevel.UNTRUSTED, v.get("rejected").level());
        assertTrue(v.get("rejected").reason().contains("rejected"), v.get("rejected").reason());
        assertEquals(TrustLevel.UNKNOWN, v.get("legacy").level());
        assertTrue(v.get("legacy").reason().contains("enroll again"), v.get("legacy").reason());
    }

    @Test
    void everyVerdictInOneRequestWithReasonsKept() throws Exception {
        honestHost("good", key1, booted(key1));
        honestHost("tampered", key2, booted(key2).extend(18, "rootkit"));
        agents.behaviour("silent", call -> null);
        agents.delay("silent", 3000);
        register("silent", agents.url("silent"), key1);
        register("stopped", URI.create("http://127.0.0.1:" + freePort() + "/jsonrpc"), key1);

        List<Verdict> verdicts = service(Duration.ofMillis(1000), 4)
                .poll(List.of("good", "tampered", "silent", "stopped", "never-registered", "good"));

        assertEquals(List.of("good", "tampered", "silent", "stopped", "never-registered"),
                verdicts.stream().map(Verdict::hostName).toList(), "one verdict per distinct name, in request order");
        Map<String, Verdict> v = byName(verdicts);
        assertEquals(TrustLevel.TRUSTED, v.get("good").level(), () -> v.get("good").toString());
        assertNull(v.get("good").reason());
        // the nonce the verified quote answered, for the signed answer; none for a name nobody was asked about
        assertTrue(v.get("good").challenge().matches("[0-9a-f]{64}"), v.get("good").toString());
        assertNotEquals(v.get("good").challenge(), v.get("tampered").challenge(), "a fresh nonce per host");
        assertNull(v.get("never-registered").challenge());
        assertEquals(TrustLevel.UNTRUSTED, v.get("tampered").level());
        assertEquals("whitelist", v.get("tampered").check());
        assertTrue(v.get("tampered").reason().startsWith("PCR 18 does not match VMM 'TrustpoolVMM' 1.0"),
                v.get("tampered").reason());
        assertEquals(TrustLevel.TIMEOUT, v.get("silent").level());
        assertEquals(TrustLevel.TIMEOUT, v.get("stopped").level());
        assertTrue(v.get("stopped").reason().contains("refused"), v.get("stopped").reason());
        assertEquals(TrustLevel.UNKNOWN, v.get("never-registered").level());

        // stored, with their reasons, for GET /hosts/{name}
        assertEquals("whitelist", store.host("tampered").orElseThrow().lastVerdict().check());
        assertEquals(TrustLevel.TIMEOUT, store.host("silent").orElseThrow().lastVerdict().level());
        assertTrue(store.host("never-registered").isEmpty());
    }

    @Test
    void parallelismIsBoundedAndSlowHostsTimeOutWhileTheRestAnswer() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            String name = "h" + i;
            SimulatedTpm tpm = booted(key1);
            agents.behaviour(name, call -> {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                byte[] nonce = HexFormat.of().parseHex(call.path("params").path("nonce").asText());
                return StubAgents.result(call, tpm.quoteResult(nonce, new TreeSet<>(Challenge.DEFAULT_PCRS)));
            });
            register(name, agents.url(name), key1);
        }
        List<Verdict> verdicts = service(Duration.ofSeconds(5), 2).poll(List.of("h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7"));
        assertTrue(verdicts.stream().allMatch(v -> v.level() == TrustLevel.TRUSTED), verdicts::toString);
        assertTrue(maxInFlight.get() <= 2, "at most 2 challenges at once, saw " + maxInFlight.get());
    }

    @Test
    void aDeadHostFreesItsSlotAtItsOwnDeadlineSoLiveHostsAreNotTimedOut() {
        List<String> names = new java.util.ArrayList<>();
        for (String dead : List.of("dead1", "dead2")) {
            honestHost(dead, key1, booted(key1));
            agents.delay(dead, 5000); // accepts the connection, never answers in time
            names.add(dead);
        }
        for (int i = 0; i < 6; i++) {
            honestHost("live" + i, key1, booted(key1));
            names.add("live" + i);
        }
        long start = System.nanoTime();
        // two slots, both first taken by the dead hosts; the call may last 5 s, each host 400 ms
        List<Verdict> verdicts = new PollHostsService(store, client, Duration.ofSeconds(5), Duration.ofMillis(400), 2,
                new SecureRandom(), Clock.systemUTC()).poll(names);
        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Verdict> v = byName(verdicts);
        assertEquals(TrustLevel.TIMEOUT, v.get("dead1").level());
        assertEquals(TrustLevel.TIMEOUT, v.get("dead2").level());
        for (int i = 0; i < 6; i++) {
            assertEquals(TrustLevel.TRUSTED, v.get("live" + i).level(), v.get("live" + i).toString());
        }
        assertTrue(millis < 4000, "the dead hosts held their slots " + millis + " ms, not until the call's deadline");
    }

    /**
     * A host that timed out at its last challenge is challenged first the next time, so its deadline runs while the
     * others are verified; once it answers in time it takes its turn in the order asked again.
     */
    @Test
    void aHostThatTimedOutLastTimeIsChallengedFirst() {
        List<String> names = List.of("live0", "live1", "live2", "dead");
        for (String name : names) {
            honestHost(name, key1, booted(key1));
        }
        agents.delay("dead", 5000); // accepts the connection, never answers in time
        List<URI> order = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        AgentClient recording = (url, challenge, timeout) -> {
            order.add(url);
            return client.getQuote(url, challenge, timeout);
        };
        PollHostsService service = new PollHostsService(store, recording, Duration.ofSeconds(5), Duration.ofMillis(400), 1,
                new SecureRandom(), Clock.systemUTC());

        Map<String, Verdict> first = byName(service.poll(names));
        assertEquals(TrustLevel.TIMEOUT, first.get("dead").level());
        assertEquals(agents.url("dead"), order.get(3), "first poll: in the order asked, " + order);

        order.clear();
        Map<String, Verdict> second = byName(service.poll(names));
        assertEquals(agents.url("dead"), order.get(0), "second poll: the host that timed out first, " + order);
        assertEquals(List.of(agents.url("live0"), agents.url("live1"), agents.url("live2")), order.subList(1, 4));
        assertEquals(TrustLevel.TIMEOUT, second.get("dead").level());
        for (String live : List.of("live0", "live1", "live2")) {
            assertEquals(TrustLevel.TRUSTED, second.get(live).level(), second.get(live).toString());
        }

        agents.delay("dead", 0); // it answers again
        order.clear();
        assertEquals(TrustLevel.TRUSTED, byName(service.poll(names)).get("dead").level());
        order.clear();
        service.poll(names);
        assertEquals(agents.url("dead"), order.get(3), "after answering in time: in the order asked again, " + order);
    }

    /**
     * Verdicts are handed over on the calling thread while the call still waits for slower hosts, each as the very
     * object the call returns; a host never challenged before the deadline is not handed over.
     */
    @Test
    void verdictsAreHandedOverOnTheCallingThreadWhileTheCallWaits() {
        honestHost("fast1", key1, booted(key1));
        honestHost("fast2", key1, booted(key1));
        honestHost("slow", key1, booted(key1));
        agents.delay("slow", 5000);
        Map<String, Verdict> handedOver = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> handedAtMillis = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        // two slots: the slow host holds one until its deadline (1.5 s), the fast hosts answer through the other
        List<Verdict> verdicts = new PollHostsService(store, client, Duration.ofMillis(1500), Duration.ofMillis(1500), 2,
                new SecureRandom(), Clock.systemUTC()).poll(List.of("slow", "fast1", "fast2"), v -> {
                    threads.add(Thread.currentThread());
                    handedOver.put(v.hostName(), v);
                    handedAtMillis.put(v.hostName(), (System.nanoTime() - start) / 1_000_000);
                });
        Map<String, Verdict> returned = byName(verdicts);
        assertEquals(java.util.Set.of(Thread.currentThread()), threads);
        for (String fast : List.of("fast1", "fast2")) {
            assertEquals(TrustLevel.TRUSTED, returned.get(fast).level(), returned.get(fast).toString());
            assertTrue(handedOver.get(fast) == returned.get(fast), fast + " handed over as the verdict returned");
            assertTrue(handedAtMillis.get(fast) < 1500, fast + " handed over at " + handedAtMillis.get(fast) + " ms, before the slow host's deadline");
        }
        assertEquals(TrustLevel.TIMEOUT, returned.get("slow").level());

        // one slot, held by the slow host until the call's deadline: the fast host times out. Whether it was still
        // challenged in the last instant (and so handed over as a timeout) depends on the machine's timing; what
        // may not happen is a handed-over entry that differs from the verdict returned.
        handedOver.clear();
        Map<String, Verdict> second = byName(service(Duration.ofMillis(700), 1).poll(List.of("slow", "fast1"), v -> handedOver.put(v.hostName(), v)));
        assertEquals(TrustLevel.TIMEOUT, second.get("fast1").level());
        assertTrue(handedOver.get("fast1") == null || handedOver.get("fast1") == second.get("fast1"),
                "fast1 handed over only as the verdict returned: " + handedOver.get("fast1"));
    }

    @Test
    void theWholeCallIsBoundedByTheDeadline() {
        honestHost("fast", key1, booted(key1));
        for (String slow : List.of("slow1", "slow2", "slow3")) {
            honestHost(slow, key1, booted(key1));
            agents.delay(slow, 5000);
        }
        long start = System.nanoTime();
        // one slot: the slow hosts hold it in turn, the last ones never get it
        List<Verdict> verdicts = service(Duration.ofMillis(700), 1).poll(List.of("fast", "slow1", "slow2", "slow3"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Verdict> v = byName(verdicts);
        assertEquals(TrustLevel.TRUSTED, v.get("fast").level());
        assertEquals(TrustLevel.TIMEOUT, v.get("slow1").level());
        assertEquals(TrustLevel.TIMEOUT, v.get("slow3").level());
        assertTrue(v.get("slow3").reason().contains("not challenged"), v.get("slow3").reason());
        assertTrue(millis < 4000, "PollHosts took " + millis + " ms with a 700 ms deadline");
    }

    @Test
    void aReplayedQuoteIsUntrusted() {
        SimulatedTpm tpm = booted(key1);
        Map<String, Object> recorded = tpm.quoteResult(new byte[32], new TreeSet<>(Challenge.DEFAULT_PCRS));
        agents.behaviour("replayer", call -> StubAgents.result(call, recorded));
        register("replayer", agents.url("replayer"), key1);
        Verdict v = service(Duration.ofSeconds(2), 4).poll(List.of("replayer")).get(0);
        assertEquals(TrustLevel.UNTRUSTED, v.level());
        assertEquals("nonce", v.check());
    }

    @Test
    void theKeySentAlongIsIgnoredOnlyTheRegisteredOneCounts() {
        // host registered with key1; now answers with its own key2 quote and key2's PEM beside it
        honestHost("rekeyed", key1, booted(key1));
        agents.honest("rekeyed", booted(key2));
        Verdict v = service(Duration.ofSeconds(2), 4).poll(List.of("rekeyed")).get(0);
        assertEquals(TrustLevel.UNTRUSTED, v.level());
        assertEquals("signature", v.check());
    }

    @Test
    void agentErrorsAndGarbageAreUntrustedWithTheirReason() {
        agents.behaviour("old-agent", call -> "{\"jsonrpc\":\"2.0\",\"id\":" + call.get("id")
                + ",\"error\":{\"code\":-32601,\"message\":\"Method not found: Host.getQuote\"}}");
        register("old-agent", agents.url("old-agent"), key1);
        agents.behaviour("garbage", call -> "<html>hello</html>");
        register("garbage", agents.url("garbage"), key1);
        agents.behaviour("wrong-id", call -> "{\"jsonrpc\":\"2.0\",\"id\":999999,\"result\":{}}");
        register("wrong-id", agents.url("wrong-id"), key1);
        Map<String, Verdict> v = byName(service(Duration.ofSeconds(2), 4).poll(List.of("old-agent", "garbage", "wrong-id")));
        assertEquals(TrustLevel.UNTRUSTED, v.get("old-agent").level());
        assertEquals("agent-error", v.get("old-agent").check());
        assertTrue(v.get("old-agent").reason().contains("Method not found"), v.get("old-agent").reason());
        assertEquals("answer", v.get("garbage").check());
        assertEquals("answer", v.get("wrong-id").check());
    }

    @Test
    void hugeAnswersAreCutOff() {
        String huge = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + "x".repeat(HttpAgentClient.MAX_ANSWER_BYTES) + "\"}";
        agents.behaviour("flood", call -> huge);
        register("flood", agents.url("flood"), key1);
        Verdict v = service(Duration.ofSeconds(3), 4).poll(List.of("flood")).get(0);
        assertEquals(TrustLevel.UNTRUSTED, v.level());
        assertTrue(v.reason().contains("exceeds"), v.reason());
    }
}
