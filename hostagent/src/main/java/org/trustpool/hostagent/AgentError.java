package org.trustpool.hostagent;

/**
 * Domain error codes of the agent. They are positive so they never collide with the
 * reserved JSON-RPC range (-32768..-32000); the engine matches on the code.
 */
public enum AgentError {
    NO_VM(1, "noVM"),
    VM_EXISTS(2, "vmExists"),
    NO_MEMORY(3, "noMemory"),
    MIGRATION_FAILED(4, "migrationFailed");

    private final int code;
    private final String token;

    AgentError(int code, String token) {
        this.code = code;
        this.token = token;
    }

    public int code() {
        return code;
    }

    /** Short stable name that starts every error message of this kind. */
    public String token() {
        return token;
    }
}
