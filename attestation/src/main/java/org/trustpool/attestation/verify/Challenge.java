package org.trustpool.attestation.verify;

import java.security.SecureRandom;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/** What we ask one host: a fresh nonce and the PCRs to quote (SHA-256 bank). */
public record Challenge(byte[] nonce, SortedSet<Integer> pcrs) {

    /** BIOS/firmware (0-7) and the TXT/hypervisor/OS chain (17-19), as the whitelist knows them. */
    public static final List<Integer> DEFAULT_PCRS = List.of(0, 1, 2, 3, 4, 5, 6, 7, 17, 18, 19);
    public static final int NONCE_BYTES = 32;

    public Challenge {
        nonce = nonce.clone();
        pcrs = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(pcrs));
    }

    /**
     * A nonce from SecureRandom for each challenge: unpredictable, so no host can have a quote
     * for it ready before we ask, and never reused, so a recorded answer is worth nothing later.
     */
    public static Challenge fresh(SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new Challenge(nonce, new TreeSet<>(DEFAULT_PCRS));
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }
}
