package org.trustpool.bll.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trustpool.bll.EngineConfig;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdcOptionDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VdsTrustDao;
import org.trustpool.vdsbroker.attestation.AttestationClient;
import org.trustpool.vdsbroker.attestation.PollHostsSigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** The broker with the real PollHosts client against a PollHosts server on loopback that counts requests. */
class AttestationBrokerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    /** The service's signing key: the broker believes only signed answers. */
    private static PollHostsSigner signer;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Integer> requestSizes = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> levels = new ConcurrentHashMap<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    /** Requests naming this host wait for slowGate. */
    private volatile String slowHost;
    private volatile CountDownLatch slowGate = new CountDownLatch(0);
    /** The vtime the server puts on its verdicts. */
    private volatile String vtime = "2026-11-28T10:00:00Z";
    /** Requests naming one of these hosts get HTTP 500 (a failed batch). */
    private final java.util.Set<String> failFor = ConcurrentHashMap.newKeySet();
    private final MutableClock clock = new MutableClock();
    private final MapTrustCache cache = new MapTrustCache(clock);
    private final ClusterDao clusterDao = mock(ClusterDao.class);
    private final VdsDao vdsDao = mock(VdsDao.class);
    private final VdcOptionDao options = mock(VdcOptionDao.class);
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Vds> hosts = new ArrayList<>();
    private AttestationBroker broker;

    @BeforeAll
    static void signingKey(@TempDir Path dir) throws Exception {
        signer = PollHostsSigner.create(dir, "attestation-service");
    }

    @BeforeEach
    void setUp() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/AttestationService/resources/PollHosts", exchange -> {
            requests.incrementAndGet();
            byte[] request = exchange.getRequestBody().readAllBytes();
            JsonNode asked = JSON.readTree(request);
            requestSizes.add(asked.get("hosts").size());
            try {
                gate.await(10, TimeUnit.SECONDS);
                for (JsonNode name : asked.get("hosts")) {
                    if (name.asText().equals(slowHost)) {
                        slowGate.await(10, TimeUnit.SECONDS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (JsonNode name : asked.get("hosts")) {
                if (failFor.contains(name.asText())) {
                    exchange.sendResponseHeaders(500, -1);
                    exchange.close();
                    return;
                }
            }
            StringBuilder answer = new StringBuilder("{\"hosts\":[");
            for (JsonNode name : asked.get("hosts")) {
                answer.append(answer.charAt(answer.length() - 1) == '[' ? "" : ",")
                        .append("{\"host_name\":\"").append(name.asText()).append("\",\"trust_lvl\":\"")
                        .append(levels.getOrDefault(name.asText(), "trusted")).append("\",\"vtime\":\"").append(vtime).append("\"}");
            }
            byte[] bytes = signer.sign(answer.append("]}").toString(), new String(request, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        option("AttestationServer", "127.0.0.1");
        option("AttestationPort", String.valueOf(server.getAddress().getPort()));
        option("SecureConnectionWithOATServers", "false");
        option("AttestationBatchSize", "2");
        option("AttestationTrustValiditySeconds", "60");
        option("AttestationReadTimeoutSeconds", "2");
        option("AttestationServiceCertificate", signer.certificate().toString());
        Cluster trusted = new Cluster();
        trusted.setId(UUID.randomUUID());
        trusted.setTrustedService(true);
        for (int i = 1; i <= 5; i++) {
            Vds host = new Vds();
            host.getStaticData().setId(UUID.randomUUID());
            host.getStaticData().setName("h" + i);
            host.getStaticData().setClusterId(trusted.getId());
            hosts.add(host);
            when(vdsDao.get(host.getId())).thenReturn(host);
        }
        when(clusterDao.getAllTrusted()).thenReturn(List.of(trusted));
        when(vdsDao.getAllForCluster(trusted.getId())).thenReturn(hosts);
        broker = new AttestationBroker(cache, clusterDao, vdsDao, mock(VdsTrustDao.class), new EngineConfig(options),
                settings -> new AttestationClient(settings)::pollHosts, executor, clock);
    }

    private void option(String name, String value) {
        when(options.get(name)).thenReturn(new VdcOption(name, value));
    }

    @AfterEach
    void tearDown() {
        gate.countDown();
        slowGate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void allHostsOfTrustedClustersInBatchesOfTheConfiguredSize() throws Exception {
        RefreshOutcome outcome = broker.refreshAll().get(10, TimeUnit.SECONDS);
        assertEquals(5, outcome.verdicts().size());
        assertEquals(3, requests.get(), "ceil(5 / 2) requests");
        assertTrue(requestSizes.stream().allMatch(n -> n <= 2), requestSizes.toString());
        assertTrue(hosts.stream().allMatch(h -> broker.currentTrust(h.getId()).isTrusted()));
        assertEquals(3, requests.get(), "cached verdicts are read without asking again");
    }

    @Test
    void schedulingReadersNeverWaitAndShareOneRefresh() throws Exception {
        gate = new CountDownLatch(1); // the service is slow to answer
        for (int i = 0; i < 1000; i++) {
            // Answers at once (UNKNOWN: not trusted yet) while the one refresh runs.
            assertEquals(TrustLevel.UNKNOWN, broker.currentTrust(hosts.get(i % hosts.size()).getId()).level());
        }
        gate.countDown();
        broker.refreshAll().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 1000; i++) {
            assertTrue(broker.currentTrust(hosts.get(i % hosts.size()).getId()).isTrusted());
        }
        assertEquals(3, requests.get(), "2000 reads, one refresh of 5 hosts in batches of 2");
    }

    @Test
    void concurrentAttestNowCallersShareTheRefreshInFlight() throws Exception {
        gate = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        Map<Integer, HostTrust> answers = new ConcurrentHashMap<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            Thread caller = new Thread(() -> answers.put(n, broker.attestNow(hosts.get(n % hosts.size()).getId())));
            callers.add(caller);
            caller.start();
        }
        // Every caller is parked waiting for the refresh before the service may answer.
        for (Thread caller : callers) {
            while (caller.getState() != Thread.State.TIMED_WAITING && caller.isAlive()) {
                Thread.onSpinWait();
            }
        }
        gate.countDown();
        for (Thread caller : callers) {
            caller.join(10_000);
        }
        assertEquals(40, answers.size());
        assertTrue(answers.values().stream().allMatch(HostTrust::isTrusted));
        assertEquals(3, requests.get(), "40 concurrent callers, one refresh");
    }

    @Test
    void oneExpiredEntryRefreshesOnlyTheHostsWithoutACurrentVerdict() throws Exception {
        broker.refreshAll().get(10, TimeUnit.SECONDS);
        levels.put("h4", "untrusted");
        cache.expire(hosts.get(0).getId());
        cache.expire(hosts.get(1).getId());
        assertEquals(TrustLevel.UNKNOWN, broker.currentTrust(hosts.get(0).getId()).level(), "expired: not trusted until re-attested");
        broker.refresh(Set.of(hosts.get(0).getId()), false).get(10, TimeUnit.SECONDS); // the refresh currentTrust started
        assertEquals(4, requests.get(), "one request for the two expired hosts, none for the three current ones");
        assertEquals(2, requestSizes.get(3));
        assertTrue(broker.currentTrust(hosts.get(1).getId()).isTrusted(), "h2 was refreshed with h1");
        assertEquals(TrustLevel.TRUSTED, broker.currentTrust(hosts.get(3).getId()).level(), "h4's current verdict stands until it runs out");
    }

    @Test
    void batchesGoOutInParallelAndEachIsCachedAsSoonAsItIsAnswered() throws Exception {
        option("AttestationBatchSize", "1");
        option("AttestationConcurrentBatches", "5");
        gate = new CountDownLatch(1);
        CompletableFuture<RefreshOutcome> refresh = broker.refreshAll();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (requests.get() < 5 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(5, requests.get(), "all five single-host requests are in flight together");
        gate.countDown();
        refresh.get(10, TimeUnit.SECONDS);

    }

    @Test
    void eachBatchIsCachedAsSoonAsItIsAnswered() throws Exception {
        option("AttestationConcurrentBatches", "1");
        slowHost = "h5";
        slowGate = new CountDownLatch(1);
        CompletableFuture<RefreshOutcome> refresh = broker.refreshAll(); // [h1,h2] [h3,h4] [h5 waits]
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (requests.get() < 3 && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertFalse(refresh.isDone());
        for (int i = 0; i < 4; i++) {
            assertTrue(broker.currentTrust(hosts.get(i).getId()).isTrusted(), "answered before the last batch ends");
        }
        slowGate.countDown();
        refresh.get(10, TimeUnit.SECONDS);
        assertTrue(broker.currentTrust(hosts.get(4).getId()).isTrusted());
    }

    @Test
    void reattestationAsksTheOldestVerdictsOneBatchAtATime() throws Exception {
        broker.refreshAll().get(10, TimeUnit.SECONDS);
        requests.set(0);
        requestSizes.clear();
        // Five hosts verified at once; batches of 2: the re-attestation takes two of the oldest per step.
        clock.advance(java.time.Duration.ofSeconds(10));
        vtime = clock.instant().toString();
        broker.reattestOldest(Set.of(), 2, java.time.Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS);
        clock.advance(java.time.Duration.ofSeconds(10));
        vtime = clock.instant().toString();
        broker.reattestOldest(Set.of(), 2, java.time.Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS);
        clock.advance(java.time.Duration.ofSeconds(10));
        vtime = clock.instant().toString();
        broker.reattestOldest(Set.of(), 2, java.time.Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS);
        assertEquals(List.of(2, 2, 2), requestSizes, "each step one request of the oldest verdicts");
        // now h1,h2 were verified at +10 s, h3,h4 at +20 s, h5 and one of h1,h2 at +30 s
        Instant verifiedBy = clock.instant().minusSeconds(20);
        assertTrue(hosts.stream().allMatch(h -> !broker.currentTrust(h.getId()).verifiedAt().isBefore(verifiedBy)),
                "every host was asked within the three steps");
        // Verdicts about to run out are asked about even beyond the step's count (hosts verified up to +21 s, at +69 s).
        clock.advance(java.time.Duration.ofSeconds(39));
        vtime = clock.instant().toString();
        requestSizes.clear();
        broker.reattestOldest(Set.of(), 1, java.time.Duration.ofSeconds(12)).get(10, TimeUnit.SECONDS);
        assertEquals(3, requestSizes.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void aPlacementFindingAVerdictLapsedWaitsForTheNextReattestationStepInsteadOfAskingOnItsOwn() throws Exception {
        option("AttestationReattestPeriodSeconds", "60"); // 5 hosts in batches of 2: steps of 20 s, placements wait up to 3 s
        vtime = clock.instant().toString();
        broker.reattestOldest(Set.of(), 2, Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS); // none cached: all asked
        assertEquals(3, requests.get());
        cache.expire(hosts.get(0).getId());
        assertEquals(TrustLevel.UNKNOWN, broker.currentTrust(hosts.get(0).getId()).level());
        Thread.sleep(300);
        assertEquals(3, requests.get(), "no request of its own");
        broker.reattestOldest(Set.of(), 2, Duration.ofSeconds(1)).get(10, TimeUnit.SECONDS);
        assertEquals(4, requests.get(), "the step asked about the lapsed host with its own batch, in one request");
        assertTrue(broker.currentTrust(hosts.get(0).getId()).isTrusted());

        // Without a step coming, the placement's refresh goes out by itself after the wait.
        cache.expire(hosts.get(1).getId());
        long start = System.nanoTime();
        broker.ensureVerdicts(List.of(hosts.get(1).getId()));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(6));
        assertEquals(5, requests.get());
        assertTrue(broker.currentTrust(hosts.get(1).getId()).isTrusted());
    }

    @Test
    void unknownLevelsStayUnknownAndTimeoutsFailClosed() throws Exception {
        levels.put("h1", "sort-of");
        levels.put("h2", "timeout");
        RefreshOutcome outcome = broker.refreshAll().get(10, TimeUnit.SECONDS);
        assertEquals(TrustLevel.UNKNOWN, outcome.verdicts().get(hosts.get(0).getId()).level());
        assertEquals(TrustLevel.TIMEOUT, outcome.verdicts().get(hosts.get(1).getId()).level());
        gate = new CountDownLatch(1); // the service hangs past the read timeout
        clock.advance(Duration.ofMinutes(5));
        RefreshOutcome slow = broker.refreshAll().get(20, TimeUnit.SECONDS);
        assertFalse(slow.serviceAvailable());
        assertTrue(slow.verdicts().values().stream().noneMatch(HostTrust::isTrusted));
        assertTrue(slow.failure() != null && !slow.failure().isBlank());
    }

    @Test
    void aTrustedVerdictMeasuredTooLongAgoOrInTheFutureIsNotTrustedAndAFreshOneLivesOutItsValidity() {
        vtime = "2026-11-28T09:58:00Z"; // 120 s before the engine's clock, validity 60 s
        HostTrust stale = broker.attestNow(hosts.get(0).getId());
        assertEquals(TrustLevel.UNKNOWN, stale.level());
        assertTrue(stale.reason().contains("older than AttestationTrustValiditySeconds"), stale.reason());
        vtime = "2026-11-28T10:05:00Z";
        HostTrust future = broker.attestNow(hosts.get(0).getId());
        assertEquals(TrustLevel.UNKNOWN, future.level());
        assertTrue(future.reason().contains("ahead of the engine's clock"), future.reason());

        vtime = "2026-11-28T09:59:30Z"; // 30 s old: trusted for the 30 s left
        assertEquals(TrustLevel.TRUSTED, broker.attestNow(hosts.get(0).getId()).level());
        clock.advance(Duration.ofSeconds(29));
        assertEquals(TrustLevel.TRUSTED, broker.currentTrust(hosts.get(0).getId()).level());
        clock.advance(Duration.ofSeconds(2));
        assertEquals(TrustLevel.UNKNOWN, broker.currentTrust(hosts.get(0).getId()).level(), "its validity ran out by the service's clock");
    }

    @Test
    void oneFailedBatchDoesNotBlindTheOthersButTwoInARowStopTheRefresh() throws Exception {
        option("AttestationConcurrentBatches", "1"); // one after another, so "in a row" has one meaning
        levels.put("h5", "untrusted");
        failFor.add("h1"); // batches of 2: [h1,h2] fails, [h3,h4] and [h5] answer
        RefreshOutcome outcome = broker.refreshAll().get(10, TimeUnit.SECONDS);
        assertFalse(outcome.serviceAvailable());
        assertEquals(3, requests.get());
        assertFalse(outcome.answered(hosts.get(0).getId()));
        assertEquals(TrustLevel.UNKNOWN, outcome.verdicts().get(hosts.get(1).getId()).level());
        assertTrue(outcome.answered(hosts.get(2).getId()));
        assertEquals(TrustLevel.TRUSTED, outcome.verdicts().get(hosts.get(3).getId()).level());
        assertEquals(TrustLevel.UNTRUSTED, outcome.verdicts().get(hosts.get(4).getId()).level(), "the service's word after a failed batch counts");

        failFor.add("h3");
        requests.set(0);
        RefreshOutcome down = broker.refreshAll().get(10, TimeUnit.SECONDS);
        assertEquals(2, requests.get(), "two failures in a row: the service is taken to be down");
        assertFalse(down.answered(hosts.get(4).getId()));
    }

    @Test
    void aCachedVerdictOlderThanItsValidityIsNotTrustedEvenIfTheCacheStillHoldsIt() {
        UUID id = hosts.get(0).getId();
        cache.put(new HostTrust(id, TrustLevel.TRUSTED, clock.instant().minusSeconds(120), null, clock.instant().minusSeconds(120)), 3600);
        assertEquals(TrustLevel.UNKNOWN, broker.currentTrust(id).level());
    }

    /** A placement's view: the validity judged as of its start, the same way as currentTrust judges it. */
    @Test
    void trustNowJudgesEveryHostAsOfOneInstant() {
        UUID id = hosts.get(0).getId();
        // checked 59 s ago with a validity of 60 s: current now
        cache.put(new HostTrust(id, TrustLevel.TRUSTED, clock.instant().minusSeconds(59), null, clock.instant().minusSeconds(59)), 3600);
        AttestationBroker.TrustNow placement = broker.trustNow();
        clock.advance(java.time.Duration.ofSeconds(5));
        assertEquals(TrustLevel.TRUSTED, placement.currentTrust(id).level(), "as of the placement's start");
        assertEquals(TrustLevel.UNKNOWN, broker.currentTrust(id).level(), "a placement starting now finds it lapsed");
        assertEquals(TrustLevel.UNKNOWN, broker.trustNow().currentTrust(id).level());
        assertEquals(TrustLevel.UNKNOWN, placement.currentTrust(hosts.get(1).getId()).level(), "no verdict at all: unknown");
    }

    /** A placement's quick answer (the trusted-hosts table) says TRUSTED only where currentTrust would. */
    @Test
    void surelyTrustedNeverSaysMoreThanCurrentTrust() {
        UUID id = hosts.get(0).getId();
        cache.put(new HostTrust(id, TrustLevel.TRUSTED, clock.instant().minusSeconds(59), null, clock.instant().minusSeconds(59)), 3600);
        AttestationBroker.TrustNow placement = broker.trustNow();
        assertTrue(placement.surelyTrusted(id));
        assertFalse(placement.surelyTrusted(hosts.get(1).getId()), "no verdict");
        clock.advance(Duration.ofSeconds(5));
        assertFalse(broker.trustNow().surelyTrusted(id), "checked 64 s ago, validity 60 s");
        cache.put(new HostTrust(id, TrustLevel.TRUSTED, clock.instant(), null, clock.instant()), 10);
        assertTrue(broker.trustNow().surelyTrusted(id));
        cache.put(new HostTrust(id, TrustLevel.UNTRUSTED, clock.instant(), "PCR 18 changed", clock.instant()), 60);
        AttestationBroker.TrustNow afterTamper = broker.trustNow();
        assertFalse(afterTamper.surelyTrusted(id), "replaced by UNTRUSTED");
        assertEquals(TrustLevel.UNTRUSTED, afterTamper.currentTrust(id).level());
        cache.put(new HostTrust(id, TrustLevel.TRUSTED, clock.instant(), null, clock.instant()), 10);
        clock.advance(Duration.ofSeconds(10));
        assertFalse(broker.trustNow().surelyTrusted(id), "its cache entry ended (10 s), though the validity (60 s) had not");
        assertEquals(TrustLevel.UNKNOWN, broker.trustNow().currentTrust(id).level());
    }

    @Test
    void aTrustedVerdictCountsOnlyForTheMachineTheServiceReachedUnderThatName() {
        Vds host = hosts.get(0);
        host.getStaticData().setHostName("10.0.0.7");
        host.getStaticData().setPort(54321);
        HostTrust trusted = new HostTrust(host.getId(), TrustLevel.TRUSTED, clock.instant(), null, clock.instant());
        assertEquals(TrustLevel.TRUSTED, AttestationBroker.sameMachine(host, "http://10.0.0.7:54321/jsonrpc", trusted).level());
        assertEquals(TrustLevel.TRUSTED, AttestationBroker.sameMachine(host, null, trusted).level(), "OpenAttestation does not say: no check");
        HostTrust otherMachine = AttestationBroker.sameMachine(host, "http://10.0.0.8:54321/jsonrpc", trusted);
        assertEquals(TrustLevel.UNKNOWN, otherMachine.level());
        assertTrue(otherMachine.reason().contains("checked the machine at http://10.0.0.8:54321/jsonrpc"), otherMachine.reason());
        assertEquals(TrustLevel.UNKNOWN, AttestationBroker.sameMachine(host, "http://10.0.0.7:54322/jsonrpc", trusted).level(), "another port, another agent");
        assertEquals(TrustLevel.UNKNOWN, AttestationBroker.sameMachine(host, "not a url at all", trusted).level());
        HostTrust untrusted = new HostTrust(host.getId(), TrustLevel.UNTRUSTED, clock.instant(), "PCR 19", clock.instant());
        assertEquals("PCR 19", AttestationBroker.sameMachine(host, "http://10.0.0.8:1/jsonrpc", untrusted).reason(), "a refusal stays as it is");
    }

    @Test
    void aVtimeTruncatedToTheSecondCountsFromWhenTheRequestWasSentNeverLaterAndNeverForAnOlderVerdict() {
        Instant sent = Instant.parse("2026-12-02T12:00:00.900Z");
        Instant answered = Instant.parse("2026-12-02T12:00:01.050Z");
        // measured at 12:00:00.95, dated 12:00:00 by the service: it happened after the request left
        assertEquals(sent, AttestationBroker.measuredAt(Instant.parse("2026-12-02T12:00:00Z"), sent, answered));
        // dated in a later second: the service's own time stands
        assertEquals(Instant.parse("2026-12-02T12:00:01Z"), AttestationBroker.measuredAt(Instant.parse("2026-12-02T12:00:01Z"), sent, answered));
        // dated before the request's second: a verdict the service kept; it is as old as the service says
        assertEquals(Instant.parse("2026-12-02T11:59:59Z"), AttestationBroker.measuredAt(Instant.parse("2026-12-02T11:59:59Z"), sent, answered));
        assertEquals(null, AttestationBroker.measuredAt(null, sent, answered));
        // a clock that stepped back between sending and answering: never later than the answer
        Instant early = Instant.parse("2026-12-02T12:00:00.500Z");
        assertEquals(early, AttestationBroker.measuredAt(Instant.parse("2026-12-02T12:00:00Z"), sent, early));
    }
}
