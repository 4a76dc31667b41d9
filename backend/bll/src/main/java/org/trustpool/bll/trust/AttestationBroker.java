package org.trustpool.bll.trust;

import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.trustpool.bll.EngineConfig;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.common.businessentities.Vds;
import org.trustpool.dal.ClusterDao;
import org.trustpool.dal.VdsDao;
import org.trustpool.dal.VdsTrustDao;
import org.trustpool.vdsbroker.attestation.AttestationSettings;
import org.trustpool.vdsbroker.attestation.AttestationUnavailableException;
import org.trustpool.vdsbroker.attestation.PollResult;

/**
 * The only door to the attestation service. Verdicts live in the trust cache for the configured
 * validity and in the database. When a verdict is missing (expired, or a new host), all hosts of
 * the trusted clusters are refreshed together, in as few PollHosts requests as the batch size
 * allows (one multi-host query costs less than many single ones); callers who need a refresh while
 * one runs share it. Scheduling reads the cache only and never waits on the network.
 */
public class AttestationBroker {
    private static final Logger LOG = Logger.getLogger(AttestationBroker.class.getName());
    /** During an outage verdicts are re-asked this often at most, so recovery is quick but a dead service is not hammered. */
    private static final long OUTAGE_RETRY_SECONDS = 5;
    /** How far ahead of the engine's clock a service may date a verdict (clocks are never quite equal). */
    private static final long CLOCK_SKEW_SECONDS = 60;

    private final TrustCache cache;
    private final ClusterDao clusterDao;
    private final VdsDao vdsDao;
    private final VdsTrustDao trustDao;
    private final EngineConfig config;
    private final PollHostsClientFactory clients;
    private final Executor executor;
    private final Clock clock;

    private final Object lock = new Object();
    /** The refresh running now and the hosts it covers (guarded by lock). */
    private CompletableFuture<RefreshOutcome> inFlight;
    private Set<UUID> inFlightTargets = Set.of();
    /** One follow-up refresh for hosts the running one does not cover (guarded by lock). */
    private CompletableFuture<RefreshOutcome> queued;
    private Set<UUID> queuedExtra;

    public AttestationBroker(TrustCache cache, ClusterDao clusterDao, VdsDao vdsDao, VdsTrustDao trustDao,
            EngineConfig config, PollHostsClientFactory clients, Executor executor, Clock clock) {
        this.cache = cache;
        this.clusterDao = clusterDao;
        this.vdsDao = vdsDao;
        this.trustDao = trustDao;
        this.config = config;
        this.clients = clients;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * What scheduling reads: the cached verdict, or UNKNOWN (which no trust check accepts) while a
     * refresh is started in the background. Never blocks on the network.
     */
    public HostTrust currentTrust(UUID vdsId) {
        HostTrust trust = cache.get(vdsId);
        // The cache expires entries by itself; this second check keeps a stale TRUSTED out even if its
        // expiry were misconfigured or the clock stepped.
        if (trust != null && !trust.checkedAt().isBefore(clock.instant().minusSeconds(validitySeconds()))) {
            return trust;
        }
        refresh(Set.of(vdsId), false);
        return new HostTrust(vdsId, TrustLevel.UNKNOWN, null, "no current verdict; the attestation service is being asked", clock.instant());
    }

    /** A fresh verdict for one host (it came up, or the admin activates it), waiting a bounded time. */
    public HostTrust attestNow(UUID vdsId) {
        CompletableFuture<RefreshOutcome> refresh = refresh(Set.of(vdsId), true);
        try {
            HostTrust verdict = refresh.get(maxWait().toMillis(), TimeUnit.MILLISECONDS).verdicts().get(vdsId);
            return verdict != null ? verdict : unknown(vdsId, "the host was not part of the attestation request");
        } catch (TimeoutException e) {
            return unknown(vdsId, "the attestation service did not answer within " + maxWait().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown(vdsId, "interrupted while waiting for the attestation service");
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "attestation refresh failed", e.getCause());
            return unknown(vdsId, "attestation failed: " + e.getCause());
        }
    }

    /**
     * Before placing a VM that needs trust: hosts without a current verdict (e.g. hosts of a plain
     * cluster, which are only attested when a trusted VM wants them) are asked about, in one shared
     * batched refresh, waiting a bounded time. Hosts with a verdict cost nothing; when the service
     * does not answer, the verdicts stay UNKNOWN and the trust filter drops those hosts.
     */
    public void ensureVerdicts(java.util.Collection<UUID> vdsIds) {
        Set<UUID> missing = new HashSet<>();
        for (UUID id : vdsIds) {
            if (cache.get(id) == null) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            refresh(missing, false).get(maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warning("no verdicts for " + missing.size() + " hosts in time: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Refreshes every host of the trusted clusters now (the periodic re-attestation). */
    public CompletableFuture<RefreshOutcome> refreshAll() {
        return refresh(Set.of(), true);
    }

    /**
     * The shared refresh that covers at least these hosts plus all hosts of trusted clusters.
     * Unless fresh verdicts are demanded, hosts that got a verdict since the caller looked (a
     * refresh finished in between) need no new request: without this re-check under the lock, a
     * caller that saw a miss just before a refresh completed would start a second one.
     */
    CompletableFuture<RefreshOutcome> refresh(Set<UUID> mustInclude, boolean fresh) {
        synchronized (lock) {
            if (!fresh && !mustInclude.isEmpty()) {
                Map<UUID, HostTrust> cached = new HashMap<>();
                for (UUID id : mustInclude) {
                    HostTrust trust = cache.get(id);
                    if (trust != null) {
                        cached.put(id, trust);
                    }
                }
                if (cached.size() == mustInclude.size()) {
                    return CompletableFuture.completedFuture(new RefreshOutcome(cached, true, null, Set.of()));
                }
            }
            if (inFlight != null && !inFlight.isDone()) {
                if (inFlightTargets.containsAll(mustInclude)) {
                    return inFlight;
                }
                if (queued == null) {
                    queuedExtra = new HashSet<>(mustInclude);
                    queued = inFlight.handle((outcome, error) -> null).thenCompose(ignored -> startQueued());
                } else {
                    queuedExtra.addAll(mustInclude);
                }
                return queued;
            }
            return start(mustInclude);
        }
    }

    private CompletableFuture<RefreshOutcome> startQueued() {
        synchronized (lock) {
            Set<UUID> extra = queuedExtra;
            queued = null;
            queuedExtra = null;
            return start(extra);
        }
    }

    /** Called with the lock held. */
    private CompletableFuture<RefreshOutcome> start(Set<UUID> extra) {
        Map<UUID, Vds> targets = targets(extra);
        inFlightTargets = Set.copyOf(targets.keySet());
        inFlight = CompletableFuture.supplyAsync(() -> poll(new ArrayList<>(targets.values())), executor);
        return inFlight;
    }

    /** All hosts of the trusted clusters, plus the ones a caller needs (e.g. a host joining). */
    private Map<UUID, Vds> targets(Set<UUID> extra) {
        Map<UUID, Vds> targets = new LinkedHashMap<>();
        for (Cluster cluster : clusterDao.getAllTrusted()) {
            for (Vds host : vdsDao.getAllForCluster(cluster.getId())) {
                targets.put(host.getId(), host);
            }
        }
        for (UUID id : extra) {
            if (!targets.containsKey(id)) {
                Vds host = vdsDao.get(id);
                if (host != null) {
                    targets.put(id, host);
                }
            }
        }
        return targets;
    }

    private RefreshOutcome poll(List<Vds> hosts) {
        Instant now = clock.instant();
        Map<UUID, HostTrust> verdicts = new HashMap<>();
        if (hosts.isEmpty()) {
            return new RefreshOutcome(verdicts, true, null, Set.of());
        }
        int batchSize = Math.max(1, config.getInt("AttestationBatchSize", 50));
        long validity = Math.max(1, config.getInt("AttestationTrustValiditySeconds", 60));
        String failure = null;
        Set<UUID> unanswered = new HashSet<>();
        Map<UUID, Long> lifetimes = new HashMap<>();
        PollHostsClientFactory.PollHostsClient client = null;
        try {
            client = clients.create(settings());
        } catch (AttestationUnavailableException e) {
            failure = e.getMessage();
        }
        // One failed batch does not blind the others (their verdicts are still acted on); two failures in
        // a row mean the service is down, and the rest are not asked (each try may cost a timeout).
        int failuresInARow = client == null ? 2 : 0;
        for (int from = 0; from < hosts.size(); from += batchSize) {
            List<Vds> batch = hosts.subList(from, Math.min(hosts.size(), from + batchSize));
            String batchFailure = failuresInARow >= 2 ? failure : null;
            if (batchFailure == null) {
                try {
                    Map<String, Vds> byName = new HashMap<>();
                    batch.forEach(h -> byName.put(h.getName(), h));
                    for (PollResult result : client.pollHosts(new ArrayList<>(byName.keySet()))) {
                        Vds host = byName.get(result.hostName());
                        HostTrust verdict = sameMachine(host, result.agentUrl(),
                                fresh(new HostTrust(host.getId(), result.level(), result.verifiedAt(), result.reason(), now,
                                        result.ekFingerprint()), validity));
                        verdicts.put(host.getId(), verdict);
                        lifetimes.put(host.getId(), lifetime(verdict, validity));
                    }
                    failuresInARow = 0;
                    continue;
                } catch (AttestationUnavailableException e) {
                    failure = e.getMessage();
                    batchFailure = failure;
                    failuresInARow++;
                }
            }
            // Fail closed: without an answer nobody is trusted; the reason says why.
            for (Vds host : batch) {
                verdicts.put(host.getId(), new HostTrust(host.getId(), TrustLevel.UNKNOWN, null,
                        "attestation service unavailable: " + batchFailure, now));
                unanswered.add(host.getId());
                lifetimes.put(host.getId(), Math.min(validity, OUTAGE_RETRY_SECONDS));
            }
        }
        for (HostTrust verdict : verdicts.values()) {
            cache.put(verdict, lifetimes.get(verdict.vdsId()));
            try {
                trustDao.save(verdict);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not store the verdict for host " + verdict.vdsId(), e);
            }
        }
        if (failure != null) {
            LOG.warning("attestation service unavailable: " + failure);
        }
        return new RefreshOutcome(verdicts, failure == null, failure, unanswered);
    }

    /**
     * A TRUSTED verdict counts only while it is fresh by the service's own clock too: a service that keeps
     * verdicts (OpenAttestation caches them) may answer with one measured long ago, and one dated ahead
     * of our clock by more than CLOCK_SKEW_SECONDS cannot be judged at all. Either is UNKNOWN, saying why.
     */
    private HostTrust fresh(HostTrust verdict, long validitySeconds) {
        if (!verdict.isTrusted() || verdict.verifiedAt() == null) {
            return verdict;
        }
        Instant now = verdict.checkedAt();
        if (verdict.verifiedAt().isBefore(now.minusSeconds(validitySeconds))) {
            return verdict.withLevel(TrustLevel.UNKNOWN, "the service answered trusted with a verdict from "
                    + verdict.verifiedAt() + ", older than AttestationTrustValiditySeconds (" + validitySeconds + " s)");
        }
        if (verdict.verifiedAt().isAfter(now.plusSeconds(CLOCK_SKEW_SECONDS))) {
            return verdict.withLevel(TrustLevel.UNKNOWN, "the service answered trusted with a verdict dated "
                    + verdict.verifiedAt() + ", ahead of the engine's clock by more than " + CLOCK_SKEW_SECONDS + " s");
        }
        return verdict;
    }

    /**
     * The service asks by name; the engine runs VMs at the host's address and port. When the service says
     * where it reached the machine it checked (our service does; OpenAttestation does not, and then this
     * check cannot be made), a TRUSTED verdict counts only if that is this host: otherwise a machine
     * registered under this host's name would be vouching for a different one.
     */
    static HostTrust sameMachine(Vds host, String agentUrl, HostTrust verdict) {
        if (!verdict.isTrusted() || agentUrl == null) {
            return verdict;
        }
        String address = host.getStaticData().getHostName();
        int port = host.getStaticData().getPort();
        URI checked;
        try {
            checked = URI.create(agentUrl);
        } catch (IllegalArgumentException e) {
            checked = null;
        }
        if (checked != null && checked.getHost() != null && checked.getPort() == port
                && stripBrackets(checked.getHost()).equalsIgnoreCase(stripBrackets(address))) {
            return verdict;
        }
        return verdict.withLevel(TrustLevel.UNKNOWN, "the attestation service checked the machine at "
                + agentUrl + " under this host's name, but this host is " + address + ":" + port
                + "; register the host's agent with the address the engine uses");
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** A TRUSTED verdict lives out what is left of its validity since the service measured; others the whole validity. */
    private static long lifetime(HostTrust verdict, long validitySeconds) {
        if (!verdict.isTrusted() || verdict.verifiedAt() == null) {
            return validitySeconds;
        }
        long age = Math.max(0, Duration.between(verdict.verifiedAt(), verdict.checkedAt()).toSeconds());
        return Math.max(1, validitySeconds - age);
    }

    public AttestationSettings settings() {
        return new AttestationSettings(
                config.getString("AttestationServer", ""),
                config.getInt("AttestationPort", 8443),
                config.getString("PollUri", "AttestationService/resources/PollHosts"),
                Boolean.parseBoolean(config.getString("SecureConnectionWithOATServers", "true")),
                config.getString("AttestationTruststore", ""),
                config.getString("AttestationTruststorePass", ""),
                Duration.ofSeconds(Math.max(1, config.getInt("AttestationConnectTimeoutSeconds", 3))),
                Duration.ofSeconds(Math.max(1, config.getInt("AttestationReadTimeoutSeconds", 15))));
    }

    /** Long enough for a refresh of all batches to finish in the worst case, short enough not to hang a command. */
    private Duration maxWait() {
        AttestationSettings s = settings();
        return s.connectTimeout().plus(s.readTimeout()).plusSeconds(5);
    }

    private long validitySeconds() {
        return Math.max(1, config.getInt("AttestationTrustValiditySeconds", 60));
    }

    private HostTrust unknown(UUID vdsId, String reason) {
        return new HostTrust(vdsId, TrustLevel.UNKNOWN, null, reason, clock.instant());
    }
}
