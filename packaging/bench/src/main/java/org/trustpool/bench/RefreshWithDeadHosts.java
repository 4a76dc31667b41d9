package org.trustpool.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
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
            double[] ours = refresh(engine, service, names, "engine (up to 32 batches at once) + service (per-host deadline, 16 at once per call)");
            Figures.print("p5.refresh_seconds", ours[0], "s");
            Figures.print("p5.live_hosts_timed_out", ours[1], "hosts");

            engine.option("AttestationConcurrentBatches", 1);
            service.configure(callDeadline, callDeadline, 16);
            double[] ovirt = refresh(engine, service, names, "oVirt-style: batches one after another, no per-host deadline (16 at once per call)");
            Figures.print("p5.ovirt_refresh_seconds", ovirt[0], "s");
            Figures.print("p5.ovirt_live_hosts_timed_out", ovirt[1], "hosts");
        }
    }

    /** One refresh of every host on a cold cache: its seconds, and how many live hosts did not come back trusted. */
    static double[] refresh(EngineFixture engine, ServiceFixture service, Map<UUID, String> names, String title) throws Exception {
        AttestationBroker broker = engine.broker(new MapTrustCache(Clock.systemUTC()));
        long start = System.nanoTime();
        RefreshOutcome outcome = broker.refreshAll().get(30, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
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
                + (sample == null ? "" : "; for example " + sample));
        if (outcome.verdicts().size() != names.size()) {
            throw new IllegalStateException("the refresh gave " + outcome.verdicts().size() + " verdicts for " + names.size() + " hosts");
        }
        return new double[] {seconds, liveTimedOut + liveNotTrusted};
    }
}
