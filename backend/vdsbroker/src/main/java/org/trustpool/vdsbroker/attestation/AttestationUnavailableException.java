package org.trustpool.vdsbroker.attestation;

/** The attestation service could not be asked at all (down, unreachable, not configured, refused us). */
public class AttestationUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public AttestationUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
