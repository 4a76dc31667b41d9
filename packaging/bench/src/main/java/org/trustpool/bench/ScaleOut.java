package org.trustpool.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.trustpool.launcher.LaunchOptions;
import org.trustpool.launcher.Launcher;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * SCALE (issue 15): HOSTS simulated hosts monitored by two engine nodes on one PostgreSQL, as
 * {@code trustpool run --nodes 2} starts them, and then, in the same run, by one node after the other was
 * stopped (it hands its hosts over at once). For each: how many hosts were monitored per window (their last
 * successful poll at most two VdsRefreshRate periods old, averaged over SAMPLE one-second samples), the p99 age
 * of the last successful poll, and the CPU of the engine JVMs. Both nodes share this machine's cores, so the
 * two-node figures show the cost of clustering (heartbeats, leases, JGroups), not a speed-up. From the one-node
 * CPU per host an estimate follows of how many hosts one node carries per core, and N nodes on machines of
 * their own carry N times that; the re-attestation schedule runs on one node (one lease, so that P1 holds for
 * the cluster) and its capacity is P3's, whatever the number of nodes.
 * Arguments: HOSTS SAMPLE_SECONDS.
 */
public final class ScaleOut {
    /** The share of a core an estimate leaves to the engine's other work (API, commands, GC). */
    private static final double HEADROOM = 0.5;
    /** How long a sample waits at most for the engines' CPU use to be steady (see settle). */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(40);

    private ScaleOut() {
    }

    public static void main(String[] args) {
        Figures.main(() -> run(args));
    }

    private record Sample(double monitoredPerWindow, double p99Age, double engineCores) {
    }

    private static void run(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        int sampleSeconds = Integer.parseInt(args[1]);
        Path dataDir = Files.createTempDirectory("trustpool-bench-cluster");
        LaunchOptions options = LaunchOptions.builder()
                .dataDir(dataDir)
                .dist(ManagerUnderLoad.dist())
                .port(ManagerUnderLoad.freeEnginePort())
                .dbPort(ManagerUnderLoad.freePort())
                .agentBasePort(ManagerUnderLoad.freeRange(hosts))
                .hosts(hosts)
                .demo(true)
                .nodes(2)
                .deployTimeout(Duration.ofMinutes(5))
                .hostsUpTimeout(Duration.ofMinutes(10))
                .build();
        long started = System.nanoTime();
        try (TrustpoolSystem system = Launcher.start(options)) {
            Figures.note(String.format(Locale.ROOT, "two engine nodes with %d simulated hosts started in %.1f s", hosts,
                    (System.nanoTime() - started) / 1e9));
            EngineRest api = new EngineRest(system.apiUrl(1), system.adminUser(), system.adminPassword());
            int refreshRate = Integer.parseInt(api.get("/options/VdsRefreshRate").text("/option/value"));
            awaitWatched(api, "both nodes sharing the hosts", hosts, 2);
            settle(List.of(system.engineJvm(1).orElseThrow(), system.engineJvm(2).orElseThrow()), refreshRate, "two nodes");
            Sample two = sample(system, hosts, sampleSeconds, refreshRate, List.of(
                    system.engineJvm(1).orElseThrow(), system.engineJvm(2).orElseThrow()));
            long stopped = System.nanoTime();
            system.stopNode(2);
            awaitWatched(api, "node 1 watching every host", hosts, 1);
            Figures.note(String.format(Locale.ROOT, "node 2 stopped; node 1 watched all %d hosts %.1f s later", hosts,
                    (System.nanoTime() - stopped) / 1e9));
            // the hand-over itself (new connections to the hosts taken over, the re-attestation lease) is not the
            // steady cost of one node watching every host
            settle(List.of(system.engineJvm(1).orElseThrow()), refreshRate, "one node");
            Sample one = sample(system, hosts, sampleSeconds, refreshRate, List.of(system.engineJvm(1).orElseThrow()));

            for (String[] line : new String[][] {{"two nodes", "two"}, {"one node", "one"}}) {
                Sample s = line[1].equals("two") ? two : one;
                Figures.note(String.format(Locale.ROOT, "%s: %.1f of %d hosts monitored per window, p99 poll age %.2f s,"
                        + " engine JVMs %.0f%% of one core", line[0], s.monitoredPerWindow(), hosts, s.p99Age(), s.engineCores() * 100));
            }
            Figures.print("scale.hosts", hosts, "hosts");
            Figures.print("scale.two_nodes_hosts_monitored_per_window", two.monitoredPerWindow(), "hosts");
            Figures.print("scale.one_node_hosts_monitored_per_window", one.monitoredPerWindow(), "hosts");
            Figures.print("scale.monitored_ratio_two_vs_one", two.monitoredPerWindow() / one.monitoredPerWindow(), "x");
            Figures.print("scale.two_nodes_p99_poll_age_in_refresh_rates", two.p99Age() / refreshRate, "x VdsRefreshRate");
            Figures.print("scale.one_node_p99_poll_age_in_refresh_rates", one.p99Age() / refreshRate, "x VdsRefreshRate");
            Figures.print("scale.two_nodes_engine_cpu_percent_of_one_core", two.engineCores() * 100, "%");
            Figures.print("scale.one_node_engine_cpu_percent_of_one_core", one.engineCores() * 100, "%");
            Figures.print("scale.cpu_ratio_two_vs_one", two.engineCores() / one.engineCores(), "x (same hosts: the cost of clustering)");
            // One node's CPU per host monitored (core-seconds per second per host), and what a core carries at HEADROOM.
            double perHost = one.engineCores() / hosts;
            double hostsPerCore = HEADROOM / perHost;
            Figures.print("scale.estimated_hosts_per_node_per_core", hostsPerCore, "hosts");
            Figures.note(String.format(Locale.ROOT, "estimate: monitoring costs %.2f ms of CPU per host per second on one node;"
                    + " at %.0f%% of a core that is %.0f hosts per core, so N nodes with C cores each carry about N x C x %.0f hosts"
                    + " (the database and the network not counted; re-attestation runs on one node, see P3)",
                    perHost * 1000, HEADROOM * 100, hostsPerCore, hostsPerCore));
        } finally {
            ManagerUnderLoad.delete(dataDir);
        }
    }

    /** Waits until the nodes' leases cover every host, spread over {@code nodes} live nodes. */
    private static void awaitWatched(EngineRest api, String what, int hosts, int nodes) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            EngineRest.Reply reply = api.get("/enginenodes");
            int up = reply.count("/engine_nodes/engine_node[status='up' and monitored_hosts > 0]");
            int watched = 0;
            for (int i = 1; i <= reply.count("/engine_nodes/engine_node"); i++) {
                String n = reply.text("/engine_nodes/engine_node[" + i + "]/monitored_hosts");
                watched += n.isEmpty() ? 0 : Integer.parseInt(n);
            }
            if (up == nodes && watched == hosts) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + ": " + reply.text("/"));
            }
            Thread.sleep(250);
        }
    }

    /**
     * Waits until the engine JVMs' CPU use is steady: two consecutive windows of max(2, VdsRefreshRate) seconds
     * within 25% of each other (at most SETTLE_LIMIT), so a sample measures monitoring, not what a start or a
     * hand-over costs once. Says how long it took, or that it never settled (the sample is then taken anyway).
     */
    private static void settle(List<ProcessHandle> engines, int refreshRate, String what) throws InterruptedException {
        long window = Math.max(2, refreshRate) * 1000L;
        long start = System.nanoTime();
        double previous = -1;
        while (true) {
            Duration before = cpu(engines);
            long t0 = System.nanoTime();
            Thread.sleep(window);
            double cores = cpu(engines).minus(before).toMillis() / 1000.0 / ((System.nanoTime() - t0) / 1e9);
            double waited = (System.nanoTime() - start) / 1e9;
            if (previous >= 0 && Math.abs(cores - previous) <= 0.25 * Math.max(cores, previous)) {
                Figures.note(String.format(Locale.ROOT, "%s: engine CPU steady after %.0f s (%.0f%% then %.0f%% of one core)",
                        what, waited, previous * 100, cores * 100));
                return;
            }
            if (waited >= SETTLE_LIMIT.toSeconds()) {
                Figures.note(String.format(Locale.ROOT, "%s: engine CPU not steady after %.0f s (last windows %.0f%%, %.0f%% of one"
                        + " core); sampled anyway", what, waited, previous * 100, cores * 100));
                return;
            }
            previous = cores;
        }
    }

    /** Once a second for SAMPLE seconds: each host's last successful poll age, and the engine JVMs' CPU over the time. */
    private static Sample sample(TrustpoolSystem system, int hosts, int sampleSeconds, int refreshRate, List<ProcessHandle> engines)
            throws Exception {
        Properties credentials = new Properties();
        credentials.setProperty("user", system.dbUser());
        credentials.setProperty("password", system.dbPassword().orElse(""));
        List<Double> ages = new ArrayList<>();
        long monitored = 0;
        try (Connection db = DriverManager.getConnection(system.jdbcUrl(), credentials);
             PreparedStatement ps = db.prepareStatement(
                     "select extract(epoch from clock_timestamp() - d.last_response) from vds_dynamic d")) {
            Duration cpuBefore = cpu(engines);
            long t0 = System.nanoTime();
            for (int s = 0; s < sampleSeconds; s++) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        double age = rs.getObject(1) == null ? sampleSeconds : rs.getDouble(1);
                        ages.add(age);
                        monitored += age <= 2.0 * refreshRate ? 1 : 0;
                    }
                }
                Thread.sleep(1000);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cores = cpu(engines).minus(cpuBefore).toMillis() / 1000.0 / seconds;
            Collections.sort(ages);
            double p99 = ages.get(Math.min(ages.size() - 1, (int) Math.ceil(ages.size() * 0.99) - 1));
            return new Sample((double) monitored / sampleSeconds, p99, cores);
        }
    }

    private static Duration cpu(List<ProcessHandle> engines) {
        Duration total = Duration.ZERO;
        for (ProcessHandle p : engines) {
            total = total.plus(p.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }
}
