package org.trustpool.vdsbroker;

/**
 * A host agent call that did not succeed: either the agent answered with a JSON-RPC error
 * (code > 0 for the agent's own errors, negative for protocol errors) or it could not be reached
 * or answered garbage (code TRANSPORT).
 */
public class HostAgentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final int TRANSPORT = Integer.MIN_VALUE;
    public static final int NO_VM = 1;
    public static final int VM_EXISTS = 2;
    public static final int NO_MEMORY = 3;
    public static final int MIGRATION_FAILED = 4;

    private final int code;

    public HostAgentException(int code, String message) {
        super(message);
        this.code = code;
    }

    public HostAgentException(String message, Throwable cause) {
        super(message, cause);
        this.code = TRANSPORT;
    }

    public int getCode() { return code; }

    /** True when the agent could not be reached at all (as opposed to refusing a request). */
    public boolean isTransportFailure() { return code == TRANSPORT; }
}
