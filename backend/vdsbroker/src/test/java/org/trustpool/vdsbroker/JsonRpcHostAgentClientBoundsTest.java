package org.trustpool.vdsbroker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/**
 * A hostile agent cannot hold or flood the engine: the whole exchange ends at the deadline and
 * reading stops at the size limit, and in both cases the engine hangs up on the agent.
 */
class JsonRpcHostAgentClientBoundsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    /** Scheduling noise on a loaded 2-core machine; the trickle alone would last 100 s. */
    private static final long MARGIN_MILLIS = 2_000;
    private static final int LIMIT = 64 * 1024;

    private static HostAgentClientFactory factory() {
        return new HostAgentClientFactory(new AgentCallLimits(Duration.ofSeconds(1), DEADLINE, LIMIT), HostAgentTls.insecurePlainHttp());
    }

    @Test
    void anAnswerTrickledByteByByteIsCutOffAtTheDeadline() throws Exception {
        try (FakeAgent agent = new FakeAgent(FakeAgent.Behaviour.TRICKLE)) {
            long start = System.nanoTime();
            HostAgentException e = assertThrows(HostAgentException.class, factory().forHost("127.0.0.1", agent.port())::getStats);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= DEADLINE.toMillis() - 50 && millis < DEADLINE.toMillis() + MARGIN_MILLIS, "returned after " + millis + " ms: " + e.getMessage());
            assertTrue(e.isTransportFailure());
            assertTrue(e.getMessage().contains("did not answer Host.getStats within 1000 ms"), e.getMessage());
            // The headers came at once (so HttpRequest.timeout alone would never fire): the body was being read.
            assertTrue(e.getMessage().matches(".*\\((\\d+) bytes received\\).*") && !e.getMessage().contains("(0 bytes"), e.getMessage());
            assertTrue(agent.hungUp.await(5, TimeUnit.SECONDS), "the engine kept the trickling connection open");
        }
    }

    @Test
    void anEndlessAnswerIsRefusedAtTheLimitWithoutReadingOn() throws Exception {
        try (FakeAgent agent = new FakeAgent(FakeAgent.Behaviour.FLOOD)) {
            HostAgentException e = assertThrows(HostAgentException.class, factory().forHost("127.0.0.1", agent.port())::getVmList);
            assertTrue(e.getMessage().contains("more than the limit of " + LIMIT + " bytes; refused"), e.getMessage());
            assertTrue(agent.hungUp.await(5, TimeUnit.SECONDS), "the engine kept reading the flood");
            // Socket buffers hold a few MB at most; an engine that read on would have taken far more.
            assertTrue(agent.bytesWritten.get() < 32L * 1024 * 1024, agent.bytesWritten.get() + " bytes were taken");
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeTheBody() throws Exception {
        try (FakeAgent agent = new FakeAgent(FakeAgent.Behaviour.DECLARES_TOO_MUCH)) {
            HostAgentException e = assertThrows(HostAgentException.class, factory().forHost("127.0.0.1", agent.port())::getCapabilities);
            assertTrue(e.getMessage().contains("10000000000 bytes declared"), e.getMessage());
            assertTrue(agent.hungUp.await(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void callsToOneAgentReuseOneConnection() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<InetSocketAddress> peers = ConcurrentHashMap.newKeySet();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jsonrpc", exchange -> {
            peers.add(exchange.getRemoteAddress());
            JsonNode request = json.readTree(exchange.getRequestBody());
            byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.path("id").asLong()
                    + ",\"result\":{\"memFreeMb\":1,\"cpuUsagePercent\":2,\"vmCount\":0}}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            HostAgentClientFactory factory = factory();
            for (int i = 0; i < 5; i++) {
                // a new client object per call, as monitoring makes them: the connection belongs to the factory
                assertEquals(1, factory.forHost("127.0.0.1", server.getAddress().getPort()).getStats().memFreeMb());
            }
            assertEquals(1, peers.size(), "connections used: " + peers);
        } finally {
            server.stop(0);
        }
    }
}
