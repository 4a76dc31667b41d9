package org.trustpool.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.bll.trust.MapTrustCache;
import org.trustpool.bll.trust.RefreshOutcome;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.HostTrust;
import org.trustpool.common.businessentities.TrustLevel;

/**
 * P5: one refresh of HOSTS hosts of a trusted cluster, 5% of them dead, by the engine (AttestationBroker:
 * batches in parallel) through the attestation service (PollHostsService: each host its own deadline), timed,
 * and the live hosts that came back timeout counted. Beside it an oVirt-style refresh of the same hosts:
 * batches one after another, and a service without a per-host deadline (a host may take the whole call).
 * Both are measured in a warm JVM, after a first refresh whose time is printed as p5.cold_refresh_seconds
 * and a second one not counted (warming up);
 * each refresh's note says where its time went (PollHosts calls as the service front saw them).
 * Arguments: quick|full HOSTS HOST_DEADLINE_MS.
 */
public final class RefreshWithDeadHosts {

    private RefreshWithDeadHosts() {
    }

    public static void main(String[] args) {
        Figures.main(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        boolean quick = "quick".equals(args[0]);
        int hosts = Integer.parseInt(args[1]);
        Duration hostDeadline = Duration.ofMillis(Long.parseLong(args[2]));
        Duration callDeadline = quick ? Duration.ofSeconds(5) : Duration.ofSeconds(12);
        int batch = 50;
        try (EngineFixture engine = new EngineFixture();
             ServiceFixture service = new ServiceFixture(engine.dataSource, hosts, "p5", true, callDeadline.toMillis() + 2000)) {
            engine.attestationService(service.port(), batch, 3600);
            // the engine waits well past the service's own deadline: what is measured is how the service keeps it
            engine.option("AttestationReadTimeoutSeconds", callDeadline.toSeconds() + 20);
            Cluster cluster = engine.trustedCluster("bench-trusted");
            engine.addHosts(cluster, hosts, "p5");
            Map<UUID, String> names = new HashMap<>();
            engine.vdsDao.getAllForCluster(cluster.getId()).forEach(h -> names.put(h.getId(), h.getName()));
            Figures.note(String.format("%d hosts, %d dead (stalled), batches of %d, per-host deadline %d ms, call deadline %d ms",
                    hosts, service.dead.size(), batch, hostDeadline.toMillis(), callDeadline.toMillis()));

            engine.option("AttestationConcurrentBatches", 32);
            service.configure(callDeadline, hostDeadline, 16);
            // The first refresh in a fresh JVM runs the whole path (HTTP client and server, JSON, RSA, JDBC) in the
            // interpreter while the JIT compiles it on the same cores: a figure about this JVM's first seconds, not
            // about the strategy, and not what an engine and a service that run for days see. It is printed beside
            // the measured refresh; the stalled stand-ins are waited out so the next starts as fresh.
            double[] cold = refresh(engine, service, names, "first refresh in this JVM (cold: interpreter and JIT)");
            Figures.print("p5.cold_refresh_seconds", cold[0], "s");
            Figures.print("p5.cold_live_hosts_timed_out", cold[1], "hosts");
            service.awaitStalls();
            // One more, not counted: the first refresh cannot run the paths that only a later one takes (the kept
            // attestation client found again, its first comparison linking the record methods: 60 ms measured),
            // and the JIT is still compiling what the first one ran. Its time is printed in its note.
            refresh(engine, service, names, "second refresh in this JVM (warming up, not counted)");
            service.awaitStalls();
            double[] ours = refresh(engine, service, names, "engine (up to 32 batches at once) + service (per-host deadline, 16 at once per call)");
            Figures.print("p5.refresh_seconds", ours[0], "s");
            Figures.print("p5.live_hosts_timed_out", ours[1], "hosts");
            service.awaitStalls(); // neither strategy inherits stand-in threads the other's dead hosts still hold
            engine.option("AttestationConcurrentBatches", 1);
            service.configure(callDeadline, callDeadline, 16);
            double[] ovirt = refresh(engine, service, names, "oVirt-style: batches one after another, no per-host deadline (16 at once per call)");
            Figures.print("p5.ovirt_refresh_seconds", ovirt[0], "s");
            Figures.print("p5.ovirt_live_hosts_timed_out", ovirt[1], "hosts");
        }
    }

    /**
     * Where the refresh's time went, from the service front's clock: when the first and last PollHosts calls
     * arrived, how long the service's polls took (fastest, slowest), and how long the engine took after the
     * last answer was written (parsing, checking signatures, caching and storing the verdicts).
     */
    static String phases(ServiceFixture service, long start, long end) {
        List<ServiceFixture.Call> calls = new ArrayList<>(service.calls);
        if (calls.isEmpty()) {
            return "no PollHosts call reached the service";
        }
        long firstArrival = calls.stream().mapToLong(ServiceFixture.Call::arrived).min().getAsLong();
        long lastArrival = calls.stream().mapToLong(ServiceFixture.Call::arrived).max().getAsLong();
        long lastAnswer = calls.stream().mapToLong(ServiceFixture.Call::answered).max().getAsLong();
        LongSummaryStatistics poll = calls.stream().mapToLong(c -> c.polled() - c.polling()).summaryStatistics();
        LongSummaryStatistics front = calls.stream().mapToLong(c -> (c.answered() - c.arrived()) - (c.polled() - c.polling())).summaryStatistics();
        return String.format(Locale.ROOT, "%d PollHosts calls arrived %d..%d ms after the start; the service's polls took %d..%d ms"
                        + " (the front's reading, looking up and signing %d..%d ms more); last answer written at %d ms, the engine done %d ms later",
                calls.size(), ms(firstArrival - start), ms(lastArrival - start), ms(poll.getMin()), ms(poll.getMax()),
                ms(front.getMin()), ms(front.getMax()), ms(lastAnswer - start), ms(end - lastAnswer));
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** One refresh of every host on a cold cache: its seconds, and how many live hosts did not come back trusted. */
    static double[] refresh(EngineFixture engine, ServiceFixture service, Map<UUID, String> names, String title) throws Exception {
        AttestationBroker broker = engine.broker(new MapTrustCache(Clock.systemUTC()));
        service.calls.clear();
        long start = System.nanoTime();
        RefreshOutcome outcome = broker.refreshAll().get(30, TimeUnit.MINUTES);
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        int liveTimedOut = 0;
        int liveNotTrusted = 0;
        int deadTimedOut = 0;
        String sample = null;
        for (Map.Entry<UUID, HostTrust> e : outcome.verdicts().entrySet()) {
            boolean dead = service.dead.contains(names.get(e.getKey()));
            TrustLevel level = e.getValue().level();
            if (dead && level == TrustLevel.TIMEOUT) {
                deadTimedOut++;
            } else if (!dead && level == TrustLevel.TIMEOUT) {
                liveTimedOut++;
            } else if (!dead && level != TrustLevel.TRUSTED) {
                liveNotTrusted++;
                if (sample == null) {
                    sample = names.get(e.getKey()) + " " + level + ": " + e.getValue().reason();
                }
            }
        }
        Figures.note(String.format("%s: %d hosts in %.2f s; dead hosts timed out %d/%d; live hosts timed out %d, otherwise not trusted %d%s",
                title, outcome.verdicts().size(), seconds, deadTimedOut, service.dead.size(), liveTimedOut, liveNotTrusted,
                outcome.serviceAvailable() ? "" : "; service unavailable: " + outcome.failure())
                + (sample == null ? "" : "; for example " + sample) + "; " + phases(service, start, end));
        if (outcome.verdicts().size() != names.size()) {
            throw new IllegalStateException("the refresh gave " + outcome.verdicts().size() + " verdicts for " + names.size() + " hosts");
        }
        return new double[] {seconds, liveTimedOut + liveNotTrusted};
    }
}
