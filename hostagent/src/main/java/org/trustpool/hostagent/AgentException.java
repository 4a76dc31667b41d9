package org.trustpool.hostagent;

/** A refused host operation; independent of JSON-RPC so the host model stays protocol-free. */
public final class AgentException extends Exception {

    private final AgentError error;

    public AgentException(AgentError error, String detail) {
        // No stack trace: these are expected outcomes, not bugs.
        super(error.token() + ": " + detail, null, false, false);
        this.error = error;
    }

    public AgentError error() {
        return error;
    }
}
