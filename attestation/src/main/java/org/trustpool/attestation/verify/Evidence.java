package org.trustpool.attestation.verify;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** What a host answered: the TPMS_ATTEST bytes, the TPMT_SIGNATURE bytes, and the PCR values it claims were quoted. */
public record Evidence(byte[] quote, byte[] signature, SortedMap<Integer, byte[]> pcrValues, String hashAlg) {

    public Evidence(byte[] quote, byte[] signature, Map<Integer, byte[]> pcrValues, String hashAlg) {
        this(quote, signature, new TreeMap<>(pcrValues), hashAlg);
    }
}
