package org.trustpool.attestation.store;

import java.time.Duration;
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
     * Binds the name to the host's EK and AIK, without any proof: only for callers that made
     * sure (the enrollment after credential activation, tests). CREATED for a new name (in the
     * host's approval state); UNCHANGED for the same data again; UPDATED when the same EK (or, for
     * a host without EK, the same AIK) comes with another address, BIOS/VMM or AIK; CONFLICT when
     * the EK or AIK is bound to another name or the name to another EK (nothing is changed then).
     */
    default Outcome register(RegisteredHost host) {
        return bind(host, host.approval()).outcome();
    }

    /** As {@link #register}, with the conflict's kind and holder; a new name gets {@code newApproval}. */
    Enrollment.Binding bind(RegisteredHost host, RegisteredHost.Approval newApproval);

    /** Opens a challenge (see attestation.IssueEnrollmentChallenge); purges expired ones first. */
    Enrollment.Issued issueChallenge(Enrollment.PendingChallenge challenge, Duration ttl, int maxPending);

    /** Takes the challenge out (single use), expired or not; empty when there is none of this id. */
    Optional<Enrollment.PendingChallenge> consumeChallenge(String challengeId);

    /** @return false when there is no such host */
    boolean setApproval(String name, RegisteredHost.Approval approval);

    List<Enrollment.EkCa> ekCas();

    /** CREATED or UNCHANGED (the same certificate again). */
    Outcome addEkCa(Enrollment.EkCa ca);

    boolean deleteEkCa(String sha256);

    boolean deleteHost(String name);

    List<Mle> mles();

    /** CREATED with its id; UNCHANGED (the existing one) for the same measurements again; CONFLICT (the existing one) when type, name and version exist with other values. */
    MleOutcome addMle(Mle mle);

    boolean deleteMle(long id);

    /** The last verdict of each registered host; verdicts of hosts deleted meanwhile are dropped. */
    void saveVerdicts(Collection<Verdict> verdicts);
}
