package org.trustpool.attestation.tpm;

/** Constants from TPM 2.0 Library, Part 2 (Structures) that the quote format uses. */
public final class Tpm2 {

    /** TPM_GENERATED_VALUE: the TPM puts it in front of every structure it creates itself. */
    public static final long TPM_GENERATED_VALUE = 0xff544347L;
    /** TPM_ST_ATTEST_QUOTE: the attestation structure of TPM2_Quote. */
    public static final int TPM_ST_ATTEST_QUOTE = 0x8018;
    public static final int TPM_ALG_SHA256 = 0x000b;
    public static final int TPM_ALG_RSASSA = 0x0014;

    /** Upper bounds for the sizes a quote may claim (TPMU_NAME, TPMT_HA, sizeof PCR bitmaps, a whole quote). */
    public static final int MAX_NAME = 2 + 64;
    public static final int MAX_DATA = 64;
    public static final int MAX_DIGEST = 64;
    public static final int MAX_PCR_SELECT = 8;
    public static final int MAX_PCR_BANKS = 16;
    public static final int MAX_ATTEST = 2048;
    /** Up to RSA-4096. */
    public static final int MAX_RSA_SIGNATURE = 512;

    private Tpm2() {
    }
}
