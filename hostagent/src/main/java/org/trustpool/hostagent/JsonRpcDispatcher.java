package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Transport-independent JSON-RPC 2.0 handling: parse, validate the envelope, look the method
 * up in the registry and wrap its outcome. Kept apart from HTTP so it can be tested directly.
 */
public final class JsonRpcDispatcher {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectMapper mapper;
    private final Map<String, JsonRpcMethod> methods = new ConcurrentHashMap<>();
    /** Methods a caller without an engine CA client certificate may call. */
    private final java.util.Set<String> unauthenticated = ConcurrentHashMap.newKeySet();

    public JsonRpcDispatcher(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void register(String name, JsonRpcMethod method) {
        if (methods.putIfAbsent(name, method) != null) {
            throw new IllegalStateException("method already registered: " + name);
        }
    }

    /**
     * A method anybody who reaches the agent may call. Only for answers that prove themselves and
     * change nothing: Host.getQuote is signed by the TPM's attestation key over the caller's nonce,
     * so neither a man in the middle nor the caller can make a forged one pass the verifier.
     */
    public void registerUnauthenticated(String name, JsonRpcMethod method) {
        register(name, method);
        unauthenticated.add(name);
    }

    /** For a caller the transport has authenticated (or a plain-HTTP test agent). */
    public ObjectNode dispatch(byte[] body) {
        return dispatch(body, true);
    }

    /**
     * @param authenticated whether the caller presented a certificate from the engine CA; without one,
     *                      only unauthenticated methods run (the rest, e.g. VM.destroy or Host.tamper, would let
     *                      anyone on the network drive the host)
     * @return the response object, or null for a valid notification (a request without "id")
     */
    public ObjectNode dispatch(byte[] body, boolean authenticated) {
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (IOException e) {
            request = null;
        }
        if (request == null || request.isMissingNode()) {
            return error(NullNode.getInstance(), new JsonRpcException(JsonRpcException.PARSE_ERROR, "Parse error"));
        }
        return dispatch(request, authenticated);
    }

    ObjectNode dispatch(JsonNode request) {
        return dispatch(request, true);
    }

    private ObjectNode dispatch(JsonNode request, boolean authenticated) {
        if (request.isArray()) {
            return error(NullNode.getInstance(), JsonRpcException.invalidRequest("batch requests are not supported"));
        }
        if (!request.isObject()) {
            return error(NullNode.getInstance(), JsonRpcException.invalidRequest("request must be an object"));
        }
        JsonNode id = request.get("id");
        if (id != null && !(id.isTextual() || id.isNumber() || id.isNull())) {
            return error(NullNode.getInstance(), JsonRpcException.invalidRequest("'id' must be a string, number or null"));
        }
        JsonNode responseId = id == null ? NullNode.getInstance() : id;
        JsonNode version = request.get("jsonrpc");
        if (version == null || !"2.0".equals(version.textValue())) {
            return error(responseId, JsonRpcException.invalidRequest("'jsonrpc' must be \"2.0\""));
        }
        JsonNode methodName = request.get("method");
        if (methodName == null || !methodName.isTextual()) {
            return error(responseId, JsonRpcException.invalidRequest("'method' must be a string"));
        }
        ObjectNode response = authenticated || unauthenticated.contains(methodName.textValue())
                ? invoke(methodName.textValue(), request.get("params"), responseId)
                : error(responseId, new JsonRpcException(JsonRpcException.UNAUTHORIZED,
                        methodName.textValue() + " needs a client certificate from the engine CA"));
        // Notifications are executed but, per the spec, never answered.
        return id == null ? null : response;
    }

    private ObjectNode invoke(String name, JsonNode params, JsonNode id) {
        JsonRpcMethod method = methods.get(name);
        if (method == null) {
            return error(id, new JsonRpcException(JsonRpcException.METHOD_NOT_FOUND, "Method not found: " + name));
        }
        ObjectNode namedParams;
        if (params == null || params.isNull()) {
            namedParams = NODES.objectNode();
        } else if (params.isObject()) {
            namedParams = (ObjectNode) params;
        } else {
            return error(id, JsonRpcException.invalidParams("'params' must be an object"));
        }
        try {
            JsonNode result = method.call(new Params(namedParams));
            ObjectNode response = envelope(id);
            response.set("result", result == null ? NullNode.getInstance() : result);
            return response;
        } catch (JsonRpcException e) {
            return error(id, e);
        } catch (RuntimeException e) {
            // A bug on our side: log it for us, answer generically (no stack trace to the caller).
            Log.info("internal error in " + name + ": " + e);
            return error(id, new JsonRpcException(JsonRpcException.INTERNAL_ERROR, "Internal error"));
        }
    }

    static ObjectNode error(JsonNode id, JsonRpcException e) {
        ObjectNode error = NODES.objectNode();
        error.put("code", e.code());
        error.put("message", e.getMessage());
        ObjectNode response = envelope(id);
        response.set("error", error);
        return response;
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode response = NODES.objectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        return response;
    }
}
