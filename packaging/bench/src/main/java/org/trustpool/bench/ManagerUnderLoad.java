package org.trustpool.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.trustpool.launcher.LaunchOptions;
import org.trustpool.launcher.Launcher;
import org.trustpool.launcher.TrustpoolSystem;

/**
 * P7 then P4 on one system started as {@code trustpool run} starts it (the launcher: embedded PostgreSQL,
 * WildFly with the EAR and the attestation service, the host-agent simulator with HOSTS hosts, the demo):
 * real processes and real HTTP throughout.
 *
 * <p>P7: for SAMPLE seconds, once a second, the age of each host's last successful poll (vds_dynamic.last_response,
 * which host monitoring writes on every answer) read from PostgreSQL; the p99 over all samples, as a multiple of
 * VdsRefreshRate; and the WildFly process's CPU over the same time.
 *
 * <p>P4: the demo's tampered host is healed, so the trusted cluster has two good hosts; two trusted VMs run; then
 * TRIALS times: the host running the trusted VMs is tampered with ({@code trustpool tamper}), and the time is taken
 * until it is NonOperational and until each of its VMs is Up on the other trusted host; then it is healed and
 * waits until it is Up again. The figure is the worst trial in re-attestation periods.
 * Arguments: HOSTS SAMPLE_SECONDS TRIALS REATTEST_PERIOD_SECONDS.
 */
public final class ManagerUnderLoad {
    private static final Duration WAIT = Duration.ofMinutes(3);

    private ManagerUnderLoad() {
    }

    public static void main(String[] args) {
        Figures.main(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        int hosts = Integer.parseInt(args[0]);
        int sampleSeconds = Integer.parseInt(args[1]);
        int trials = Integer.parseInt(args[2]);
        int period = Integer.parseInt(args[3]);
        Path dataDir = Files.createTempDirectory("trustpool-bench-system");
        LaunchOptions options = LaunchOptions.builder()
                .dataDir(dataDir)
                .dist(dist())
                .port(freeEnginePort())
                .dbPort(freePort())
                .agentBasePort(freeRange(hosts))
                .hosts(hosts)
                .demo(true)
                .deployTimeout(Duration.ofMinutes(5))
                .hostsUpTimeout(Duration.ofMinutes(10))
                .build();
        long started = System.nanoTime();
        try (TrustpoolSystem system = Launcher.start(options)) {
            Figures.note(String.format(Locale.ROOT, "the system with %d simulated hosts started in %.1f s", hosts, (System.nanoTime() - started) / 1e9));
            EngineRest api = new EngineRest(system.apiUrl(), system.adminUser(), system.adminPassword());
            pollAges(system, api, hosts, sampleSeconds);
            tamperTrials(system, api, trials, period);
        } finally {
            delete(dataDir);
        }
    }

    /** P7: the age of every host's last successful poll, sampled once a second. */
    private static void pollAges(TrustpoolSystem system, EngineRest api, int hosts, int sampleSeconds) throws Exception {
        int refreshRate = Integer.parseInt(api.get("/options/VdsRefreshRate").text("/option/value"));
        Properties credentials = new Properties();
        credentials.setProperty("user", system.dbUser());
        credentials.setProperty("password", system.dbPassword().orElse(""));
        ProcessHandle engine = system.engineJvm().orElseThrow(() -> new IllegalStateException("no WildFly process"));
        List<Double> ages = new ArrayList<>();
        double worst = 0;
        try (Connection db = DriverManager.getConnection(system.jdbcUrl(), credentials);
             PreparedStatement ps = db.prepareStatement(
                     "select extract(epoch from clock_timestamp() - d.last_response) from vds_dynamic d")) {
            Duration cpuBefore = engine.info().totalCpuDuration().orElse(Duration.ZERO);
            long t0 = System.nanoTime();
            for (int s = 0; s < sampleSeconds; s++) {
                int seen = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // a host never polled successfully is as old as the whole sample: it counts against the figure
                        double age = rs.getObject(1) == null ? sampleSeconds : rs.getDouble(1);
                        ages.add(age);
                        worst = Math.max(worst, age);
                        seen++;
                    }
                }
                if (seen < hosts) {
                    throw new IllegalStateException("the engine knows " + seen + " hosts, not " + hosts);
                }
                Thread.sleep(1000);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (engine.info().totalCpuDuration().orElse(Duration.ZERO).minus(cpuBefore).toMillis() / 1000.0) / seconds;
            Collections.sort(ages);
            double p50 = ages.get(ages.size() / 2);
            double p99 = ages.get(Math.min(ages.size() - 1, (int) Math.ceil(ages.size() * 0.99) - 1));
            Figures.note(String.format(Locale.ROOT, "%d hosts polled every %d s (VdsRefreshRate), %d samples over %.0f s: age of the last"
                    + " successful poll p50 %.2f s, p99 %.2f s, max %.2f s; WildFly used %.0f%% of one core", hosts, refreshRate,
                    ages.size(), seconds, p50, p99, worst, cpu * 100));
            Figures.print("p7.hosts", hosts, "hosts");
            Figures.print("p7.p99_poll_age_seconds", p99, "s");
            Figures.print("p7.p99_poll_age_in_refresh_rates", p99 / refreshRate, "x VdsRefreshRate");
            Figures.print("p7.engine_cpu_percent_of_one_core", cpu * 100, "%");
        }
    }

    /** P4: tamper the host running the trusted VMs, time until it is out and the VMs run on the other trusted host; heal; again. */
    private static void tamperTrials(TrustpoolSystem system, EngineRest api, int trials, int period) throws Exception {
        api.expect(200, api.put("/options/AttestationReattestPeriodSeconds", "<option><value>" + period + "</value></option>"));
        api.expect(200, api.put("/options/AttestationTrustValiditySeconds", "<option><value>" + (3 * period) + "</value></option>"));
        String clusterId = api.get("/clusters?search=name%3DTrusted").text("/clusters/cluster/@id");
        Map<String, String> trustedHosts = new HashMap<>(); // id -> name
        EngineRest.Reply list = api.get("/hosts");
        for (int i = 1; i <= list.count("/hosts/host"); i++) {
            if (clusterId.equals(list.text("/hosts/host[" + i + "]/cluster/@id"))) {
                trustedHosts.put(list.text("/hosts/host[" + i + "]/@id"), list.text("/hosts/host[" + i + "]/name"));
            }
        }
        if (trustedHosts.size() != 2) {
            throw new IllegalStateException("the demo's trusted cluster should have two hosts: " + trustedHosts);
        }
        for (Map.Entry<String, String> h : trustedHosts.entrySet()) {
            if (!"up".equals(hostStatus(api, h.getKey()))) {
                trustpool(system, "heal", h.getValue());
                await(h.getValue() + " Up once healed", () -> hostStatus(api, h.getKey()), "up"::equals);
            }
        }
        List<String> vms = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            EngineRest.Reply vm = api.expect(201, api.post("/vms", "<vm><name>p4-trusted-" + i + "</name><cluster><name>Trusted</name></cluster>"
                    + "<template><name>Blank</name></template><memory>268435456</memory></vm>"));
            String id = vm.text("/vm/@id");
            api.expect(200, api.post("/vms/" + id + "/start", "<action/>"));
            vms.add(id);
        }
        for (String id : vms) {
            await("trusted VM " + id + " Up", () -> api.get("/vms/" + id).text("/vm/status"), "up"::equals);
        }
        double worstMoved = 0;
        double worstOut = 0;
        for (int trial = 1; trial <= trials; trial++) {
            // the host running most of the VMs (after the first trial, all of them)
            Map<String, List<String>> vmsByHost = new HashMap<>();
            for (String id : vms) {
                vmsByHost.computeIfAbsent(api.get("/vms/" + id).text("/vm/host/@id"), h -> new ArrayList<>()).add(id);
            }
            String victim = Collections.max(vmsByHost.entrySet(), Comparator.comparingInt(e -> e.getValue().size())).getKey();
            List<String> itsVms = vmsByHost.get(victim);
            String name = trustedHosts.get(victim);
            long t0 = System.nanoTime();
            trustpool(system, "tamper", name);
            await(name + " NonOperational", () -> hostStatus(api, victim), "non_operational"::equals);
            double out = (System.nanoTime() - t0) / 1e9;
            for (String id : itsVms) {
                await("VM " + id + " Up on the other trusted host", () -> {
                    EngineRest.Reply r = api.get("/vms/" + id);
                    return r.text("/vm/host/@id") + " " + r.text("/vm/status");
                }, s -> s.endsWith(" up") && !s.startsWith(victim) && trustedHosts.containsKey(s.substring(0, s.indexOf(' '))));
            }
            double moved = (System.nanoTime() - t0) / 1e9;
            trustpool(system, "heal", name);
            long t1 = System.nanoTime();
            await(name + " Up once healed", () -> hostStatus(api, victim), "up"::equals);
            Figures.note(String.format(Locale.ROOT, "trial %d: %s tampered with %d trusted VMs on it: NonOperational after %.1f s, its VMs"
                    + " Up on the other trusted host after %.1f s; healed and Up again after %.1f s", trial, name, itsVms.size(), out, moved,
                    (System.nanoTime() - t1) / 1e9));
            worstOut = Math.max(worstOut, out);
            worstMoved = Math.max(worstMoved, moved);
        }
        Figures.print("p4.trials", trials, "trials");
        Figures.print("p4.reattest_period_seconds", period, "s");
        Figures.print("p4.max_seconds_to_non_operational", worstOut, "s");
        Figures.print("p4.max_seconds_to_vms_moved", worstMoved, "s");
        Figures.print("p4.max_periods_to_vms_moved", worstMoved / period, "re-attestation periods");
    }

    private static String hostStatus(EngineRest api, String id) {
        return api.get("/hosts/" + id).text("/host/status");
    }

    private static <T> void await(String what, Supplier<T> observe, Predicate<T> done) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = observe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + "; last seen: " + last);
            }
            Thread.sleep(100);
            last = observe.get();
        }
    }

    /** The launcher's own command, as `trustpool tamper|heal HOST --data-dir DIR` runs it. */
    private static void trustpool(TrustpoolSystem system, String command, String host) {
        int status = Launcher.execute(new String[] {command, host, "--data-dir", system.dataDir().toString()}, Map.of(), System.out, System.out);
        if (status != 0) {
            throw new IllegalStateException("trustpool " + command + " " + host + " exited with " + status);
        }
    }

    /** The unpacked distribution `trustpool run` uses: -Dtrustpool.dist, else packaging/launcher/target/dist beside this jar. */
    static Path dist() throws Exception {
        String configured = System.getProperty("trustpool.dist");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        Path jar = Path.of(ManagerUnderLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path dist = jar.getParent().resolve("../../launcher/target/dist").normalize();
        if (!Files.isDirectory(dist)) {
            throw new IllegalStateException("the launcher is not built (no " + dist + "): mvn -pl packaging/launcher -am package -DskipTests");
        }
        return dist;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port N with N+363, N+1910 and N+1913 (WildFly's HTTPS and management ports) free too. */
    static int freeEnginePort() throws IOException {
        for (int port = 28080; port < 29000; port += 7) {
            if (free(port) && free(port + 363) && free(port + 1910) && free(port + 1913)) {
                return port;
            }
        }
        throw new IllegalStateException("no free engine port between 28080 and 29000");
    }

    /**
     * The first of COUNT consecutive ports (one per simulated host) free now, below the kernel's ephemeral
     * range: the simulator binds them only after WildFly has started, and a port in that range may meanwhile be
     * taken by any outgoing connection of the machine (a CI run failed so, with 40000-40099: the simulator
     * exited before it was ready).
     */
    static int freeRange(int count) {
        int below = Math.min(ephemeralLow(), 60000);
        for (int base = 20000; base + count < below; base += count + 10) {
            boolean all = true;
            for (int p = base; p < base + count && all; p++) {
                all = free(p);
            }
            if (all) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports between 20000 and " + below);
    }

    /** The lowest port the kernel hands out to outgoing connections (Linux); 32768 where it cannot be read. */
    static int ephemeralLow() {
        try {
            // by lines: Files.readString gave only the first character of this file here (its size reads as 0)
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
