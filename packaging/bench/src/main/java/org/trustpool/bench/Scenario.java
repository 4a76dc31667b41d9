package org.trustpool.bench;

import java.util.List;

/**
 * One scenario of issue 14: the JVM that runs it (its main class and arguments, sized for quick or full
 * mode), its time limit, and the figures it must produce with their targets. A scenario not built yet says
 * why instead ({@link #notMeasured}).
 */
record Scenario(String id, String title, String mainClass, List<String> args, int limitSeconds, int heapMb,
                List<Target> targets, String notMeasured) {

    Target target(String figure) {
        return targets.stream().filter(t -> t.figure().equals(figure)).findFirst().orElse(null);
    }

    static List<Scenario> all(boolean quick) {
        // P1: hosts, placement checks per window, batch size, validity (= window) in seconds
        int p1Hosts = 1000;
        int p1Batch = quick ? 100 : 50;
        int p1Validity = quick ? 8 : 60; // three windows per strategy
        // P3: hosts re-attested end to end; P5: hosts of one refresh and the per-host deadline
        int p3Hosts = quick ? 1000 : 10_000;
        int p5Hosts = quick ? 300 : 1000;
        int p5DeadlineMs = quick ? 2000 : 5000;
        String mode = quick ? "quick" : "full";
        // P7 and P4 share one running system (starting one takes a minute or more): hosts, trials
        int p7Hosts = quick ? 100 : 1000;
        int p4Trials = 5;
        return List.of(
                new Scenario("P1", "PollHosts requests per validity window, " + p1Hosts + " hosts, 10,000 placement checks per window, monitor running",
                        "org.trustpool.bench.PollHostsPerWindow",
                        List.of(String.valueOf(p1Hosts), "10000", String.valueOf(p1Batch), String.valueOf(p1Validity)),
                        quick ? 240 : 900, 768,
                        List.of(Target.atMost("p1.requests_per_window", (p1Hosts + p1Batch - 1) / p1Batch, "p1.nova_requests_per_window"),
                                Target.info("p1.nova_requests_per_window"), Target.info("p1.naive_requests_per_window")),
                        null),
                new Scenario("P2", "placement latency with / without the trust filter, 1,000 hosts, warm cache, DAOs on PostgreSQL",
                        "org.trustpool.bench.PlacementLatency", List.of("1000", quick ? "600" : "1000"),
                        quick ? 180 : 600, 768,
                        List.of(Target.atMost("p2.placement_ratio", 1.05, null), Target.info("p2.placement_us_without_trust"),
                                Target.info("p2.placement_us_with_trust")),
                        null),
                new Scenario("P3", "quote verifications per core; hosts re-attested per 60 s by one engine and one service, 5% dead",
                        "org.trustpool.bench.AttestationThroughput", List.of(mode, String.valueOf(p3Hosts)),
                        quick ? 420 : 1500, 1536,
                        List.of(Target.atLeast("p3.verifications_per_s_per_core", 20_000, null),
                                Target.atLeast("p3.hosts_per_60s_window", 10_000, null), Target.info("p3.refresh_seconds")),
                        null),
                new Scenario("P5", "one refresh of " + p5Hosts + " hosts with 5% dead, per-host deadline " + p5DeadlineMs + " ms",
                        "org.trustpool.bench.RefreshWithDeadHosts", List.of(mode, String.valueOf(p5Hosts), String.valueOf(p5DeadlineMs)),
                        quick ? 240 : 900, 1024,
                        List.of(Target.atMost("p5.refresh_seconds", 1.2 * p5DeadlineMs / 1000.0, "p5.ovirt_refresh_seconds"),
                                Target.atMost("p5.live_hosts_timed_out", 0, "p5.ovirt_live_hosts_timed_out"),
                                Target.info("p5.ovirt_refresh_seconds"), Target.info("p5.ovirt_live_hosts_timed_out"),
                                Target.info("p5.cold_refresh_seconds"), Target.info("p5.cold_live_hosts_timed_out")),
                        null),
                new Scenario("P6", (quick ? "100" : "1,000") + " concurrent VM starts over " + (quick ? "10" : "100")
                        + " hosts, trusted and plain mixed, while the attestation service stalls for 5 s",
                        "org.trustpool.bll.bench.ConcurrentStartBenchmark", quick ? List.of("--quick") : List.of(),
                        quick ? 300 : 900, 768,
                        List.of(Target.atLeast("p6_plain_rate_ratio_stall_vs_no_stall", 0.9, null),
                                Target.atMost("p6_lock_failures_stall", 0, null), Target.atMost("p6_lock_failures_no_stall", 0, null),
                                Target.info("p6_plain_starts_per_s_no_stall"), Target.info("p6_plain_starts_per_s_stall")),
                        null),
                new Scenario("P7+P4", p7Hosts + " simulated hosts monitored by one engine, then a host tampered while running, "
                        + p4Trials + " trials (real processes: the launcher's system)",
                        "org.trustpool.bench.ManagerUnderLoad",
                        List.of(String.valueOf(p7Hosts), quick ? "20" : "120", String.valueOf(p4Trials), quick ? "3" : "10"),
                        quick ? 720 : 2400, 512,
                        List.of(Target.atMost("p7.p99_poll_age_in_refresh_rates", 3, null), Target.info("p7.p99_poll_age_seconds"),
                                Target.info("p7.engine_cpu_percent_of_one_core"), Target.info("p7.hosts"),
                                Target.atMost("p4.max_periods_to_vms_moved", 2, null), Target.info("p4.max_seconds_to_vms_moved"),
                                Target.info("p4.max_seconds_to_non_operational"), Target.info("p4.reattest_period_seconds"),
                                Target.info("p4.trials")),
                        null),
                new Scenario("SCALE", p7Hosts + " simulated hosts monitored by two engine nodes on one PostgreSQL, then by one after the"
                        + " other stopped (real processes: trustpool run --nodes 2; on this machine's shared cores the ratio is the cost"
                        + " of clustering, not a speed-up)",
                        "org.trustpool.bench.ScaleOut", List.of(String.valueOf(p7Hosts), quick ? "15" : "60"),
                        quick ? 600 : 1800, 512,
                        List.of(Target.atLeast("scale.monitored_ratio_two_vs_one", 0.99, null),
                                Target.atMost("scale.two_nodes_p99_poll_age_in_refresh_rates", 3, null),
                                Target.info("scale.one_node_p99_poll_age_in_refresh_rates"),
                                Target.info("scale.two_nodes_hosts_monitored_per_window"), Target.info("scale.one_node_hosts_monitored_per_window"),
                                Target.info("scale.two_nodes_engine_cpu_percent_of_one_core"),
                                Target.info("scale.one_node_engine_cpu_percent_of_one_core"), Target.info("scale.cpu_ratio_two_vs_one"),
                                Target.info("scale.estimated_hosts_per_node_per_core"), Target.info("scale.hosts")),
                        null),
                new Scenario("LOGIN", "HTTP Basic password checks (LoginBenchmark, run as it is)", "org.trustpool.bll.user.LoginBenchmark",
                        List.of(), quick ? 180 : 600, 512, List.of(), null));
    }
}
