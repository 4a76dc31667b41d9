package org.trustpool.bll.trust;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.scheduling.Filters;
import org.trustpool.bll.scheduling.PolicyUnit;
import org.trustpool.bll.scheduling.SchedulingManager;
import org.trustpool.bll.scheduling.SchedulingRequest;
import org.trustpool.bll.scheduling.TrustedHostFilter;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.VDSStatus;
import org.trustpool.common.businessentities.VdcOption;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.common.businessentities.Vm;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdcOptionDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VdsTrustDao;
import org.trustpool.vdsbroker.attestation.AttestationClient;
import org.trustpool.vdsbroker.attestation.PollHostsSigner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * Not a test: prints how many PollHosts requests a PollHosts server on loopback receives while
 * 1,000 hosts in trusted clusters serve 10,000 concurrent placement checks within one validity
 * window (the goal is ceil(1000 / batch size)), and the placement latency with and without the
 * trust filter, as a ratio measured in the same run.
 * Run: mvn -q -pl backend/bll test-compile exec:java [-Dexec.args="HOSTS CHECKS BATCH"]
 */
public final class TrustPlacementBenchmark {

    public static void main(String[] args) throws Exception {
        int hostCount = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        AtomicInteger requests = new AtomicInteger();
        ObjectMapper json = new ObjectMapper();
        // the broker believes only answers signed by the service certificate it is configured with
        PollHostsSigner signer = PollHostsSigner.create(java.nio.file.Files.createTempDirectory("bench-signer"), "service");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/AttestationService/resources/PollHosts", exchange -> {
            requests.incrementAndGet();
            String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode asked = json.readTree(request);
            if (System.getenv("BENCH_DEBUG") != null) {
                System.out.println("request of " + asked.get("hosts").size() + " hosts: " + asked.get("hosts").get(0));
            }
            StringBuilder answer = new StringBuilder("{\"hosts\":[");
            for (JsonNode name : asked.get("hosts")) {
                answer.append(answer.length() > 10 ? "," : "").append("{\"host_name\":\"").append(name.asText())
                        .append("\",\"trust_lvl\":\"trusted\",\"vtime\":\"").append(java.time.Instant.now()).append("\"}");
            }
            byte[] bytes = signer.sign(answer.append("]}").toString(), request).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();

        VdcOptionDao options = mock(VdcOptionDao.class);
        option(options, "AttestationServer", "127.0.0.1");
        option(options, "AttestationPort", String.valueOf(server.getAddress().getPort()));
        option(options, "SecureConnectionWithOATServers", "false");
        option(options, "AttestationBatchSize", String.valueOf(batch));
        option(options, "AttestationTrustValiditySeconds", "3600");
        option(options, "AttestationServiceCertificate", signer.certificate().toString());
        Cluster cluster = new Cluster();
        cluster.setId(UUID.randomUUID());
        cluster.setTrustedService(true);
        List<Vds> hosts = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            Vds host = new Vds();
            host.getStaticData().setId(UUID.randomUUID());
            host.getStaticData().setName(String.format("bench-%04d", i));
            host.getStaticData().setClusterId(cluster.getId());
            host.getDynamicData().setStatus(VDSStatus.Up);
            host.getDynamicData().setPhysicalMemMb(65536);
            hosts.add(host);
        }
        ClusterDao clusterDao = mock(ClusterDao.class);
        VdsDao vdsDao = mock(VdsDao.class);
        when(clusterDao.getAllTrusted()).thenReturn(List.of(cluster));
        when(clusterDao.get(cluster.getId())).thenReturn(cluster);
        when(vdsDao.getAllForCluster(cluster.getId())).thenReturn(hosts);
        when(vdsDao.getAll()).thenReturn(hosts);
        hosts.forEach(h -> when(vdsDao.get(h.getId())).thenReturn(h));
        ExecutorService executor = Executors.newCachedThreadPool();
        MapTrustCache cache = new MapTrustCache(java.time.Clock.systemUTC());
        AttestationBroker broker = new AttestationBroker(cache, clusterDao, vdsDao, mock(VdsTrustDao.class),
                new EngineConfig(options), settings -> new AttestationClient(settings)::pollHosts, executor, java.time.Clock.systemUTC());

        // 10,000 concurrent placement checks, from a cold cache, within one validity window.
        ExecutorService callers = Executors.newFixedThreadPool(64);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        // Bounded: a verdict that never turns TRUSTED (a stale vtime, a broken refresh) ends the run with
        // the reason instead of spinning for ever.
        long giveUpAt = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < checks; i++) {
            UUID id = hosts.get(i % hostCount).getId();
            done.add(callers.submit(() -> {
                org.trustpool.common.businessentities.HostTrust trust;
                while (!(trust = broker.currentTrust(id)).isTrusted()) {
                    if (System.nanoTime() > giveUpAt) {
                        throw new IllegalStateException("no TRUSTED verdict for host " + id + " within 60 s: "
                                + trust.level() + " " + trust.reason());
                    }
                    Thread.sleep(1);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get(Math.max(1, giveUpAt - System.nanoTime()) + 1_000_000_000L, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            System.err.println("benchmark failed: " + (e.getCause() != null ? e.getCause().getMessage() : e));
            System.exit(1);
        }
        double checksMs = (System.nanoTime() - start) / 1e6;
        System.out.printf(Locale.ROOT, "hosts=%d checks=%d batch=%d: PollHosts requests=%d (goal ceil(%d/%d)=%d), all checks answered trusted in %.0f ms%n",
                hostCount, checks, batch, requests.get(), hostCount, batch, (hostCount + batch - 1) / batch, checksMs);

        // Placement latency with and without the trust filter, same hosts, warm cache, same run.
        SchedulingManager withTrust = new SchedulingManager(vdsDao, clusterDao, new TrustedHostFilter(broker));
        SchedulingManager withoutTrust = new SchedulingManager(vdsDao, clusterDao,
                List.<PolicyUnit>of(Filters.REQUESTED_HOST, Filters.CLUSTER, Filters.NOT_SOURCE, Filters.HOST_UP, Filters.MEMORY));
        Vm vm = new Vm();
        vm.getStaticData().setId(UUID.randomUUID());
        vm.getStaticData().setClusterId(cluster.getId());
        vm.getStaticData().setMemSizeMb(1024);
        SchedulingRequest request = SchedulingRequest.run(vm, null).withCluster(cluster);
        int rounds = 300;
        for (int warm = 0; warm < 100; warm++) {
            withTrust.schedule(request);
            withoutTrust.schedule(request);
        }
        long plain = 0;
        long trusted = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            withoutTrust.schedule(request);
            long t1 = System.nanoTime();
            withTrust.schedule(request);
            long t2 = System.nanoTime();
            plain += t1 - t0;
            trusted += t2 - t1;
        }
        System.out.printf(Locale.ROOT, "placement over %d hosts: %.1f us without the trust filter, %.1f us with it, ratio %.2f (requests during placements: %d)%n",
                hostCount, plain / 1e3 / rounds, trusted / 1e3 / rounds, (double) trusted / plain, requests.get());
        callers.shutdown();
        executor.shutdown();
        server.stop(0);
        System.exit(0);
    }

    private static void option(VdcOptionDao options, String name, String value) {
        when(options.get(name)).thenReturn(new VdcOption(name, value));
    }
}
