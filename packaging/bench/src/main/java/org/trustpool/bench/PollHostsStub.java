package org.trustpool.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in attestation service on loopback for P1: it answers every host trusted, verified now (to the
 * second, as our service and OpenAttestation date verdicts), and notes when each request arrived. What the
 * engine is measured on is how many requests it sends, not what the service does with them.
 * The answer is made in one place ({@link #answer}) so that a service signing its answers can be played here too.
 */
final class PollHostsStub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16, EngineFixture.daemon("pollhosts-stub"));
    private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

    PollHostsStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(executor);
        server.createContext("/AttestationService/resources/PollHosts", exchange -> {
            arrivals.add(System.nanoTime());
            byte[] request = exchange.getRequestBody().readAllBytes();
            JsonNode asked = JSON.readTree(request);
            if (System.getenv("BENCH_DEBUG") != null) {
                System.err.printf("PollHosts %d hosts at %d ms%n", asked.path("hosts").size(), System.nanoTime() / 1_000_000 % 1_000_000);
            }
            byte[] bytes = AnswerSigning.signed(JSON.writeValueAsBytes(answer(asked.path("hosts"))), request);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    static ObjectNode answer(JsonNode names) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode hosts = answer.putArray("hosts");
        String vtime = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        for (JsonNode name : names) {
            // as our service says which challenge it sent each host for this request (signed with the request's nonce)
            byte[] challenge = new byte[20];
            java.util.concurrent.ThreadLocalRandom.current().nextBytes(challenge);
            hosts.addObject().put("host_name", name.asText()).put("trust_lvl", "trusted").put("vtime", vtime)
                    .put("challenge", java.util.HexFormat.of().formatHex(challenge));
        }
        return answer;
    }

    int port() {
        return server.getAddress().getPort();
    }

    void reset() {
        arrivals.clear();
    }

    long requestsBetween(long fromNanos, long toNanos) {
        return arrivals.stream().filter(t -> t >= fromNanos && t < toNanos).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
