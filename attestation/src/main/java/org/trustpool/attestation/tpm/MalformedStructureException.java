package org.trustpool.attestation.tpm;

/**
 * A TPM structure that cannot be read as the TPM 2.0 specification lays it out, or that is not
 * the structure we asked for. {@link #check()} names which check refused it ("structure",
 * "magic", "type", "signature-format").
 */
public final class MalformedStructureException extends Exception {

    private final String check;

    public MalformedStructureException(String message) {
        this("structure", message);
    }

    public MalformedStructureException(String check, String message) {
        super(message);
        this.check = check;
    }

    public String check() {
        return check;
    }
}
