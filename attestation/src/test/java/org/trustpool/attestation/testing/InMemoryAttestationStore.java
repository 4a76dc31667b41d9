package org.trustpool.attestation.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.trustpool.attestation.poll.Verdict;
import org.trustpool.attestation.store.AttestationStore;
import org.trustpool.attestation.store.Enrollment;
import org.trustpool.attestation.store.HostRecord;
import org.trustpool.attestation.store.RegisteredHost;
import org.trustpool.attestation.whitelist.Mle;

/** The store in memory, for tests and the benchmark (the service itself uses PostgreSQL). */
public final class InMemoryAttestationStore implements AttestationStore {

    private final Map<String, RegisteredHost> hosts = new ConcurrentHashMap<>();
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private final Map<Long, Mle> mles = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Enrollment.PendingChallenge> challenges = new LinkedHashMap<>();
    private final Map<String, Enrollment.EkCa> ekCas = new java.util.concurrent.ConcurrentSkipListMap<>();

    @Override
    public Map<String, RegisteredHost> findHosts(Collection<String> names) {
        Map<String, RegisteredHost> r = new LinkedHashMap<>();
        names.forEach(n -> {
            if (hosts.containsKey(n)) {
                r.put(n, hosts.get(n));
            }
        });
        return r;
    }

    @Override
    public Optional<HostRecord> host(String name) {
        return Optional.ofNullable(hosts.get(name)).map(h -> new HostRecord(h, verdicts.get(name)));
    }

    @Override
    public List<HostRecord> hosts() {
        return hosts.values().stream().map(h -> new HostRecord(h, verdicts.get(h.name()))).toList();
    }

    /** A stand-in EK fingerprint per name, for tests of the quote path that only need the host to be enrolled. */
    public static String standInEk(String name) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("ek of " + name).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Puts a host in without the one-machine-one-identity rules: for tests of the quote path (and
     * the benchmark) that give many names one key.
     */
    public void put(RegisteredHost h) {
        hosts.put(h.name(), h);
    }

    /** The same rules as attestation.EnrollHost and attestation.EnrollmentConflict. */
    @Override
    public synchronized Enrollment.Binding bind(RegisteredHost h, RegisteredHost.Approval newApproval) {
        Enrollment.Binding conflict = conflict(h);
        if (conflict != null) {
            return conflict;
        }
        RegisteredHost existing = hosts.get(h.name());
        if (existing == null) {
            hosts.put(h.name(), h.withEk(h.ekFingerprint(), h.ekCertPem(), newApproval));
            return new Enrollment.Binding(Outcome.CREATED, null, null);
        }
        if (existing.sameRegistration(h)) {
            return new Enrollment.Binding(Outcome.UNCHANGED, null, null);
        }
        if (!existing.aikFingerprint().equals(h.aikFingerprint())) {
            verdicts.remove(h.name());
        }
        hosts.put(h.name(), h.withEk(h.ekFingerprint(), h.ekCertPem(),
                existing.ekFingerprint() == null ? newApproval : existing.approval()));
        return new Enrollment.Binding(Outcome.UPDATED, null, null);
    }

    private Enrollment.Binding conflict(RegisteredHost h) {
        for (RegisteredHost o : hosts.values()) {
            if (!o.name().equals(h.name()) && h.ekFingerprint() != null && h.ekFingerprint().equals(o.ekFingerprint())) {
                return new Enrollment.Binding(Outcome.CONFLICT, Enrollment.Conflict.EK_TAKEN, o.name());
            }
            if (!o.name().equals(h.name()) && h.aikFingerprint().equals(o.aikFingerprint())) {
                return new Enrollment.Binding(Outcome.CONFLICT, Enrollment.Conflict.AIK_TAKEN, o.name());
            }
        }
        RegisteredHost same = hosts.get(h.name());
        if (same != null && (same.ekFingerprint() != null ? !same.ekFingerprint().equals(h.ekFingerprint())
                : !same.aikFingerprint().equals(h.aikFingerprint()))) {
            return new Enrollment.Binding(Outcome.CONFLICT, Enrollment.Conflict.NAME_TAKEN,
                    same.ekFingerprint() != null ? same.ekFingerprint() : same.aikFingerprint());
        }
        return null;
    }

    @Override
    public synchronized Enrollment.Issued issueChallenge(Enrollment.PendingChallenge ch, Duration ttl, int maxPending) {
        Instant now = Instant.now();
        challenges.values().removeIf(c -> c.expiresAt().isBefore(now));
        Enrollment.Binding conflict = conflict(ch.host());
        if (conflict != null) {
            return new Enrollment.Issued(Enrollment.ChallengeOutcome.CONFLICT, conflict.conflict(), conflict.holder());
        }
        RegisteredHost existing = hosts.get(ch.host().name());
        if (existing != null && existing.sameRegistration(ch.host())) {
            return new Enrollment.Issued(Enrollment.ChallengeOutcome.UNCHANGED, null, null);
        }
        challenges.values().removeIf(c -> c.host().name().equals(ch.host().name()));
        if (challenges.size() >= maxPending) {
            return new Enrollment.Issued(Enrollment.ChallengeOutcome.BUSY, null, null);
        }
        challenges.put(ch.id(), ch);
        return new Enrollment.Issued(Enrollment.ChallengeOutcome.ISSUED, null, null);
    }

    @Override
    public synchronized Optional<Enrollment.PendingChallenge> consumeChallenge(String challengeId) {
        return Optional.ofNullable(challenges.remove(challengeId));
    }

    /** How many challenges are open (tests of the bound). */
    public synchronized int openChallenges() {
        return challenges.size();
    }

    @Override
    public synchronized boolean setApproval(String name, RegisteredHost.Approval approval) {
        RegisteredHost h = hosts.get(name);
        if (h == null) {
            return false;
        }
        hosts.put(name, h.withEk(h.ekFingerprint(), h.ekCertPem(), approval));
        return true;
    }

    @Override
    public List<Enrollment.EkCa> ekCas() {
        return List.copyOf(ekCas.values());
    }

    @Override
    public Outcome addEkCa(Enrollment.EkCa ca) {
        return ekCas.putIfAbsent(ca.sha256(), ca) == null ? Outcome.CREATED : Outcome.UNCHANGED;
    }

    @Override
    public boolean deleteEkCa(String sha256) {
        return ekCas.remove(sha256) != null;
    }

    @Override
    public boolean deleteHost(String name) {
        verdicts.remove(name);
        return hosts.remove(name) != null;
    }

    @Override
    public List<Mle> mles() {
        return new ArrayList<>(mles.values());
    }

    @Override
    public synchronized MleOutcome addMle(Mle mle) {
        for (Mle m : mles.values()) {
            if (m.type() == mle.type() && m.name().equals(mle.name()) && m.version().equals(mle.version())) {
                return new MleOutcome(m.sameMeasurements(mle) ? Outcome.UNCHANGED : Outcome.CONFLICT, m);
            }
        }
        long id = ids.incrementAndGet();
        Mle stored = new Mle(id, mle.type(), mle.name(), mle.version(), mle.pcrs(), Instant.now());
        mles.put(id, stored);
        return new MleOutcome(Outcome.CREATED, stored);
    }

    @Override
    public boolean deleteMle(long id) {
        return mles.remove(id) != null;
    }

    @Override
    public void saveVerdicts(Collection<Verdict> vs) {
        vs.forEach(v -> {
            if (hosts.containsKey(v.hostName())) {
                verdicts.put(v.hostName(), v);
            }
        });
    }
}
