package org.trustpool.attestation.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Host agents in process: one HTTP server on 127.0.0.1 serving any number of simulated hosts
 * at /h/NAME/jsonrpc, each answering Host.getQuote from its {@link SimulatedTpm}, or with a
 * behaviour a test chooses (slow, silent, error, raw body).
 */
public final class StubAgents implements AutoCloseable {

    /** What a host does with a challenge: return the JSON-RPC response body, or null to never answer. */
    public interface Behaviour extends Function<JsonNode, String> {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Behaviour> hosts = new ConcurrentHashMap<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();

    public StubAgents(int threads) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "stub-agent");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/h/", this::handle);
        server.start();
    }

    public URI url(String host) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/h/" + host + "/jsonrpc");
    }

    /** An honest host: answers with a genuine quote of its TPM. */
    public void honest(String host, SimulatedTpm tpm) {
        hosts.put(host, call -> {
            byte[] nonce = HexFormat.of().parseHex(call.path("params").path("nonce").asText());
            TreeSet<Integer> pcrs = new TreeSet<>();
            call.path("params").path("pcrs").forEach(n -> pcrs.add(n.asInt()));
            return result(call, tpm.quoteResult(nonce, pcrs));
        });
    }

    public void behaviour(String host, Behaviour b) {
        hosts.put(host, b);
    }

    /** Answers after this many milliseconds (the server thread sleeps meanwhile). */
    public void delay(String host, long millis) {
        delays.put(host, millis);
    }

    public static String result(JsonNode call, Object result) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("jsonrpc", "2.0");
        r.put("id", call.get("id"));
        r.put("result", result);
        try {
            return MAPPER.writeValueAsString(r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String name = path.substring("/h/".length(), path.lastIndexOf('/'));
            Behaviour b = hosts.get(name);
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (b == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Long delay = delays.get(name);
            if (delay != null) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String answer = b.apply(MAPPER.readTree(body));
            if (answer == null) {
                return;
            }
            byte[] bytes = answer.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
