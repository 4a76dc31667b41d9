package org.trustpool.attestation.whitelist;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** OpenAttestation's two measured-launch-environment kinds and the PCRs each one owns. */
public enum MleType {
    /** Firmware and boot loader: PCR 0-7 (static root of trust). */
    BIOS(new TreeSet<>(Set.of(0, 1, 2, 3, 4, 5, 6, 7))),
    /** TXT/hypervisor/OS chain: PCR 17-19 (dynamic root of trust). */
    VMM(new TreeSet<>(Set.of(17, 18, 19)));

    private final SortedSet<Integer> pcrs;

    MleType(SortedSet<Integer> pcrs) {
        this.pcrs = java.util.Collections.unmodifiableSortedSet(pcrs);
    }

    public SortedSet<Integer> pcrs() {
        return pcrs;
    }

    /** @return the type, or null when the name is none of ours */
    public static MleType parse(String name) {
        for (MleType t : values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
