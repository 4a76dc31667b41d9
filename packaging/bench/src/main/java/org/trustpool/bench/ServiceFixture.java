package org.trustpool.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.trustpool.attestation.poll.HttpAgentClient;
import org.trustpool.attestation.poll.PollHostsService;
import org.trustpool.attestation.poll.Verdict;
import org.trustpool.attestation.rest.PollHostsRequest;
import org.trustpool.attestation.store.AttestationMigrations;
import org.trustpool.attestation.store.AttestationStore;
import org.trustpool.attestation.store.JdbcAttestationStore;
import org.trustpool.attestation.store.RegisteredHost;
import org.trustpool.attestation.testing.SimulatedTpm;
import org.trustpool.attestation.testing.StubAgents;
import org.trustpool.attestation.verify.Aik;
import org.trustpool.attestation.whitelist.Mle;
import org.trustpool.attestation.whitelist.MleType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The attestation service's side of P3 and P5: the real PollHostsService and HttpAgentClient over the real
 * store (JdbcAttestationStore on PostgreSQL, its own schema), behind a small HTTP front that answers PollHosts
 * as PollHostsResource does (the WAR needs WildFly); the hosts are in-process stand-ins (StubAgents), each
 * with its own simulated TPM signing real quotes over HTTP on loopback. A dead host accepts the connection and
 * never answers in time (the worst kind: a refused connection fails at once).
 */
final class ServiceFixture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final StubAgents agents;
    final JdbcAttestationStore store;
    final List<String> names = new ArrayList<>();
    final Set<String> dead = new HashSet<>();
    /** How long a dead host's stand-in holds its connection (and a stand-in server thread). */
    final long stallMillis;
    /** Each PollHosts call the front answered, in the order they ended (see {@link Call}). */
    final Queue<Call> calls = new ConcurrentLinkedQueue<>();
    private final ExecutorService verifiers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
            EngineFixture.daemon("service-verify"));
    private final HttpAgentClient agentClient;
    private final HttpServer front;
    private volatile PollHostsService service;

    /** Registers HOSTS hosts named prefix-00000.., every 20th dead (5%) when withDead; dead hosts stall for stallMillis. */
    ServiceFixture(DataSource dataSource, int hosts, String prefix, boolean withDead, long stallMillis) throws Exception {
        this.stallMillis = stallMillis;
        AttestationMigrations.migrate(dataSource);
        store = new JdbcAttestationStore(dataSource);
        int deadCount = withDead ? hosts / 20 : 0;
        agents = new StubAgents(64 + deadCount);
        // a key of its own for each host: the service binds one key to one name and refuses the same key for another
        List<KeyPair> keys = BenchKeys.get(hosts);
        whitelist(booted(keys.get(0))).forEach(store::addMle);
        for (int i = 0; i < hosts; i++) {
            String name = String.format("%s-%05d", prefix, i);
            KeyPair key = keys.get(i);
            agents.honest(name, booted(key));
            if (withDead && i % 20 == 10) {
                agents.delay(name, stallMillis);
                dead.add(name);
            }
            URI url = agents.url(name);
            AttestationStore.Outcome registered = store.register(new RegisteredHost(name, url, (RSAPublicKey) key.getPublic(), Aik.toPem(key.getPublic()),
                    Aik.fingerprint(key.getPublic()), "TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0", null, null)
                    // as if enrolled and approved (credential activation is not what this measures); a host without
                    // an EK is never trusted, so without this every verdict would be UNKNOWN
                    .withEk(standInEk(name), null, RegisteredHost.Approval.APPROVED));
            // a refused registration would leave the host unknown to the service and every figure about it wrong
            if (registered == AttestationStore.Outcome.CONFLICT) {
                throw new IllegalStateException("the stand-in service refused to register " + name);
            }
            names.add(name);
        }
        agentClient = new HttpAgentClient(HttpAgentClient.newHttpClient(Duration.ofSeconds(30), verifiers), new ObjectMapper());
        front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        front.setExecutor(Executors.newCachedThreadPool(EngineFixture.daemon("service-front")));
        front.createContext("/AttestationService/resources/PollHosts", exchange -> {
            long arrived = System.nanoTime();
            try {
                byte[] request = exchange.getRequestBody().readAllBytes();
                List<String> asked = PollHostsRequest.parse(request);
                String nonce = PollHostsRequest.requestNonce(request);
                // as PollHostsResource does: one read of the registrations, for the poll and the answer (its agent_url is
                // left out here, see entry)
                Map<String, RegisteredHost> registered = store.findHosts(asked);
                // as PollHostsResource does: each entry signed as its verdict comes in, while the poll waits for the rest
                Map<Verdict, ObjectNode> signed = new IdentityHashMap<>();
                long polling = System.nanoTime();
                List<Verdict> verdicts = service.poll(asked, registered, v -> signed.put(v, AnswerSigning.signEntry(entry(v), nonce)));
                long polled = System.nanoTime();
                ObjectNode answer = JSON.createObjectNode();
                ArrayNode entries = answer.putArray("hosts");
                for (Verdict v : verdicts) {
                    ObjectNode entry = signed.get(v);
                    entries.add(entry != null ? entry : AnswerSigning.signEntry(entry(v), nonce));
                }
                byte[] bytes = JSON.writeValueAsBytes(answer);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
                calls.add(new Call(asked.size(), arrived, polling, polled, System.nanoTime()));
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            } finally {
                exchange.close();
            }
        });
        front.start();
    }

    /**
     * One PollHosts call as the front saw it (System.nanoTime): the request arrived, the service began and
     * ended its poll (PollHostsService: challenges, verification, the store), the signed answer was written.
     */
    record Call(int hosts, long arrived, long polling, long polled, long answered) {
    }

    /** Waits until every dead host's stand-in has given up its stall, so the next refresh finds the agents as fresh as this one did. */
    void awaitStalls() throws InterruptedException {
        Thread.sleep(stallMillis + 200);
    }

    /** The service as configured: the whole call's deadline, each host's deadline, hosts challenged at once. */
    void configure(Duration callDeadline, Duration hostDeadline, int parallelism) {
        service = new PollHostsService(store, agentClient, callDeadline, hostDeadline, parallelism, new SecureRandom(), Clock.systemUTC());
    }

    int port() {
        return front.getAddress().getPort();
    }

    /**
     * A PollHosts entry as PollHostsResource writes it (Views.pollEntry), less agent_url: the stand-in agents
     * all listen on one address and port, which the engine would rightly refuse as one machine answering for
     * all (AttestationBroker.sameMachine); without agent_url it judges the answer as it judges OpenAttestation's.
     */
    private static ObjectNode entry(Verdict v) {
        ObjectNode o = JSON.createObjectNode();
        o.put("host_name", v.hostName());
        o.put("trust_lvl", v.level().wire());
        o.put("vtime", v.vtime() == null ? null : v.vtime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        if (v.reason() != null) {
            o.put("reason", v.reason());
        }
        if (v.challenge() != null) {
            o.put("challenge", v.challenge());
        }
        return o;
    }

    static SimulatedTpm booted(KeyPair key) {
        SimulatedTpm tpm = new SimulatedTpm(key);
        for (int i = 0; i < 8; i++) {
            tpm.extend(i, "TrustpoolBIOS 1.0 component " + i);
        }
        tpm.extend(17, "SINIT").extend(18, "TrustpoolVMM 1.0").extend(19, "kernel");
        return tpm;
    }

    static List<Mle> whitelist(SimulatedTpm reference) {
        List<Mle> mles = new ArrayList<>();
        for (MleType type : MleType.values()) {
            TreeMap<Integer, String> values = new TreeMap<>();
            type.pcrs().forEach(i -> values.put(i, reference.pcrHex(i)));
            mles.add(new Mle(type.ordinal() + 1, type, type == MleType.BIOS ? "TrustpoolBIOS" : "TrustpoolVMM", "1.0", values, null));
        }
        return mles;
    }

    int agentPort() {
        return agents.url("x").getPort();
    }

    @Override
    public void close() {
        front.stop(0);
        agents.close();
        verifiers.shutdownNow();
    }

    /** A distinct stand-in EK fingerprint per host (one EK, one name, as the store insists). */
    private static String standInEk(String name) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("bench-ek:" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
