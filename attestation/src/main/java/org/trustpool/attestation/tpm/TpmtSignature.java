package org.trustpool.attestation.tpm;

/** A parsed TPMT_SIGNATURE: algorithm, hash, and for RSASSA the signature bytes (TPM2B_PUBLIC_KEY_RSA). */
public record TpmtSignature(int sigAlg, int hashAlg, byte[] signature) {
}
