package org.trustpool.bench;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.trustpool.bll.scheduling.Filters;
import org.trustpool.bll.scheduling.PolicyUnit;
import org.trustpool.bll.scheduling.SchedulingManager;
import org.trustpool.bll.scheduling.SchedulingRequest;
import org.trustpool.bll.scheduling.SchedulingResult;
import org.trustpool.bll.scheduling.TrustedHostFilter;
import org.trustpool.bll.trust.AttestationBroker;
import org.trustpool.bll.trust.MapTrustCache;
import org.trustpool.common.businessentities.Cluster;
import org.trustpool.common.businessentities.Vm;

/**
 * P2: the time of one placement over HOSTS hosts of a trusted cluster with the trust filter and without it
 * (same hosts, same run, alternating), the verdicts cached (warm): the real SchedulingManager, filters and
 * AttestationBroker over the real DAOs on PostgreSQL, the engine's configuration in memory, the verdicts held as
 * the engine's Infinispan cache holds them (Strings, read back through the same reader: MapTrustCache;
 * Infinispan itself needs WildFly). The service is a stand-in on loopback that warms the cache once.
 * Arguments: HOSTS ROUNDS.
 */
public final class PlacementLatency {

    private PlacementLatency() {
    }

    public static void main(String[] args) {
        Figures.main(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        try (PollHostsStub service = new PollHostsStub(); EngineFixture engine = new EngineFixture()) {
            engine.attestationService(service.port(), 100, 3600);
            Cluster cluster = engine.trustedCluster("bench-trusted");
            List<UUID> ids = engine.addHosts(cluster, hosts, "p2");
            AttestationBroker broker = engine.broker(new MapTrustCache(Clock.systemUTC()));
            broker.refreshAll().get(60, TimeUnit.SECONDS); // warm cache
            if (!ids.stream().allMatch(id -> broker.currentTrust(id).isTrusted())) {
                throw new IllegalStateException("the cache did not warm: some host has no TRUSTED verdict");
            }
            SchedulingManager withTrust = new SchedulingManager(engine.vdsDao, engine.clusterDao, new TrustedHostFilter(broker));
            SchedulingManager withoutTrust = new SchedulingManager(engine.vdsDao, engine.clusterDao,
                    List.<PolicyUnit>of(Filters.REQUESTED_HOST, Filters.CLUSTER, Filters.NOT_SOURCE, Filters.HOST_UP, Filters.MEMORY));
            Vm vm = new Vm();
            vm.getStaticData().setId(UUID.randomUUID());
            vm.getStaticData().setClusterId(cluster.getId());
            vm.getStaticData().setMemSizeMb(1024);
            vm.getStaticData().setTrustedHostFlag(true);
            SchedulingRequest request = SchedulingRequest.run(vm, null).withCluster(cluster);
            for (int warm = 0; warm < Math.max(50, rounds / 4); warm++) {
                check(withTrust.schedule(request));
                check(withoutTrust.schedule(request));
            }
            long plain = 0;
            long trusted = 0;
            for (int r = 0; r < rounds; r++) {
                // alternating order, so neither side always runs on the cache lines the other warmed
                if (r % 2 == 0) {
                    long t0 = System.nanoTime();
                    check(withoutTrust.schedule(request));
                    long t1 = System.nanoTime();
                    check(withTrust.schedule(request));
                    trusted += System.nanoTime() - t1;
                    plain += t1 - t0;
                } else {
                    long t0 = System.nanoTime();
                    check(withTrust.schedule(request));
                    long t1 = System.nanoTime();
                    check(withoutTrust.schedule(request));
                    plain += System.nanoTime() - t1;
                    trusted += t1 - t0;
                }
            }
            double plainUs = plain / 1e3 / rounds;
            double trustedUs = trusted / 1e3 / rounds;
            Figures.note(String.format("placement over %d hosts, %d rounds: %.1f us without the trust filter, %.1f us with it", hosts, rounds,
                    plainUs, trustedUs));
            Figures.print("p2.placement_us_without_trust", plainUs, "us");
            Figures.print("p2.placement_us_with_trust", trustedUs, "us");
            Figures.print("p2.placement_ratio", trustedUs / plainUs, "x");
        }
    }

    private static void check(SchedulingResult result) {
        if (result.host().isEmpty()) {
            throw new IllegalStateException("placement failed: " + result);
        }
    }
}
