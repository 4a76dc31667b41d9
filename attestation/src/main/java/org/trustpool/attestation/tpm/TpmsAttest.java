package org.trustpool.attestation.tpm;

import java.util.List;

/**
 * A parsed TPMS_ATTEST of type TPM_ST_ATTEST_QUOTE (TPM 2.0 Part 2, 10.12.12), with the exact
 * bytes it was parsed from: the signature covers those bytes, not our re-encoding of them.
 */
public record TpmsAttest(long magic, int type, byte[] qualifiedSigner, byte[] extraData, long clock, long resetCount,
                         long restartCount, boolean safe, long firmwareVersion, List<PcrSelection> pcrSelections,
                         byte[] pcrDigest, byte[] encoded) {
}
