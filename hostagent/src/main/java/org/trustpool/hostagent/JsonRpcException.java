package org.trustpool.hostagent;

/** A JSON-RPC error object (code + message), thrown by methods and returned to the caller as is. */
public final class JsonRpcException extends Exception {

    public static final int PARSE_ERROR = -32700;
    public static final int INVALID_REQUEST = -32600;
    public static final int METHOD_NOT_FOUND = -32601;
    public static final int INVALID_PARAMS = -32602;
    public static final int INTERNAL_ERROR = -32603;
    /** Server-defined: the method needs a caller authenticated by an engine CA certificate. */
    public static final int UNAUTHORIZED = -32001;

    private final int code;

    public JsonRpcException(int code, String message) {
        // No stack trace: the error travels as data, and must never leak Java internals.
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static JsonRpcException invalidParams(String detail) {
        return new JsonRpcException(INVALID_PARAMS, "Invalid params: " + detail);
    }

    public static JsonRpcException invalidRequest(String detail) {
        return new JsonRpcException(INVALID_REQUEST, "Invalid Request: " + detail);
    }

    public static JsonRpcException of(AgentException e) {
        return new JsonRpcException(e.error().code(), e.getMessage());
    }
}
