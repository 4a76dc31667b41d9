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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    void oneExpiredEntryRefreshesEveryHost() throws Exception {
        broker.refreshAll().get(10, TimeUnit.SECONDS);
        levels.put("h4", "untrusted");
        cache.expire(hosts.get(0).getId());
        assertEquals(TrustLevel.UNKNOWN, broker.currentTrust(hosts.get(0).getId()).level(), "expired: not trusted until re-attested");
        broker.refreshAll().get(10, TimeUnit.SECONDS); // waits for the refresh that currentTrust started
        assertEquals(6, requests.get());
        assertEquals(TrustLevel.UNTRUSTED, broker.currentTrust(hosts.get(3).getId()).level(), "h4 was refreshed too");
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
}
