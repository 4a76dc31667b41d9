package org.trustpool.attestation.whitelist;

import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One whitelisted measured launch environment: the known-good SHA-256 value (lower-case hex)
 * of each PCR it lists, for a BIOS or VMM of a name and version.
 */
public record Mle(long id, MleType type, String name, String version, SortedMap<Integer, String> pcrs, Instant created) {

    public Mle {
        pcrs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(pcrs));
    }

    /** Same type, name, version and values: a repeated POST of this is no change. */
    public boolean sameMeasurements(Mle other) {
        return type == other.type && name.equals(other.name) && version.equals(other.version) && pcrs.equals(other.pcrs);
    }
}
