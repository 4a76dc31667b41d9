package org.trustpool.hostagent;

/**
 * A TPM backend could not do what was asked (a tool missing or failing, swtpm gone); the message
 * says which step and why, for the agent's log and the operator.
 */
public final class TpmException extends RuntimeException {

    public TpmException(String message) {
        super(message);
    }

    public TpmException(String message, Throwable cause) {
        super(message, cause);
    }
}
