package org.trustpool.attestation.tpm;

import java.util.SortedSet;

/** One TPMS_PCR_SELECTION: a hash bank and the PCRs selected in it (in ascending order). */
public record PcrSelection(int hashAlg, SortedSet<Integer> pcrs) {
}
