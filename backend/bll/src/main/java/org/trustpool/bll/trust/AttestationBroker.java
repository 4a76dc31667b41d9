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
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.trustpool.bll.EngineConfig;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.ConfigValues;
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
 * validity and in the database. When verdicts are missing (expired, or new hosts), every host of
 * the trusted clusters that lacks one is refreshed together, in as few PollHosts requests as the
 * batch size allows (one multi-host query costs less than many single ones); hosts with a current
 * verdict are not asked again, so a placement finding one expired verdict does not re-poll the whole
 * pool. Callers who need a refresh while one runs share it. Batches go out in parallel (at most
 * AttestationConcurrentBatches at once) and each batch's verdicts are cached as soon as it is answered,
 * each stamped with the time the service verified it. The periodic re-attestation
 * ({@link #reattestOldest}) asks for a slice of the oldest verdicts at a time, so the pool is re-attested
 * evenly across the validity window rather than in a burst. Scheduling reads the cache only and never
 * waits on the network.
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
    private volatile int lastCandidateCount;
    private boolean queuedWholePool;
    /** Whether the queued refresh waits for a timer (a placement's, see coalesceMillis) rather than for the one in flight. */
    private boolean queuedDelayed;

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
        return trustNow().currentTrust(vdsId);
    }

    /** {@link #currentTrust} of many hosts as of one instant (see {@link #trustNow}). */
    @FunctionalInterface
    public interface TrustNow {
        HostTrust currentTrust(UUID vdsId);

        /**
         * True only when {@link #currentTrust} would be TRUSTED, answered without building the verdict (from
         * {@link TrustedHosts}); false says nothing: then ask currentTrust, which also says why not.
         */
        default boolean surelyTrusted(UUID vdsId) {
            return false;
        }
    }

    /**
     * {@link #currentTrust} for the hosts of one placement: the clock and the validity are read once, not once per
     * host (a placement over 1,000 hosts made 2,000 clock and 1,000 option reads for them). The instant is the
     * placement's start; a verdict that lapses during the placement's few milliseconds is still gone from the
     * cache, which expires entries by itself: this is the second check, as in {@link #current}.
     * <p>
     * A TRUSTED host is found in the cache's {@link TrustedHosts} table (as of the placement's first question, which
     * comes within its milliseconds) in one probe into one array; every other host, and any the table does not
     * have, is read from the cache as before. One placement asks from one thread.
     */
    public TrustNow trustNow() {
        Instant now = clock.instant();
        Instant oldest = now.minusSeconds(validitySeconds());
        long nowNanos = TrustedHosts.nanos(now);
        long oldestNanos = TrustedHosts.nanos(oldest);
        return new TrustNow() {
            /** Taken at the first question it answers: a caller that asks currentTrust only (one host) never needs it. */
            private TrustedHosts trusted;

            @Override
            public HostTrust currentTrust(UUID vdsId) {
                HostTrust trust = cache.get(vdsId);
                if (isCurrent(trust, oldest)) {
                    return trust;
                }
                refresh(Set.of(vdsId), false);
                return new HostTrust(vdsId, TrustLevel.UNKNOWN, null, "no current verdict; the attestation service is being asked",
                        clock.instant());
            }

            @Override
            public boolean surelyTrusted(UUID vdsId) {
                if (trusted == null) {
                    trusted = cache.trusted();
                }
                return trusted.isTrusted(vdsId, oldestNanos, nowNanos);
            }
        };
    }

    /**
     * The cache expires entries by itself; this second check keeps a stale TRUSTED out even if its
     * expiry were misconfigured or the clock stepped.
     */
    private HostTrust current(HostTrust trust) {
        return isCurrent(trust, oldestCurrent()) ? trust : null;
    }

    /** The oldest check a verdict may have had and still be current now. */
    private Instant oldestCurrent() {
        return clock.instant().minusSeconds(validitySeconds());
    }

    private static boolean isCurrent(HostTrust trust, Instant oldest) {
        return trust != null && !trust.checkedAt().isBefore(oldest);
    }

    /** A fresh verdict for one host (it came up, or the admin activates it), waiting a bounded time. */
    public HostTrust attestNow(UUID vdsId) {
        return attestNowAnswered(vdsId).verdict();
    }

    /** A verdict asked for now, and whether it is the service's own answer (then a host's status may follow it). */
    public record Attested(HostTrust verdict, boolean answered) {
    }

    /**
     * As {@link #attestNow}, saying whether the service answered about the host: an answer counts whatever
     * it carries (an entry that failed its signature check, or one without a date, is the service's answer
     * too, and fails closed), while a verdict the engine made up because the service could not be asked
     * (an outage, a timeout) is not, exactly as the periodic re-attestation judges (RefreshOutcome.answered).
     */
    public Attested attestNowAnswered(UUID vdsId) {
        CompletableFuture<RefreshOutcome> refresh = refresh(Set.of(vdsId), true);
        try {
            RefreshOutcome outcome = refresh.get(maxWait().toMillis(), TimeUnit.MILLISECONDS);
            HostTrust verdict = outcome.verdicts().get(vdsId);
            return verdict != null ? new Attested(verdict, outcome.answered(vdsId))
                    : new Attested(unknown(vdsId, "the host was not part of the attestation request"), false);
        } catch (TimeoutException e) {
            return new Attested(unknown(vdsId, "the attestation service did not answer within " + maxWait().toSeconds() + " s"), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attested(unknown(vdsId, "interrupted while waiting for the attestation service"), false);
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "attestation refresh failed", e.getCause());
            return new Attested(unknown(vdsId, "attestation failed: " + e.getCause()), false);
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

    /**
     * Forgets what is known about a host's trust: its name, address or cluster changed, so a verdict
     * about what it was must not vouch for what it is. Its next placement or activation asks afresh.
     */
    public void forget(UUID vdsId) {
        cache.remove(vdsId);
        trustDao.remove(vdsId);
    }

    /** Refreshes every host of the trusted clusters now, whether or not its verdict is current. */
    public CompletableFuture<RefreshOutcome> refreshAll() {
        return refresh(Set.of(), true, true);
    }

    /**
     * One step of the spread re-attestation: the {@code count} hosts (of the trusted clusters, plus
     * {@code alsoInclude}) whose verdicts are oldest (a host without one first), plus any whose verdict
     * runs out within {@code margin} (so none lapses when hosts were added since the last step). Called
     * every period / ceil(hosts / count), this asks each host once per period in one request per step,
     * instead of the whole pool at once: the load on the service is even, and a placement never finds the
     * whole pool expired at the same instant.
     */
    public CompletableFuture<RefreshOutcome> reattestOldest(Set<UUID> alsoInclude, int count, Duration margin) {
        Map<UUID, Vds> candidates = targets(alsoInclude, true);
        lastCandidateCount = candidates.size();
        Instant now = clock.instant();
        Instant soon = now.plus(margin).minusSeconds(validitySeconds());
        List<Map.Entry<UUID, Instant>> byAge = new ArrayList<>();
        Set<UUID> chosen = new HashSet<>();
        for (UUID id : candidates.keySet()) {
            HostTrust trust = cache.get(id);
            Instant measured = trust == null ? Instant.MIN : measuredAt(trust);
            byAge.add(Map.entry(id, measured));
            if (measured.isBefore(soon)) {
                chosen.add(id);
            }
        }
        byAge.sort(Map.Entry.comparingByValue());
        for (int i = 0; i < byAge.size() && i < count; i++) {
            chosen.add(byAge.get(i).getKey());
        }
        if (chosen.isEmpty()) {
            return CompletableFuture.completedFuture(new RefreshOutcome(Map.of(), true, null, Set.of()));
        }
        return refresh(chosen, true, false);
    }

    /** How many hosts the last {@link #reattestOldest} chose from. */
    public int lastCandidateCount() {
        return lastCandidateCount;
    }

    /**
     * The cached verdict if it is current and the service's own word (it carries the service's time), else
     * null; unlike {@link #currentTrust} it starts no refresh. What the engine wrote itself while the service
     * could not be asked is not the service's word about the host.
     */
    public HostTrust cachedAnswer(UUID vdsId) {
        HostTrust trust = current(cache.get(vdsId));
        return trust != null && trust.verifiedAt() != null ? trust : null;
    }

    /** When the service measured the host (its vtime), or when the engine asked if the service gave none. */
    private static Instant measuredAt(HostTrust trust) {
        return trust.verifiedAt() != null && trust.verifiedAt().isBefore(trust.checkedAt()) ? trust.verifiedAt() : trust.checkedAt();
    }

    /**
     * The shared refresh that covers at least these hosts plus every host of the trusted clusters
     * without a current verdict. Unless fresh verdicts are demanded, hosts that got a verdict since
     * the caller looked (a refresh finished in between) need no new request: without this re-check
     * under the lock, a caller that saw a miss just before a refresh completed would start a second one.
     */
    CompletableFuture<RefreshOutcome> refresh(Set<UUID> mustInclude, boolean fresh) {
        return refresh(mustInclude, fresh, false);
    }

    private CompletableFuture<RefreshOutcome> refresh(Set<UUID> mustInclude, boolean fresh, boolean wholePool) {
        synchronized (lock) {
            // read once: the hosts of the trusted clusters are the refresh's targets too, if it starts now
            Map<UUID, Vds> wholePoolTargets = wholePool ? targets(mustInclude, true) : null;
            if (wholePool) {
                // The whole pool shares a refresh in flight that already covers it (one a cold cache started).
                Set<UUID> all = new HashSet<>(mustInclude);
                all.addAll(wholePoolTargets.keySet());
                if (inFlight != null && !inFlight.isDone() && inFlightTargets.containsAll(all)) {
                    return inFlight;
                }
            }
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
            if (queued != null && queuedDelayed) {
                // A placement's refresh is waiting for the re-attestation's next step: join it; a caller that
                // needs fresh verdicts now (the re-attestation step itself, attestNow) starts it at once.
                queuedExtra.addAll(mustInclude);
                queuedWholePool |= wholePool;
                return fresh ? startDelayedNow() : queued;
            }
            if (inFlight != null && !inFlight.isDone()) {
                if (!wholePool && inFlightTargets.containsAll(mustInclude)) {
                    return inFlight;
                }
                if (queued == null) {
                    queuedExtra = new HashSet<>(mustInclude);
                    queuedWholePool = wholePool;
                    queued = inFlight.handle((outcome, error) -> null).thenCompose(ignored -> startQueued());
                } else {
                    queuedExtra.addAll(mustInclude);
                    queuedWholePool |= wholePool;
                }
                return queued;
            }
            long coalesce = fresh || wholePool ? 0 : coalesceMillis();
            if (coalesce > 0) {
                // Verdicts lapse one re-attestation step at a time, a moment before the step that renews them
                // (the service dates them to the second, before it answered): a placement finding one missing
                // waits for that step (at most one step's length) instead of sending a request of its own,
                // so placements add no requests to the periodic ones.
                queuedExtra = new HashSet<>(mustInclude);
                queuedWholePool = false;
                queuedDelayed = true;
                CompletableFuture<RefreshOutcome> waiting = new CompletableFuture<>();
                queued = waiting;
                CompletableFuture.runAsync(() -> {
                    synchronized (lock) {
                        if (queued == waiting && queuedDelayed) {
                            startDelayedNow();
                        }
                    }
                }, CompletableFuture.delayedExecutor(coalesce, TimeUnit.MILLISECONDS, executor));
                return waiting;
            }
            return wholePool ? start(wholePoolTargets) : start(mustInclude, false);
        }
    }

    /** Called with the lock held: starts the delayed refresh now, its waiters getting its outcome. */
    private CompletableFuture<RefreshOutcome> startDelayedNow() {
        CompletableFuture<RefreshOutcome> waiting = queued;
        Set<UUID> extra = queuedExtra;
        boolean wholePool = queuedWholePool;
        queued = null;
        queuedExtra = null;
        queuedDelayed = false;
        CompletableFuture<RefreshOutcome> started;
        if (inFlight != null && !inFlight.isDone()) {
            // Only while a refresh runs can this happen (a re-attestation step joined): follow it.
            queuedExtra = extra;
            queuedWholePool = wholePool;
            queued = inFlight.handle((outcome, error) -> null).thenCompose(ignored -> startQueued());
            started = queued;
        } else {
            started = start(extra, wholePool);
        }
        started.whenComplete((outcome, error) -> {
            if (error != null) {
                waiting.completeExceptionally(error);
            } else {
                waiting.complete(outcome);
            }
        });
        return started;
    }

    /**
     * How long a placement's refresh may wait to be merged into the re-attestation's next step: one step,
     * at most 3 s; nothing while the re-attestation has not run (nothing would come to merge with).
     */
    private long coalesceMillis() {
        return lastCandidateCount == 0 ? 0 : Math.min(3000, reattestStepMillis());
    }

    /**
     * The length of one re-attestation step: the period (AttestationReattestPeriodSeconds, at most
     * AttestationTrustValiditySeconds, so a verdict never lapses between two looks) divided into as many
     * steps as it takes batches to cover the hosts the last step chose from, so each host is asked once per
     * period and the service sees one request every period / batches instead of them all at once.
     */
    public long reattestStepMillis() {
        long periodMillis = 1000L * Math.max(1, Math.min(config.getInt(ConfigValues.AttestationReattestPeriodSeconds, 60),
                config.getInt(ConfigValues.AttestationTrustValiditySeconds, 60)));
        if (lastCandidateCount == 0) {
            // not counted yet (the first step): look again soon rather than a whole period later
            return Math.min(periodMillis, 1000);
        }
        int batch = Math.max(1, config.getInt(ConfigValues.AttestationBatchSize, 50));
        long steps = Math.max(1, (lastCandidateCount + batch - 1) / batch);
        return Math.max(1, periodMillis / steps);
    }

    private CompletableFuture<RefreshOutcome> startQueued() {
        synchronized (lock) {
            Set<UUID> extra = queuedExtra;
            boolean wholePool = queuedWholePool;
            queued = null;
            queuedExtra = null;
            return start(extra, wholePool);
        }
    }

    /** Called with the lock held. */
    private CompletableFuture<RefreshOutcome> start(Set<UUID> extra, boolean wholePool) {
        return start(targets(extra, wholePool));
    }

    /** Called with the lock held. */
    private CompletableFuture<RefreshOutcome> start(Map<UUID, Vds> targets) {
        inFlightTargets = Set.copyOf(targets.keySet());
        inFlight = CompletableFuture.supplyAsync(() -> poll(new ArrayList<>(targets.values())), executor);
        return inFlight;
    }

    /**
     * The hosts a caller needs (e.g. a host joining) plus the hosts of the trusted clusters: all of them,
     * or only those without a current verdict (the others need no request).
     */
    private Map<UUID, Vds> targets(Set<UUID> extra, boolean wholePool) {
        Map<UUID, Vds> targets = new LinkedHashMap<>();
        for (Cluster cluster : clusterDao.getAllTrusted()) {
            for (Vds host : vdsDao.getAllForCluster(cluster.getId())) {
                if (wholePool || extra.contains(host.getId()) || current(cache.get(host.getId())) == null) {
                    targets.put(host.getId(), host);
                }
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
        Map<UUID, HostTrust> verdicts = new ConcurrentHashMap<>();
        if (hosts.isEmpty()) {
            return new RefreshOutcome(verdicts, true, null, Set.of());
        }
        int batchSize = Math.max(1, config.getInt(ConfigValues.AttestationBatchSize, 50));
        long validity = validitySeconds();
        Set<UUID> unanswered = ConcurrentHashMap.newKeySet();
        AtomicReference<String> failure = new AtomicReference<>();
        PollHostsClientFactory.PollHostsClient client = null;
        try {
            client = clients.create(settings());
        } catch (AttestationUnavailableException e) {
            failure.set(e.getMessage());
        }
        Queue<List<Vds>> batches = new ConcurrentLinkedQueue<>();
        for (int from = 0; from < hosts.size(); from += batchSize) {
            batches.add(hosts.subList(from, Math.min(hosts.size(), from + batchSize)));
        }
        // One failed batch does not blind the others (their verdicts are still acted on); two failures in
        // a row mean the service is down, and the batches not sent yet are not (each try may cost a timeout).
        AtomicInteger failuresInARow = new AtomicInteger(client == null ? 2 : 0);
        PollHostsClientFactory.PollHostsClient shared = client;
        Runnable worker = () -> {
            List<Vds> batch;
            while ((batch = batches.poll()) != null) {
                pollBatch(shared, batch, validity, failuresInARow, failure, verdicts, unanswered);
            }
        };
        // Batches in parallel, at most AttestationConcurrentBatches at once: this thread works through the
        // queue too, so the refresh finishes even when the executor has no thread to spare for the helpers.
        int helpers = Math.min(batches.size(), Math.max(1, config.getInt(ConfigValues.AttestationConcurrentBatches, 32))) - 1;
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int i = 0; i < helpers; i++) {
            running.add(CompletableFuture.runAsync(worker, executor));
        }
        worker.run();
        for (CompletableFuture<Void> helper : running) {
            // A helper that never got a thread finds the queue empty and ends at once.
            helper.join();
        }
        if (failure.get() != null) {
            LOG.warning("attestation service unavailable: " + failure.get());
        }
        return new RefreshOutcome(verdicts, failure.get() == null, failure.get(), unanswered);
    }

    /** Asks about one batch and caches and stores its verdicts at once, so they are usable before the other batches end. */
    private void pollBatch(PollHostsClientFactory.PollHostsClient client, List<Vds> batch, long validity, AtomicInteger failuresInARow,
            AtomicReference<String> failure, Map<UUID, HostTrust> verdicts, Set<UUID> unanswered) {
        Map<UUID, HostTrust> answers = new HashMap<>();
        Map<UUID, Long> lifetimes = new HashMap<>();
        String batchFailure = failuresInARow.get() >= 2 ? failure.get() : null;
        if (batchFailure == null) {
            try {
                Map<String, Vds> byName = new HashMap<>();
                batch.forEach(h -> byName.put(h.getName(), h));
                Instant sent = clock.instant();
                List<PollResult> results = client.pollHosts(new ArrayList<>(byName.keySet()));
                Instant now = clock.instant();
                for (PollResult result : results) {
                    Vds host = byName.get(result.hostName());
                    HostTrust verdict = sameMachine(host, result.agentUrl(),
                            fresh(new HostTrust(host.getId(), result.level(),
                                    result.challengedForRequest() ? measuredAt(result.verifiedAt(), sent, now) : result.verifiedAt(), result.reason(), now,
                                    result.ekFingerprint()), validity));
                    answers.put(host.getId(), verdict);
                    lifetimes.put(host.getId(), lifetime(verdict, validity));
                }
                failuresInARow.set(0);
            } catch (AttestationUnavailableException e) {
                failure.set(e.getMessage());
                batchFailure = e.getMessage();
                failuresInARow.incrementAndGet();
            }
        }
        if (batchFailure != null) {
            // Fail closed: without an answer nobody is trusted; the reason says why.
            Instant now = clock.instant();
            for (Vds host : batch) {
                answers.put(host.getId(), new HostTrust(host.getId(), TrustLevel.UNKNOWN, null,
                        "attestation service unavailable: " + batchFailure, now));
                unanswered.add(host.getId());
                lifetimes.put(host.getId(), Math.min(validity, OUTAGE_RETRY_SECONDS));
            }
        }
        for (HostTrust verdict : answers.values()) {
            cache.put(verdict, lifetimes.get(verdict.vdsId()));
        }
        // The cache is what placements read; the table keeps the last verdicts across a restart and for the API.
        try {
            trustDao.saveAll(answers.values());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not store the verdicts of " + answers.size() + " hosts", e);
        }
        verdicts.putAll(answers);
    }

    /**
     * When the service measured the host, as precisely as the answer allows; used only for an entry in which
     * the service says, signed together with this request's fresh nonce, which challenge it sent the host
     * while answering this request (PollResult.challengedForRequest: our service does so for every host it
     * challenges; a service that keeps verdicts, as OpenAttestation does, says no such thing and its vtime
     * stands as it is). The service dates a verdict to the second (OpenAttestation's vtime), so a host
     * measured at 12:00:00.900 reads 12:00:00 and its verdict would lapse up to a second early:
     * re-attestation, which renews each verdict just as it lapses, would then see whole batches lapse
     * before their turn and send extra requests. A measurement made for this request happened after the
     * request was sent, so one dated within the second before the sending counts from the sending time,
     * by the engine's own clock (never later than the answer): never later than the real measurement. A
     * vtime before that second is the service's clock being behind ours or the service saying it measured
     * earlier: it stands, and the verdict is as old as it says.
     */
    static Instant measuredAt(Instant vtime, Instant sent, Instant answered) {
        if (vtime == null || !vtime.isBefore(sent) || vtime.isBefore(sent.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))) {
            return vtime;
        }
        return sent.isAfter(answered) ? answered : sent;
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
        String server = config.getString("AttestationServer", "");
        return new AttestationSettings(
                server,
                attestationPort(server, config.getInt("AttestationPort", 8443), System.getProperty(OWN_ATTESTATION_PORT),
                        System.getProperty(LAUNCHER_ATTESTATION_PORT)),
                config.getString("PollUri", "AttestationService/resources/PollHosts"),
                Boolean.parseBoolean(config.getString("SecureConnectionWithOATServers", "true")),
                config.getString("AttestationTruststore", ""),
                config.getString("AttestationTruststorePass", ""),
                Duration.ofSeconds(Math.max(1, config.getInt("AttestationConnectTimeoutSeconds", 3))),
                Duration.ofSeconds(Math.max(1, config.getInt("AttestationReadTimeoutSeconds", 15))),
                config.getString("AttestationPollToken", ""),
                config.getString("AttestationServiceCertificate", ""));
    }

    /** Set by the launcher on each engine node: the HTTP port of the attestation service deployed beside it. */
    static final String OWN_ATTESTATION_PORT = "trustpool.attestation.port";
    /** Set by the launcher on each engine node: the AttestationPort it wrote into the options (node 1's port). */
    static final String LAUNCHER_ATTESTATION_PORT = "trustpool.attestation.launcherPort";
    private static final java.util.regex.Pattern LOOPBACK =
            java.util.regex.Pattern.compile("(?i)localhost|127(\\.\\d{1,3}){3}|::1|\\[::1]");

    /**
     * The port to ask at. While the options still name the service the launcher set up (a loopback
     * AttestationServer and the AttestationPort the launcher wrote), they mean "the service on this machine,
     * beside this engine": with several engine nodes each has its own service on its own port, and asking one's
     * own keeps re-attestation going when node 1, whose port the option holds, is gone. Anything an administrator
     * chose instead (another port on this machine: a proxy, a drill of an outage; any other server: one service
     * for all nodes) is asked as configured. Names are compared as written, never resolved, so DNS cannot turn a
     * remote service into "ours".
     */
    static int attestationPort(String server, int configuredPort, String ownPort, String launcherPort) {
        if (ownPort == null || server == null || !LOOPBACK.matcher(server.strip()).matches()
                || !String.valueOf(configuredPort).equals(launcherPort == null ? null : launcherPort.strip())) {
            return configuredPort;
        }
        try {
            int port = Integer.parseInt(ownPort.strip());
            return port >= 1 && port <= 65535 ? port : configuredPort;
        } catch (NumberFormatException e) {
            return configuredPort; // not a port: the option, as on a node the launcher did not start
        }
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
