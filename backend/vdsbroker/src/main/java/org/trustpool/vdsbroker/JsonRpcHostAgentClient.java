package org.trustpool.vdsbroker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
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

/**
 * JSON-RPC 2.0 over HTTP POST to https://host:port/jsonrpc (mutual TLS with engine CA certificates,
 * see HostAgentTls), or http:// where plain HTTP was explicitly configured for tests. Every answer is
 * bounded in size (reading stops at the limit) and the whole exchange in time (see AgentCallLimits):
 * a hostile or broken agent can neither make the engine buffer without end nor hold a caller.
 */
public class JsonRpcHostAgentClient implements HostAgentClient {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final HttpClient httpClient;
    private final String endpoint;
    private final URI uri;
    private final AgentCallLimits limits;
    private final AtomicLong ids = new AtomicLong();

    private final String unusableBecause;

    public JsonRpcHostAgentClient(HttpClient httpClient, String endpoint, AgentCallLimits limits) {
        this(httpClient, endpoint, limits, null);
    }

    JsonRpcHostAgentClient(HttpClient httpClient, String endpoint, AgentCallLimits limits, String unusableBecause) {
        this.unusableBecause = unusableBecause;
        this.httpClient = httpClient;
        this.endpoint = endpoint;
        this.uri = URI.create(endpoint);
        this.limits = limits;
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
        if (unusableBecause != null) {
            throw new HostAgentException("agent at " + endpoint + " not called: " + unusableBecause, null);
        }
        long id = ids.incrementAndGet();
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.set("params", JSON.valueToTree(params));
        HttpRequest http;
        try {
            http = HttpRequest.newBuilder(uri)
                    .timeout(limits.deadline())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        BoundedBody body = new BoundedBody(limits.maxAnswerBytes());
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = httpClient.sendAsync(http, info -> body.declared(info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        } catch (RuntimeException e) {
            throw new HostAgentException("cannot call agent at " + endpoint + ": " + e, e);
        }
        HttpResponse<byte[]> response;
        try {
            // HttpRequest.timeout stops at the response headers; this deadline covers the whole
            // exchange, body included, so an agent that trickles its answer is cut off like a silent one.
            response = exchange.get(limits.deadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abort(exchange, body);
            throw new HostAgentException("agent at " + endpoint + " did not answer " + method + " within "
                    + limits.deadline().toMillis() + " ms (" + body.received() + " bytes received); connection closed", e);
        } catch (InterruptedException e) {
            abort(exchange, body);
            Thread.currentThread().interrupt();
            throw new HostAgentException("interrupted while calling " + endpoint, e);
        } catch (ExecutionException e) {
            abort(exchange, body);
            Throwable cause = e.getCause() instanceof CompletionException && e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
            if (cause instanceof AnswerTooLarge tooLarge) {
                throw new HostAgentException("agent at " + endpoint + " answered " + method + " with " + tooLarge.getMessage()
                        + ", more than the limit of " + limits.maxAnswerBytes() + " bytes; refused", tooLarge);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new HostAgentException("agent at " + endpoint + " did not answer " + method + " within "
                        + limits.deadline().toMillis() + " ms", cause);
            }
            if (cause instanceof SSLException) {
                throw new HostAgentException("agent at " + endpoint + " refused: TLS handshake failed (" + describe(cause)
                        + "); is its certificate issued by the engine CA for this host's address?", cause);
            }
            throw new HostAgentException("agent at " + endpoint + " unreachable: " + describe(cause), cause);
        }
        return parseResponse(method, id, response.statusCode(), response.body());
    }

    /** Closes the connection under a hostile or stalled answer instead of leaving it to the pool. */
    private static void abort(CompletableFuture<HttpResponse<byte[]>> exchange, BoundedBody body) {
        body.abort();
        exchange.cancel(true);
    }

    /** Package-private so the parsing rules can be tested without a server. */
    JsonNode parseResponse(String method, long id, int status, byte[] body) {
        if (body == null || body.length == 0) {
            throw new HostAgentException("agent at " + endpoint + " answered " + method + " with HTTP " + status + " and no body", null);
        }
        if (body.length > limits.maxAnswerBytes()) {
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

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
