package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRpcDispatcherTest {

    private final JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(Json.newMapper());
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void registerMethods() {
        dispatcher.register("count", params -> IntNode.valueOf(calls.incrementAndGet()));
        dispatcher.register("echo", params -> TextNode.valueOf(params.text("word", 10)));
        dispatcher.register("boom", params -> {
            throw new IllegalStateException("secret internals");
        });
    }

    private ObjectNode dispatch(String json) {
        return dispatcher.dispatch(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void successEchoesIdAndCarriesResult() {
        ObjectNode response = dispatch("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"echo\",\"params\":{\"word\":\"hi\"}}");
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"result\":\"hi\"}", response.toString());
    }

    @Test
    void missingParamsAreAnEmptyObject() {
        ObjectNode response = dispatch("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"echo\"}");
        assertEquals(-32602, response.path("error").path("code").asInt());
        assertTrue(response.path("error").path("message").asText().contains("word"));
    }

    @Test
    void notificationRunsButGetsNoResponse() {
        assertNull(dispatch("{\"jsonrpc\":\"2.0\",\"method\":\"count\"}"));
        assertEquals(1, calls.get());
    }

    @Test
    void runtimeFailureIsInternalErrorWithoutDetails() {
        ObjectNode response = dispatch("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"boom\"}");
        assertEquals(-32603, response.path("error").path("code").asInt());
        assertFalse(response.toString().contains("secret"), response.toString());
    }

    @Test
    void duplicateKeysAreAParseError() {
        ObjectNode response = dispatch("{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"count\"}");
        assertEquals(-32700, response.path("error").path("code").asInt());
        assertEquals(0, calls.get());
    }

    @Test
    void methodsCannotBeRegisteredTwice() {
        assertThrows(IllegalStateException.class, () -> dispatcher.register("count", p -> null));
    }
}
