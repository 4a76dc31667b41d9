package org.trustpool.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.trustpool.bll.ActionRunner;
import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.bll.monitoring.PeriodicTask;
import org.trustpool.bll.monitoring.VdsManagers;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.bll.trust.MapTrustCache;
import org.trustpool.bll.trust.TrustMonitor;
import org.trustpool.bll.vm.VmEvacuator;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.TrustLevel;
import org.trustpool.dal.AuditLogDao;
import org.trustpool.dal.VmDao;
import org.trustpool.vdsbroker.attestation.AttestationClient;
import org.trustpool.vdsbroker.attestation.AttestationUnavailableException;
import org.trustpool.vdsbroker.attestation.PollResult;

/**
 * P1: how many PollHosts requests the attestation service receives per validity window while placement
 * checks run against hosts of trusted clusters, with the engine's re-attestation monitor running; beside it
 * the same load on a Nova-style strategy (a stale check re-polls the whole pool inline) and a naive one (one
 * request per placement check). Engine side: the real AttestationBroker, TrustMonitor and PeriodicTask, the
 * real DAOs on PostgreSQL; the service is a stand-in on loopback (PollHostsStub) answering trusted.
 *
 * <p>Load: at the start, a burst of CHECKS concurrent placement checks on a cold cache; then CHECKS checks
 * spread evenly over each of the next two windows. The figure is the requests that arrived during the third
 * window (steady state; the second still settles from the cold start).
 * Arguments: HOSTS CHECKS BATCH VALIDITY_SECONDS.
 */
public final class PollHostsPerWindow {

    private PollHostsPerWindow() {
    }

    /** One way of answering "is this host trusted?" for a placement. */
    private interface Strategy extends AutoCloseable {
        void check(UUID host) throws Exception;

        /** Starts what runs in the background (the engine's re-attestation monitor). */
        default void begin() {
        }

        @Override
        default void close() throws Exception {
        }
    }

    public static void main(String[] args) {
        Figures.main(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        int checks = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int validity = Integer.parseInt(args[3]);
        Figures.note(String.format("hosts=%d, placement checks per window=%d, batch=%d, validity window=%d s", hosts, checks, batch, validity));
        try (PollHostsStub service = new PollHostsStub(); EngineFixture engine = new EngineFixture()) {
            engine.attestationService(service.port(), batch, validity);
            Cluster cluster = engine.trustedCluster("bench-trusted");
            List<UUID> ids = engine.addHosts(cluster, hosts, "p1");
            Map<UUID, String> names = new HashMap<>();
            engine.vdsDao.getAllForCluster(cluster.getId()).forEach(h -> names.put(h.getId(), h.getName()));

            long ours = run("engine (monitor spread over the window, placements share its refreshes)", service, ids, checks, validity,
                    () -> ours(engine));
            long nova = run("Nova-style (a stale check re-polls the whole pool inline)", service, ids, checks, validity,
                    () -> nova(engine, names, validity, batch));
            long naive = run("naive (one request per placement check)", service, ids, checks, validity, () -> naive(engine, names));
            Figures.print("p1.requests_per_window", ours, "requests");
            Figures.print("p1.nova_requests_per_window", nova, "requests");
            Figures.print("p1.naive_requests_per_window", naive, "requests");
        }
    }

    private interface StrategyFactory {
        Strategy create() throws Exception;
    }

    /** Runs the load on a fresh strategy; returns the requests that arrived in the second window. */
    private static long run(String title, PollHostsStub service, List<UUID> ids, int checks, int validity, StrategyFactory factory)
            throws Exception {
        service.reset();
        ExecutorService callers = Executors.newFixedThreadPool(64, EngineFixture.daemon("placement"));
        AtomicLong failures = new AtomicLong();
        AtomicLong untrusted = new AtomicLong();
        try (Strategy strategy = factory.create()) {
            long start = System.nanoTime();
            strategy.begin();
            long windowNanos = TimeUnit.SECONDS.toNanos(validity);
            Runnable one = () -> {
                UUID id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                try {
                    strategy.check(id);
                } catch (UntrustedException e) {
                    untrusted.incrementAndGet();
                } catch (Exception e) {
                    failures.incrementAndGet();
                }
            };
            for (int i = 0; i < checks; i++) {
                callers.execute(one); // the cold start: all at once
            }
            for (int i = 0; i < checks; i++) {
                long due = start + windowNanos + windowNanos * i / checks;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                callers.execute(one);
            }
            // a third window with the same load: the second still settles from the cold start (all verdicts
            // dated from the first seconds run out together once); the third is what every later window looks like
            for (int i = 0; i < checks; i++) {
                long due = start + 2 * windowNanos + windowNanos * i / checks;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                callers.execute(one);
            }
            long end = start + 3 * windowNanos;
            long wait = end - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long first = service.requestsBetween(start, start + windowNanos);
            long second = service.requestsBetween(start + windowNanos, start + 2 * windowNanos);
            long third = service.requestsBetween(start + 2 * windowNanos, end);
            Figures.note(String.format("%s: %d requests in the first window (cold start), %d in the second, %d in the third;"
                    + " %d checks saw no TRUSTED verdict, %d failed", title, first, second, third, untrusted.get(), failures.get()));
            return third;
        } finally {
            callers.shutdownNow();
            callers.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** A placement check found the host not trusted (no verdict yet): counted, not a failure. */
    private static final class UntrustedException extends Exception {
        UntrustedException() {
            super(null, null, false, false);
        }
    }

    /** The engine: a placement waits (bounded) for missing verdicts, then reads the cache (what RunVm does); the monitor runs. */
    private static Strategy ours(EngineFixture engine) {
        AttestationBroker broker = engine.broker(new MapTrustCache(Clock.systemUTC()));
        // Every host answers trusted: the monitor has nothing to act on, so it is given no one to act through.
        ActionRunner noActions = (type, parameters) -> {
            throw new IllegalStateException("no action expected in this benchmark: " + type);
        };
        VmDao vmDao = new VmDao(engine.dataSource);
        TrustMonitor monitor = new TrustMonitor(broker, engine.clusterDao, engine.vdsDao, vmDao, noActions, new VmEvacuator(vmDao, noActions),
                new VdsManagers(null, engine.executor), new AuditLogDirector(new AuditLogDao(engine.dataSource)), engine.config);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(EngineFixture.daemon("re-attestation"));
        PeriodicTask task = PeriodicTask.atFixedRate(scheduler, "re-attestation", monitor::nextCycleMillis, monitor::cycle);
        return new Strategy() {
            @Override
            public void begin() {
                task.start(0);
            }

            @Override
            public void check(UUID host) throws Exception {
                broker.ensureVerdicts(List.of(host));
                if (!broker.currentTrust(host).isTrusted()) {
                    throw new UntrustedException();
                }
            }

            @Override
            public void close() {
                task.stop();
                scheduler.shutdownNow();
            }
        };
    }

    /**
     * Nova's TrustedFilter as the issue describes it: verdicts kept for the validity; a check that finds its
     * host's verdict stale re-polls the whole pool inline, in batches, with no sharing between callers.
     */
    private static Strategy nova(EngineFixture engine, Map<UUID, String> names, int validity, int batch) throws Exception {
        AttestationClient client = new AttestationClient(broker(engine).settings());
        Map<String, Instant> fresh = new ConcurrentHashMap<>();
        List<String> all = new ArrayList<>(names.values());
        return host -> {
            String name = names.get(host);
            Instant at = fresh.get(name);
            if (at == null || at.isBefore(Instant.now().minusSeconds(validity))) {
                for (int from = 0; from < all.size(); from += batch) {
                    for (PollResult r : client.pollHosts(all.subList(from, Math.min(all.size(), from + batch)))) {
                        if (r.level() == TrustLevel.TRUSTED) {
                            fresh.put(r.hostName(), Instant.now());
                        }
                    }
                }
            }
        };
    }

    /** No cache: every placement check asks the service about its host. */
    private static Strategy naive(EngineFixture engine, Map<UUID, String> names) throws AttestationUnavailableException {
        AttestationClient client = new AttestationClient(broker(engine).settings());
        return host -> {
            if (client.pollHosts(List.of(names.get(host))).stream().noneMatch(r -> r.level() == TrustLevel.TRUSTED)) {
                throw new UntrustedException();
            }
        };
    }

    /** The engine's settings for reaching the service (AttestationBroker.settings), shared with the baselines. */
    private static AttestationBroker broker(EngineFixture engine) {
        return engine.broker(new MapTrustCache(Clock.systemUTC()));
    }
}
