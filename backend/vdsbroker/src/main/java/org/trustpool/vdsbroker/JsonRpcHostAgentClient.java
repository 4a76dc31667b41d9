package org.trustpool.vdsbroker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON-RPC 2.0 over HTTP POST to http://host:port/jsonrpc. */
public class JsonRpcHostAgentClient implements HostAgentClient {
    /** An agent answer larger than this is not a plausible reply; refuse instead of buffering it. */
    private static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpClient httpClient;
    private final String endpoint;
    private final URI uri;
    private final Duration requestTimeout;
    private final AtomicLong ids = new AtomicLong();

    public JsonRpcHostAgentClient(HttpClient httpClient, String endpoint, Duration requestTimeout) {
        this.httpClient = httpClient;
        this.endpoint = endpoint;
        this.uri = URI.create(endpoint);
        this.requestTimeout = requestTimeout;
    }

    @Override public String endpoint() { return endpoint; }

    @Override
    public HostCapabilities getCapabilities() {
        return convert(call("Host.getCapabilities", Map.of()), HostCapabilities.class);
    }

    @Override
    public HostStats getStats() {
        return convert(call("Host.getStats", Map.of()), HostStats.class);
    }

    @Override
    public List<AgentVm> getVmList() {
        JsonNode vms = call("Host.getVMList", Map.of()).path("vms");
        if (!vms.isArray()) {
            throw new HostAgentException("agent at " + endpoint + " answered Host.getVMList without a vms list", null);
        }
        return JSON.convertValue(vms, JSON.getTypeFactory().constructCollectionType(List.class, AgentVm.class));
    }

    @Override
    public AgentVm createVm(UUID vmId, String name, int memMb, int cpus) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vmId", vmId.toString());
        params.put("name", name);
        params.put("memMb", memMb);
        params.put("cpus", cpus);
        return convert(call("VM.create", params), AgentVm.class);
    }

    @Override
    public void destroyVm(UUID vmId) {
        call("VM.destroy", Map.of("vmId", vmId.toString()));
    }

    @Override
    public void migrateVm(UUID vmId, String destinationUrl) {
        call("VM.migrate", Map.of("vmId", vmId.toString(), "destination", destinationUrl));
    }

    private JsonNode call(String method, Map<String, Object> params) {
        long id = ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", JSON.valueToTree(params));
        HttpResponse<byte[]> response;
        try {
            HttpRequest http = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
                    .build();
            response = httpClient.send(http, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new HostAgentException("agent at " + endpoint + " unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostAgentException("interrupted while calling " + endpoint, e);
        }
        return parseResponse(method, id, response.statusCode(), response.body());
    }

    /** Package-private so the parsing rules can be tested without a server. */
    JsonNode parseResponse(String method, long id, int status, byte[] body) {
        if (body == null || body.length == 0) {
            throw new HostAgentException("agent at " + endpoint + " answered " + method + " with HTTP " + status + " and no body", null);
        }
        if (body.length > MAX_RESPONSE_BYTES) {
            throw new HostAgentException("agent at " + endpoint + " answered " + method + " with " + body.length + " bytes; refused", null);
        }
        JsonNode reply;
        try {
            reply = JSON.readTree(body);
        } catch (IOException e) {
            throw new HostAgentException("agent at " + endpoint + " answered " + method + " with invalid JSON (HTTP " + status + ")", e);
        }
        if (reply == null || !reply.isObject()) {
            throw new HostAgentException("agent at " + endpoint + " answered " + method + " with something that is not a JSON-RPC object", null);
        }
        // A reply for another request id means a confused or hostile peer; never use its result.
        if (!reply.path("id").isIntegralNumber() || reply.path("id").asLong() != id) {
            throw new HostAgentException("agent at " + endpoint + " answered " + method + " with a mismatched id", null);
        }
        JsonNode error = reply.get("error");
        if (error != null && !error.isNull()) {
            int code = error.path("code").asInt(-32603);
            throw new HostAgentException(code, error.path("message").asText("error " + code));
        }
        if (!reply.has("result")) {
            throw new HostAgentException("agent at " + endpoint + " answered " + method + " without result or error", null);
        }
        return reply.get("result");
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new HostAgentException("agent at " + endpoint + " answered with an unexpected " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
