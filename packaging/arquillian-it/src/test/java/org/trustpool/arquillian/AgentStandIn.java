package org.trustpool.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A host agent over real HTTP (JSON-RPC 2.0 at /jsonrpc, the methods the engine calls), run inside the
 * test: the stand-in for a network peer. It keeps the VMs it created, as a real agent does, so host
 * monitoring sees them; VM.create can be made to fail (a JSON-RPC error, as the simulator gives when it
 * has no room) or to take its time.
 */
public final class AgentStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final UUID hostId = UUID.randomUUID();
    private final Map<String, ObjectNode> vms = new ConcurrentHashMap<>();
    private final AtomicInteger creates = new AtomicInteger();
    private volatile String createError;
    private volatile Duration createDelay = Duration.ZERO;

    private AgentStandIn(HttpServer server) {
        this.server = server;
    }

    public static AgentStandIn start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        AgentStandIn agent = new AgentStandIn(server);
        server.createContext("/jsonrpc", agent::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return agent;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Null: VM.create succeeds; else it answers this JSON-RPC error. */
    public void failCreateWith(String message) {
        this.createError = message;
    }

    public void delayCreate(Duration delay) {
        this.createDelay = delay;
    }

    public int createCalls() {
        return creates.get();
    }

    public boolean runs(UUID vmId) {
        return vms.containsKey(vmId.toString());
    }

    private void handle(HttpExchange exchange) throws IOException {
        JsonNode request;
        try (InputStream in = exchange.getRequestBody()) {
            request = JSON.readTree(in);
        }
        ObjectNode reply = JSON.createObjectNode();
        reply.put("jsonrpc", "2.0");
        reply.set("id", request.get("id"));
        try {
            reply.set("result", answer(request.path("method").asText(), request.path("params")));
        } catch (IllegalStateException e) {
            ObjectNode error = reply.putObject("error");
            error.put("code", -32000);
            error.put("message", e.getMessage());
        }
        byte[] body = JSON.writeValueAsBytes(reply);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private JsonNode answer(String method, JsonNode params) {
        switch (method) {
            case "Host.getCapabilities": {
                ObjectNode caps = JSON.createObjectNode();
                caps.put("hostId", hostId.toString());
                caps.put("hostName", "standin-" + port());
                caps.put("cpuCores", 8);
                caps.put("cpuModel", "stand-in");
                caps.put("memMb", 16384);
                caps.put("agentVersion", "arquillian-standin");
                return caps;
            }
            case "Host.getStats": {
                ObjectNode stats = JSON.createObjectNode();
                stats.put("memFreeMb", 16384);
                stats.put("memUsedMb", 0);
                stats.put("cpuUsagePercent", 1.0);
                stats.put("vmCount", vms.size());
                return stats;
            }
            case "Host.getVMList": {
                ObjectNode list = JSON.createObjectNode();
                list.putArray("vms").addAll(vms.values());
                return list;
            }
            case "VM.create": {
                creates.incrementAndGet();
                sleep(createDelay);
                String error = createError;
                if (error != null) {
                    throw new IllegalStateException(error);
                }
                ObjectNode vm = JSON.createObjectNode();
                vm.put("vmId", params.path("vmId").asText());
                vm.put("name", params.path("name").asText());
                vm.put("memMb", params.path("memMb").asInt());
                vm.put("cpus", params.path("cpus").asInt());
                vm.put("status", "Up");
                vms.put(params.path("vmId").asText(), vm);
                return vm;
            }
            case "VM.destroy":
                vms.remove(params.path("vmId").asText());
                return JSON.createObjectNode();
            default:
                throw new IllegalStateException("method " + method + " not offered by the stand-in");
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
