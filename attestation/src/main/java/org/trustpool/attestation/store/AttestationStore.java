package org.trustpool.attestation.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.trustpool.attestation.poll.Verdict;
import org.trustpool.attestation.whitelist.Mle;

/** Where hosts, their AIKs, the whitelist and the last verdicts are kept (PostgreSQL in the service). */
public interface AttestationStore {

    enum Outcome { CREATED, UNCHANGED, UPDATED, CONFLICT }

    record MleOutcome(Outcome outcome, Mle mle) {
    }

    /** The registered hosts among these names, by name. */
    Map<String, RegisteredHost> findHosts(Collection<String> names);

    Optional<HostRecord> host(String name);

    List<HostRecord> hosts();

    /**
     * CREATED for a new name; UNCHANGED for the same data again; UPDATED when the same AIK comes
     * with another address or BIOS/VMM; CONFLICT when the name is registered with another AIK
     * (nothing is changed then).
     */
    Outcome register(RegisteredHost host);

    boolean deleteHost(String name);

    List<Mle> mles();

    /** CREATED with its id; UNCHANGED (the existing one) for the same measurements again; CONFLICT (the existing one) when type, name and version exist with other values. */
    MleOutcome addMle(Mle mle);

    boolean deleteMle(long id);

    /** The last verdict of each registered host; verdicts of hosts deleted meanwhile are dropped. */
    void saveVerdicts(Collection<Verdict> verdicts);
}
