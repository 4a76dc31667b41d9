package org.trustpool.attestation.testing;

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
import org.trustpool.attestation.store.HostRecord;
import org.trustpool.attestation.store.RegisteredHost;
import org.trustpool.attestation.whitelist.Mle;

/** The store in memory, for tests and the benchmark (the service itself uses PostgreSQL). */
public final class InMemoryAttestationStore implements AttestationStore {

    private final Map<String, RegisteredHost> hosts = new ConcurrentHashMap<>();
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private final Map<Long, Mle> mles = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

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

    @Override
    public synchronized Outcome register(RegisteredHost h) {
        RegisteredHost existing = hosts.get(h.name());
        if (existing == null) {
            hosts.put(h.name(), h);
            return Outcome.CREATED;
        }
        if (!existing.aikFingerprint().equals(h.aikFingerprint())) {
            return Outcome.CONFLICT;
        }
        if (existing.sameRegistration(h)) {
            return Outcome.UNCHANGED;
        }
        hosts.put(h.name(), h);
        return Outcome.UPDATED;
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
