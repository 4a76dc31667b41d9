package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Test-side JSON-RPC client over real HTTP, independent of the production client. */
final class Rpc {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong(1);

    HttpResponse<String> post(URI url, String body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request);
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a raw body and returns the parsed JSON answer (HTTP 200 expected). */
    JsonNode raw(URI url, String body) {
        HttpResponse<String> response = post(url, body);
        assertEquals(200, response.statusCode(), response.body());
        return parse(response.body());
    }

    JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            return fail("not JSON: " + json);
        }
    }

    /** Full response object for a well-formed request; params given as name, value pairs. */
    JsonNode call(URI url, String method, Object... params) {
        Map<String, Object> request = new LinkedHashMap<>();
        long id = ids.getAndIncrement();
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", method);
        request.put("params", map(params));
        try {
            JsonNode response = raw(url, mapper.writeValueAsString(request));
            assertEquals("2.0", response.path("jsonrpc").asText());
            assertEquals(id, response.path("id").asLong());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode result(URI url, String method, Object... params) {
        JsonNode response = call(url, method, params);
        assertFalse(response.has("error"), () -> "unexpected error: " + response);
        assertTrue(response.has("result"), () -> "no result: " + response);
        return response.get("result");
    }

    JsonNode error(URI url, String method, Object... params) {
        JsonNode response = call(url, method, params);
        assertFalse(response.has("result"), () -> "expected an error: " + response);
        assertTrue(response.path("error").isObject(), () -> "no error object: " + response);
        return response.get("error");
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
