package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Minimal JSON-RPC 2.0 over HTTP client; agents use it to talk to each other (migration). */
public final class JsonRpcClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    /** Caps how much a misbehaving peer can make us buffer. */
    private static final int MAX_RESPONSE_BYTES = 1 << 20;
    /** Peer messages end up in our own error texts; keep them readable. */
    private static final int MAX_MESSAGE_CHARS = 500;

    private final HttpClient http;
    private final ObjectMapper mapper;
    private final AtomicLong nextId = new AtomicLong(1);

    public JsonRpcClient(ObjectMapper mapper) {
        this(mapper, null);
    }

    /** @param tls this host's key (presented to peers) and the engine CA as the only trusted issuer; null: plain HTTP */
    public JsonRpcClient(ObjectMapper mapper, javax.net.ssl.SSLContext tls) {
        this.mapper = mapper;
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.http = builder
                .connectTimeout(CONNECT_TIMEOUT)
                // The agent speaks plain HTTP/1.1; skip the h2c upgrade dance.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * @return the "result" member of the answer
     * @throws JsonRpcException the peer answered with a JSON-RPC error (its code and message)
     * @throws IOException the peer could not be reached or did not answer with valid JSON-RPC
     */
    public JsonNode call(URI endpoint, String method, ObjectNode params)
            throws JsonRpcException, IOException, InterruptedException {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", nextId.getAndIncrement());
        request.put("method", method);
        request.set("params", params);
        HttpRequest httpRequest = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(request)))
                .build();
        HttpResponse<InputStream> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
            body = BoundedInput.readAtMost(in, MAX_RESPONSE_BYTES);
        }
        if (body == null) {
            throw new IOException("response exceeds " + MAX_RESPONSE_BYTES + " bytes");
        }
        JsonNode answer = parse(body);
        JsonNode error = answer == null ? null : answer.get("error");
        if (error != null && error.isObject()) {
            throw new JsonRpcException(error.path("code").asInt(JsonRpcException.INTERNAL_ERROR),
                    abbreviate(error.path("message").asText("")));
        }
        if (response.statusCode() != 200 || answer == null || !answer.has("result")) {
            throw new IOException("no JSON-RPC result (HTTP " + response.statusCode() + ")");
        }
        return answer.get("result");
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = mapper.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
