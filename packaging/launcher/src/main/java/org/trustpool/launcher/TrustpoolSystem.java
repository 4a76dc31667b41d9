package org.trustpool.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A running Trustpool: PostgreSQL, WildFly with the EAR, the simulated hosts. Made by
 * {@link Launcher#start(LaunchOptions)}; {@link #close()} stops it all, in the reverse order
 * of starting, and so does the JVM's shutdown (Ctrl-C, SIGTERM) should nobody call close().
 *
 * <pre>
 * try (TrustpoolSystem tp = Launcher.start(options)) {
 *     HttpRequest.newBuilder(URI.create(tp.apiUrl() + "/hosts")) ...
 * }
 * </pre>
 */
public final class TrustpoolSystem implements AutoCloseable {

    public static final String ADMIN_USER = "admin@internal";
    static final int STEPS = 9;
    /** Failed restarts of WildFly in a row after which the launcher stops everything. */
    static final int MAX_FAILED_RESTARTS = 5;
    /** How long a restarted WildFly must stay up for its earlier failures to be forgotten. */
    static final Duration STABLE_RUN = Duration.ofMinutes(10);

    private final LaunchOptions options;
    private final Progress progress;
    /** What to stop, most recently started first. */
    private final Deque<Component> started = new ArrayDeque<>();
    private final Thread shutdownHook;
    private volatile Thread starter;
    /** Open once start() has returned or thrown, whatever it had to clean up first. */
    private final CountDownLatch startFinished = new CountDownLatch(1);
    private volatile boolean closing;
    /** Engine nodes stopped on purpose ({@link #stopNode}): their supervisors let them be. */
    private final Set<Integer> stoppedNodes = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private boolean closed;

    private AdminPassword adminPassword;
    private AttestationTokens attestationTokens;
    private ServiceIdentity serviceIdentity;
    private HostAgentFeatures agentFeatures = HostAgentFeatures.NONE;
    private EngineCa engineCa;
    private Database database;
    /** The unpacked, configured WildFly home (what step 5 prepares); the nodes run from it. */
    private WildFlyServer wildfly;
    /** Node 1 .. N, each a WildFly of its own; planned (ports) in step 1, started in step 6 and the next ones. */
    private List<NodePorts> nodePorts = List.of();
    private final List<WildFlyServer> engineNodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Nodes 2..N start after node 1, one step each. */
    private final int extraSteps;
    private HostAgentProcess agents;
    private List<SimulatedHost> hosts = List.of();
    /** Why `--swtpm-host` gave no host (swtpm missing ...), or null when it was not asked for or runs. */
    private String swtpmSkipped;
    /** swtpm's local CA is trusted by the service: the swtpm host may start. */
    private boolean swtpmCaTrusted;
    /** Completes when the engine cannot be kept running (WildFly died and restarts kept failing). */
    private final CompletableFuture<String> engineGaveUp = new CompletableFuture<>();

    private record Component(String name, AutoCloseable resource) {
    }

    private TrustpoolSystem(LaunchOptions options) {
        this.options = options;
        this.extraSteps = options.nodes() - 1;
        this.progress = new Progress(options.out(), STEPS + extraSteps);
        this.shutdownHook = new Thread(this::shutdownFromHook, "trustpool-shutdown");
    }

    static TrustpoolSystem start(LaunchOptions options, Map<String, String> env) {
        return start(options, env, e -> { });
    }

    /** @param onFailure sees the reason before the clean-up runs, so it can be shown first */
    static TrustpoolSystem start(LaunchOptions options, Map<String, String> env, Consumer<Throwable> onFailure) {
        TrustpoolSystem system = new TrustpoolSystem(options);
        system.starter = Thread.currentThread();
        // registered first, so Ctrl-C during a slow step still stops what has been started
        Runtime.getRuntime().addShutdownHook(system.shutdownHook);
        try {
            system.runSteps(env);
            return system;
        } catch (RuntimeException | Error e) {
            if (!(e instanceof LaunchException le && le.isInterrupted())) {
                onFailure.accept(e);
            }
            // an interrupt (Ctrl-C during a step) has done its job; left set, it would cut the
            // graceful stops below short
            Thread.interrupted();
            system.close();
            throw e;
        } finally {
            system.starter = null;
            system.startFinished.countDown();
        }
    }

    private void runSteps(Map<String, String> env) {
        long begin = System.nanoTime();
        Path data = options.dataDir();

        Progress.Step step = progress.step(1, "Checking data directory " + data);
        Dist dist;
        try {
            dist = Dist.locate(options.dist(), options.hosts() > 0);
            register("instance lock", InstanceLock.acquire(data));
            stopLeftovers();
            checkPortsFree();
            step.done();
        } catch (Exception | LinkageError e) {
            throw fail(step, e);
        }

        if (options.embeddedDatabase()) {
            step = progress.step(2, "Starting embedded PostgreSQL (data in " + data.resolve("pgdata") + ")");
            try {
                database = register("PostgreSQL", EmbeddedDatabase.start(data.resolve("pgdata"), options.dbPort(),
                        logDir().resolve("postgresql.log")));
                step.done(database.description());
            } catch (Exception | LinkageError e) {
                throw fail(step, e);
            }
        } else {
            step = progress.step(2, "Connecting to PostgreSQL at " + options.dbUrl().orElseThrow());
            try {
                // not registered: someone else's server, nothing of ours to stop
                database = ExternalDatabase.connect(options.dbUrl().orElseThrow(),
                        options.dbUser().orElse(null), options.dbPassword().orElse(null),
                        options.attestationDbUser().orElseThrow(), options.attestationDbPassword().orElse(null));
                step.done(database.description());
            } catch (Exception | LinkageError e) {
                throw fail(step, e);
            }
        }

        step = progress.step(3, "Migrating the database schema (" + Migrations.LOCATION + ")");
        try {
            step.done(Migrations.migrate(database));
        } catch (Exception | LinkageError e) {
            throw fail(step, e);
        }

        step = progress.step(4, "Setting the password of " + ADMIN_USER);
        try {
            adminPassword = AdminPassword.resolve(options.adminPassword(), env, data);
            Migrations.setAdminPassword(database, adminPassword.value());
            attestationTokens = AttestationTokens.resolve(data);
            serviceIdentity = ServiceIdentity.resolve(data);
            boolean attestationSet = Migrations.configureAttestation(database, options.clientHost(), options.port());
            boolean credentialsSet = Migrations.configureAttestationCredentials(database, options.clientHost(), options.port(),
                    attestationTokens.engine(), serviceIdentity.certificate());
            step.done(adminPassword.source().description
                    + (attestationSet ? "; attestation server set to the local service" : "")
                    + (credentialsSet ? "; the engine's token and the service certificate "
                            + serviceIdentity.fingerprint().substring(0, 16) + "... set" : ""));
        } catch (Exception | LinkageError e) {
            throw fail(step, e);
        }

        step = progress.step(5, "Preparing WildFly");
        try {
            WildFlyServer server = WildFlyServer.at(data, dist.wildflyZip(), options.clustered());
            List<String> notes = new ArrayList<>();
            if (server.unpacked()) {
                notes.add("already unpacked in " + server.home());
            } else {
                notes.add(server.unpack(progress) + " files unpacked");
            }
            // Before the server: its configuration names the engine CA's directory (host channel, mutual TLS).
            engineCa = EngineCa.loadOrCreate(data);
            if (engineCa.ensureEngineClient()) {
                notes.add("engine certificate issued by the engine CA in " + engineCa.directory());
            }
            notes.add((server.configure(dist.postgresqlJar(), database, engineCa.directory(), progress) ? "configured" : "configuration unchanged")
                    + (options.clustered() ? " (clustered: " + WildFlyServer.CLUSTERED_CONFIG + ", JGroups discovery through the database)" : ""));
            notes.add("attestation tokens in " + data.resolve(AttestationTokens.ADMIN_FILE).getFileName() + ", "
                    + data.resolve(AttestationTokens.REGISTRATION_FILE).getFileName());
            wildfly = server;
            step.done(String.join(", ", notes));
        } catch (Exception | LinkageError e) {
            throw fail(step, e);
        }

        // Node 1 first, deployed and answering, then the others one by one: starting them together would double
        // the boot time on a small machine, and node 1 migrates the attestation service's schema before the
        // others deploy the service too.
        for (NodePorts ports : nodePorts) {
            WildFlyServer node = wildfly.node(data, ports);
            String which = nodePorts.size() == 1 ? "WildFly" : "engine node " + ports.number() + " (" + ports.name() + ")";
            step = progress.step(5 + ports.number(), "Starting " + which + " with "
                    + dist.ear().getFileName() + " and " + dist.attestationWar().getFileName() + " on port " + ports.http()
                    + (options.clustered() ? ", JGroups " + ports.jgroups() + "/" + ports.jgroupsFd() : "")
                    + " (log: " + node.consoleLog() + ")");
            try {
                node.deploy(dist.ear(), dist.attestationWar());
                engineNodes.add(node);
                register(nodePorts.size() == 1 ? "WildFly" : "WildFly " + ports.name(), node);
                String started = startEngine(node);
                String ekCas = ports.number() == 1 ? trustEkCas(dist) : "";
                step.done(started + (ekCas.isEmpty() ? "" : "; EK CAs: " + ekCas));
            } catch (Exception | LinkageError e) {
                throw fail(step, e);
            }
        }

        if (options.hosts() > 0) {
            try {
                agentFeatures = HostAgentFeatures.probe(dist.hostAgentJar());
            } catch (InterruptedException e) {
                throw fail(progress.step(7 + extraSteps, "Whitelisting the demo's good measurements"), e);
            }
        }
        if (!options.demo()) {
            progress.step(7 + extraSteps, "Whitelisting the demo's good measurements").skipped("--no-demo");
        } else if (options.hosts() == 0) {
            progress.step(7 + extraSteps, "Whitelisting the demo's good measurements").skipped("no simulated hosts");
        } else if (!agentFeatures.printGoodPcrs()) {
            progress.step(7 + extraSteps, "Whitelisting the demo's good measurements").skipped("the simulator has no --print-good-pcrs");
        } else {
            step = progress.step(7 + extraSteps, "Whitelisting the demo's good measurements in the attestation service");
            try {
                step.done(new AttestationSetup(attestationUrl(), attestationTokens.admin())
                        .whitelistGoodMeasurements(dist.hostAgentJar()));
            } catch (Exception | LinkageError e) {
                throw fail(step, e);
            }
        }

        if (options.hosts() == 0) {
            progress.step(8 + extraSteps, "Starting the host-agent simulator").skipped("--hosts 0");
        } else {
            step = progress.step(8 + extraSteps, "Starting the host-agent simulator with " + options.hosts() + " host"
                    + (options.hosts() == 1 ? "" : "s") + " from port " + options.agentBasePort());
            try {
                List<String> extra = new ArrayList<>();
                String tampered = null;
                if (agentFeatures.attestation()) {
                    // files, never secrets, on the simulator's command line
                    extra.addAll(List.of("--attestation-url", attestationUrl().toString(),
                            "--attestation-token-file", AttestationTokens.registrationFile(data).toString(),
                            "--ek-ca-dir", ekCaDir().toString()));
                }
                if (agentFeatures.tls()) {
                    // oVirt's host-deploy step: each simulated host gets its certificate from the engine CA
                    extra.addAll(SimulatedHostCertificates.issue(engineCa, data, options.hosts()));
                    // `trustpool tamper/heal HOST`: only engine-CA certificate holders reach these controls over TLS
                    extra.add("--allow-tamper-control");
                }
                if (options.demo() && agentFeatures.tamper() && options.hosts() > 1) {
                    // the demo's untrusted host: the last one boots a swapped hypervisor component
                    tampered = HostAgentProcess.hostName(options.hosts());
                    extra.addAll(List.of("--tamper", tampered));
                }
                // each simulated host makes its TPM's keys and enrolls (credential activation): time grows with the hosts
                Duration perHosts = Duration.ofSeconds(60).plusMillis(500L * options.hosts());
                agents = register("host-agent simulator", HostAgentProcess.start(dist.hostAgentJar(), options.hosts(),
                        options.agentBasePort(), data.resolve("hosts"), logDir().resolve("hostagent.log"), perHosts,
                        extra));
                hosts = agents.hosts();
                List<String> notes = new ArrayList<>();
                notes.add(hosts.stream().map(SimulatedHost::name).collect(Collectors.joining(", ")));
                if (tampered != null) {
                    notes.add(tampered + " tampered");
                }
                if (swtpmCaTrusted) {
                    // swtpmCaTrusted implies an agent that enrolls: its TPM's own EK certificate, no --ek-ca-dir
                    List<String> attestationArgs = List.of("--attestation-url", attestationUrl().toString(),
                            "--attestation-token-file", AttestationTokens.registrationFile(data).toString());
                    HostAgentProcess swtpm = register("swtpm host agent", SwtpmHost.start(dist.hostAgentJar(), engineCa, data,
                            options.agentBasePort() + options.hosts(), logDir().resolve("hostagent-swtpm.log"),
                            attestationArgs, agentFeatures.tls()));
                    List<SimulatedHost> all = new ArrayList<>(hosts);
                    all.addAll(swtpm.hosts());
                    hosts = List.copyOf(all);
                    notes.add(SwtpmHost.NAME + " on swtpm (TPM state in " + data.resolve("hosts").resolve("swtpm")
                            + ", log " + logDir().resolve("hostagent-swtpm.log") + ")");
                } else if (swtpmSkipped != null) {
                    notes.add("no " + SwtpmHost.NAME + ": " + swtpmSkipped);
                }
                HostControl.writeHostsFile(data, hosts); // so `trustpool tamper/heal HOST` can find them
                if (agentFeatures.attestation()) {
                    List<String> missing = new AttestationSetup(attestationUrl(), attestationTokens.reader())
                            .awaitRegistered(hosts.stream().map(SimulatedHost::name).toList(), perHosts);
                    notes.add(missing.isEmpty() ? "all registered with the attestation service"
                            : "not registered with the attestation service: " + String.join(", ", missing)
                                    + " (see " + logDir().resolve("hostagent.log") + ")");
                } else {
                    notes.add("not registered with the attestation service (the simulator has no --attestation-url)");
                }
                step.done(String.join("; ", notes));
            } catch (Exception | LinkageError e) {
                throw fail(step, e);
            }
        }

        if (!options.demo()) {
            progress.step(9 + extraSteps, "Adding the simulated hosts to the engine").skipped("--no-demo");
        } else if (hosts.isEmpty()) {
            progress.step(9 + extraSteps, "Adding the simulated hosts to the engine").skipped("no simulated hosts");
        } else {
            step = progress.step(9 + extraSteps, "Adding the simulated hosts to the engine and waiting until they are Up");
            try {
                // the swtpm host joins the trusted cluster beside the simulated ones' demo layout
                List<SimulatedHost> onSwtpm = hosts.stream().filter(h -> h.name().equals(SwtpmHost.NAME)).toList();
                List<SimulatedHost> simulated = hosts.stream().filter(h -> !onSwtpm.contains(h)).toList();
                DemoSetup.Outcome outcome = new DemoSetup(apiUrl(), ADMIN_USER, adminPassword.value(), progress)
                        .addHostsAndWait(simulated, onSwtpm, options.hostsUpTimeout());
                step.done(outcome.summary());
            } catch (Exception | LinkageError e) {
                throw fail(step, e);
            }
        }
        progress.line("Trustpool started in " + Progress.seconds(System.nanoTime() - begin) + ".");
        for (WildFlyServer node : engineNodes) {
            superviseEngine(node);
        }
    }

    /** Marks the step failed and turns any exception into the one-line LaunchException the user sees. */
    private LaunchException fail(Progress.Step step, Throwable e) {
        if (closing || e instanceof InterruptedException) {
            step.interrupted();
            return LaunchException.interrupted();
        }
        step.failed();
        if (e instanceof LaunchException le) {
            return le;
        }
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        // a linkage error is a packaging bug: name it, its message alone means little
        return new LaunchException(e instanceof LinkageError ? e.toString() : message, e);
    }

    private synchronized <T extends AutoCloseable> T register(String name, T resource) {
        started.push(new Component(name, resource));
        if (closing) {
            throw LaunchException.interrupted();
        }
        return resource;
    }

    /**
     * Processes of an earlier launcher of this data directory that was killed (SIGKILL, a crash):
     * they run in sessions of their own, so nothing stopped them, and they hold our ports.
     */
    private void stopLeftovers() throws IOException {
        Map<String, List<ProcessHandle>> left = new java.util.LinkedHashMap<>();
        left.put("host-agent simulator", HostAgentProcess.leftovers(options.dataDir().resolve("hosts")));
        left.put("WildFly", WildFlyServer.leftovers(options.dataDir()));
        EmbeddedDatabase.leftoverPostmaster(options.dataDir().resolve("pgdata")).ifPresent(p -> left.put("PostgreSQL", List.of(p)));
        left.forEach((what, processes) -> processes.forEach(p -> {
            progress.detail("stopping a " + what + " left over from an earlier run (pid " + p.pid() + ")");
            ChildProcess.terminate(p, Duration.ofSeconds(30));
        }));
    }

    /**
     * A clear "port in use" now beats a WildFly or PostgreSQL failure half a minute later. Also plans every
     * engine node's ports (node 2..N on the next free ones), so all of them are known free before anything starts.
     */
    private void checkPortsFree() {
        List<String> busy = new ArrayList<>();
        java.util.Set<Integer> reserved = new java.util.HashSet<>();
        if (options.embeddedDatabase() && options.dbPort() != 0) {
            checkPort(busy, options.dbPort(), "embedded PostgreSQL (--db-port)");
            reserved.add(options.dbPort());
        }
        for (int i = 0; i < options.hosts() + (options.swtpmHost() ? 1 : 0); i++) {
            checkPort(busy, options.agentBasePort() + i, "host agent " + (i + 1) + " (--agent-base-port + " + i + ")");
            reserved.add(options.agentBasePort() + i);
        }
        if (!busy.isEmpty()) {
            throw new LaunchException("port" + (busy.size() == 1 ? " " : "s ") + String.join(", ", busy)
                    + (busy.size() == 1 ? " is" : " are") + " already in use; choose others with the options named");
        }
        nodePorts = NodePorts.plan(options, TrustpoolSystem::portFree, reserved);
    }

    private static void checkPort(List<String> busy, int port, String what) {
        if (!portFree(port)) {
            busy.add(port + " for " + what);
        }
    }

    private static boolean portFree(int port) {
        // the wildcard address conflicts with a listener on any address of this port
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * What WildFly gets in its environment, never on its command line: the attestation service's tokens and
     * signing identity, and the database passwords.
     */
    private Map<String, String> serverEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(attestationTokens.environment());
        env.putAll(serviceIdentity.environment());
        env.putAll(WildFlyServer.databaseEnvironment(database));
        env.put("TRUSTPOOL_ATTESTATION_EK_APPROVAL", options.manualEkApproval() ? "manual" : "auto");
        return env;
    }

    /** Starts a node's WildFly and waits until its engine and attestation service answer; says how it went. */
    private String startEngine(WildFlyServer node) throws IOException, InterruptedException {
        node.start(options, serverEnvironment());
        return awaitEngine(node);
    }

    /** Waits until the node's deployments are in and its engine and attestation service answer. */
    private String awaitEngine(WildFlyServer node) throws IOException, InterruptedException {
        node.awaitDeployed(options.deployTimeout());
        Duration httpTimeout = Duration.ofSeconds(Math.max(60, options.deployTimeout().toSeconds()));
        int number = node.ports().number();
        int status = WildFlyServer.awaitHttp(apiUrl(number), httpTimeout, node.process());
        int attestationStatus = WildFlyServer.awaitHttp(URI.create(attestationUrl(number) + "/resources/mles"), httpTimeout,
                node.process());
        return WildFlyServer.DEPLOYMENT + " deployed, " + apiUrl(number) + " answers HTTP " + status + ", "
                + attestationUrl(number).getPath() + " HTTP " + attestationStatus;
    }

    /**
     * Keeps the engine running as a data center's manager is kept running: when WildFly dies on its own it is
     * started again, after a back-off that grows with failures in a row (2, 4, 8, 16, 30 s), while the host agents
     * and PostgreSQL keep running, as real hypervisors and their VMs do while the manager restarts; the engine
     * then reconciles with what the hosts report. After {@link #MAX_FAILED_RESTARTS} failed restarts in a row the
     * launcher gives up and stops everything. A restart that stays up for ten minutes clears the count.
     * Each engine node has a supervisor of its own: the others keep serving while one restarts.
     */
    private void superviseEngine(WildFlyServer wildfly) {
        String name = engineNodes.size() == 1 ? "WildFly" : "WildFly " + wildfly.ports().name();
        Thread t = new Thread(() -> {
            int failuresInRow = 0;
            long upSince = System.nanoTime();
            while (!closing) {
                Process process = wildfly.process();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    return;
                }
                if (closing || stoppedNodes.contains(wildfly.ports().number())) {
                    return;
                }
                if (System.nanoTime() - upSince > STABLE_RUN.toNanos()) {
                    failuresInRow = 0;
                }
                String died = name + " exited on its own (exit code " + process.exitValue() + "; see " + wildfly.consoleLog() + ")";
                if (failuresInRow >= MAX_FAILED_RESTARTS) {
                    engineGaveUp.complete(died + ", and " + MAX_FAILED_RESTARTS + " restarts in a row failed");
                    return;
                }
                long backOff = Math.min(30, 2L << failuresInRow);
                progress.line("trustpool: " + died + "; starting it again in " + backOff + " s (attempt " + (failuresInRow + 1)
                        + " of " + MAX_FAILED_RESTARTS + "); the host agents, PostgreSQL"
                        + (engineNodes.size() > 1 ? " and the other engine nodes" : "") + " keep running");
                long t0 = System.nanoTime();
                try {
                    Thread.sleep(backOff * 1000);
                    synchronized (this) {
                        if (closing) {
                            return;
                        }
                        wildfly.start(options, serverEnvironment());
                    }
                    String how = awaitEngine(wildfly);
                    progress.line("trustpool: " + name + " is back after " + Progress.seconds(System.nanoTime() - t0) + " (" + how + ")");
                    upSince = System.nanoTime();
                    failuresInRow = 0;
                } catch (InterruptedException e) {
                    return;
                } catch (Exception | LinkageError e) {
                    failuresInRow++;
                    progress.line("trustpool: starting " + name + " again failed: " + e.getMessage());
                    wildfly.close(); // whatever is left of the failed start; the loop then tries again or gives up
                }
            }
        }, "trustpool-engine-supervisor-" + wildfly.ports().number());
        t.setDaemon(true);
        t.start();
    }

    /**
     * Completes when the simulator exits on its own, or when WildFly died and could not be started again,
     * with a sentence saying which; never completes while we are the ones stopping them.
     */
    CompletableFuture<String> unexpectedExit() {
        List<CompletableFuture<String>> exits = new ArrayList<>();
        if (!engineNodes.isEmpty()) {
            exits.add(engineGaveUp);
        }
        if (agents != null) {
            exits.add(agents.process().onExit().thenApply(p -> "the host-agent simulator exited on its own (exit code "
                    + p.exitValue() + "); see " + logDir().resolve("hostagent.log")));
        }
        CompletableFuture<String> result = new CompletableFuture<>();
        for (CompletableFuture<String> f : exits) {
            f.thenAccept(reason -> {
                if (!closing) {
                    result.complete(reason);
                }
            });
        }
        return result;
    }

    String summary(boolean interactive) {
        StringBuilder sb = new StringBuilder();
        sb.append('\n');
        sb.append("  API:          ").append(apiUrl()).append("   (also ").append(apiAliasUrl()).append(")\n");
        if (options.clustered()) {
            // every node serves the same API and data: a load balancer may send any request to any of them
            Map<String, Integer> watching = HostWatchers.count(database);
            for (NodePorts n : nodePorts) {
                sb.append("  Node ").append(n.number()).append(":       ").append(baseUrl(n.number())).append("/ovirt-engine   (")
                        .append(n.name()).append(", JGroups ").append(n.jgroups()).append('/').append(n.jgroupsFd())
                        .append(", logs in ").append(engineNodes.size() >= n.number() ? engineNodes.get(n.number() - 1).logDir() : "-")
                        .append(")");
                if (!watching.isEmpty()) {
                    int count = watching.getOrDefault(n.name(), 0);
                    sb.append(", watches ").append(count).append(count == 1 ? " host" : " hosts");
                }
                sb.append('\n');
            }
        }
        sb.append("  Admin portal: ").append(webadminUrl()).append('\n');
        sb.append("  User:         ").append(ADMIN_USER).append('\n');
        if (adminPassword.source() == AdminPassword.Source.OPTION || adminPassword.source() == AdminPassword.Source.ENVIRONMENT) {
            // the user typed it: no need to echo a secret into terminal scrollback
            sb.append("  Password:     (").append(adminPassword.source().description).append(")\n");
        } else {
            sb.append("  Password:     ").append(adminPassword.value()).append("   (kept in ")
                    .append(options.dataDir().resolve(AdminPassword.FILE)).append(")\n");
        }
        sb.append("  Attestation:  ").append(attestationUrl()).append("/resources/PollHosts, /hosts, /mles   (admin token in ")
                .append(options.dataDir().resolve(AttestationTokens.ADMIN_FILE)).append(")\n");
        sb.append("  Database:     ").append(jdbcUrl()).append(" (user ").append(dbUser()).append(")\n");
        if (!hosts.isEmpty()) {
            sb.append("  Hosts:        ").append(hosts.size()).append(" simulated, ")
                    .append(hosts.get(0).name()).append(" at ").append(hosts.get(0).jsonRpcUrl())
                    .append(hosts.size() > 1 ? " ..." : "").append('\n');
        }
        sb.append("  Logs:         ").append(logDir()).append(options.clustered() ? "/node{1.." + nodePorts.size() + "}" : "")
                .append("/{server.log,trustpool.log,server-console.log}, ").append(logDir())
                .append("/{postgresql.log,hostagent.log,launcher.log}\n");
        if (interactive) {
            sb.append("\nPress Ctrl-C to stop (or run `trustpool stop --data-dir ").append(options.dataDir()).append("`).\n");
        }
        return sb.toString();
    }

    public LaunchOptions options() {
        return options;
    }

    /** http://127.0.0.1:PORT */
    public URI baseUrl() {
        return baseUrl(1);
    }

    /** Engine node {@code number}'s http://127.0.0.1:PORT (1-based; node 1 is {@link #baseUrl()}). */
    public URI baseUrl(int number) {
        int port = number == 1 ? options.port() : node(number).http();
        return URI.create("http://" + options.clientHost() + ":" + port);
    }

    /** http://127.0.0.1:PORT/ovirt-engine/api */
    public URI apiUrl() {
        return apiUrl(1);
    }

    /** Engine node {@code number}'s API (1-based). */
    public URI apiUrl(int number) {
        return URI.create(baseUrl(number) + "/ovirt-engine/api");
    }

    /** How many engine nodes this run has (`--nodes`). */
    public int nodeCount() {
        return options.nodes();
    }

    /** Engine node {@code number}'s name (jboss.node.name: trustpool-1 ..). */
    public String nodeName(int number) {
        return node(number).name();
    }

    /** Engine node {@code number}'s log directory (server.log, trustpool.log, server-console.log). */
    public Path nodeLogDir(int number) {
        return engineNodes.get(number - 1).logDir();
    }

    private NodePorts node(int number) {
        if (number < 1 || number > nodePorts.size()) {
            throw new IllegalArgumentException("no engine node " + number + " (this run has " + nodePorts.size() + ")");
        }
        return nodePorts.get(number - 1);
    }

    /** http://127.0.0.1:PORT/api, the same API through the rewrite */
    public URI apiAliasUrl() {
        return URI.create(baseUrl() + "/api");
    }

    /** The demo TPM manufacturer's CA (certificate + 0600 key), made by the simulator at the first start. */
    Path ekCaDir() {
        return options.dataDir().resolve("ek-ca");
    }

    /**
     * The EK CAs the attestation service trusts: the demo manufacturer's (made on the first run,
     * when there are simulated hosts whose TPMs it certifies) and each --trust-ek-ca file.
     */
    private String trustEkCas(Dist dist) throws InterruptedException, IOException {
        List<String> done = new ArrayList<>();
        AttestationSetup setup = new AttestationSetup(attestationUrl(), attestationTokens.admin());
        if (options.hosts() > 0) {
            agentFeatures = HostAgentFeatures.probe(dist.hostAgentJar());
            if (agentFeatures.attestation()) {
                String printed = HostAgentFeatures.run(dist.hostAgentJar(), List.of("--init-ek-ca", ekCaDir().toString()), true);
                if (printed == null) {
                    throw new LaunchException("the host-agent simulator could not make the demo TPM manufacturer CA in " + ekCaDir());
                }
                Path cert = ekCaDir().resolve("manufacturer-ca.pem");
                done.add("demo manufacturer " + cert + " (" + setup.trustEkCa(java.nio.file.Files.readString(cert), cert.toString()) + ")");
            }
        }
        if (options.swtpmHost()) {
            List<String> missing = SwtpmHost.missingTools();
            if (options.hosts() == 0 || !agentFeatures.attestation()) {
                swtpmSkipped = "it needs the simulated hosts' demo (--hosts > 0) and a host agent that enrolls";
            } else if (!missing.isEmpty()) {
                swtpmSkipped = "not installed here: " + String.join(", ", missing) + " (" + SwtpmHost.INSTALL + ")";
            } else {
                Path root = SwtpmHost.initCa(dist.hostAgentJar(), options.dataDir());
                done.add("swtpm's local CA " + root + " (" + setup.trustEkCa(java.nio.file.Files.readString(root), root.toString())
                        + "; a demo CA: its key is unencrypted in the data directory, so whoever reads it can certify a TPM)");
                swtpmCaTrusted = true;
            }
        } else {
            // swtpm's local CA vouches for any software TPM whose EK its unencrypted key (in the data directory)
            // signs: trusted only while a run asks for the swtpm host, withdrawn on a run that does not
            Path root = SwtpmHost.rootCertificate(options.dataDir());
            if (java.nio.file.Files.isRegularFile(root)) {
                done.add("swtpm's local CA " + root + " (" + setup.distrustEkCa(java.nio.file.Files.readString(root), root.toString())
                        + ": this run has no --swtpm-host)");
            }
        }
        for (Path file : options.trustedEkCas()) {
            done.add(file.getFileName() + " (" + setup.trustEkCa(java.nio.file.Files.readString(file), file.toString()) + ")");
        }
        return String.join(", ", done);
    }

    /** http://127.0.0.1:PORT/AttestationService (its API is under /resources) */
    public URI attestationUrl() {
        return attestationUrl(1);
    }

    /** The attestation service deployed on engine node {@code number} (each node has one; they share the database). */
    public URI attestationUrl(int number) {
        return URI.create(baseUrl(number) + "/AttestationService");
    }

    /** Bearer token for the attestation service's whitelist and host deletion. */
    public String attestationAdminToken() {
        return attestationTokens.admin();
    }

    /** Bearer token with which agents register at the attestation service. */
    public String attestationRegistrationToken() {
        return attestationTokens.registration();
    }

    /** Bearer token of the engine, the only caller PollHosts answers. */
    public String attestationEngineToken() {
        return attestationTokens.engine();
    }

    /** Bearer token that reads the attestation service's hosts and whitelist. */
    public String attestationReaderToken() {
        return attestationTokens.reader();
    }

    /** The certificate whose key signs the attestation service's answers. */
    public Path attestationServiceCertificate() {
        return serviceIdentity.certificate();
    }

    /** The attestation service's own database role and its password (null if the server asks none). */
    public String attestationDbUser() {
        return database.attestationUser();
    }

    public Optional<String> attestationDbPassword() {
        return Optional.ofNullable(database.attestationPassword());
    }

    public URI webadminUrl() {
        return URI.create(baseUrl() + "/ovirt-engine/webadmin");
    }

    public String adminUser() {
        return ADMIN_USER;
    }

    public String adminPassword() {
        return adminPassword.value();
    }

    public Path dataDir() {
        return options.dataDir();
    }

    public Path logDir() {
        return options.dataDir().resolve("log");
    }

    public Path wildFlyHome() {
        return wildfly.home();
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public String dbUser() {
        return database.user();
    }

    /** The engine role's password (the embedded database's is generated into DATA/db-engine-password). */
    public Optional<String> dbPassword() {
        return Optional.ofNullable(database.password());
    }

    /** The simulated hosts, as the simulator announced them. */
    public List<SimulatedHost> hosts() {
        return hosts;
    }

    /** http://ADDRESS:PORT of each simulated host's agent (its JSON-RPC endpoint is at /jsonrpc). */
    public List<URI> agentBaseUrls() {
        return hosts.stream()
                .map(h -> URI.create(h.jsonRpcUrl().getScheme() + "://" + h.jsonRpcUrl().getRawAuthority()))
                .toList();
    }

    /**
     * The WildFly JVM (standalone.sh runs it as its child), or empty when it is not running: what an operator's
     * {@code kill -9} or a crash would end.
     */
    public Optional<ProcessHandle> engineJvm() {
        return engineJvm(1);
    }

    /**
     * Stops engine node {@code number} (1-based) for good, as an administrator takes one node down: WildFly shuts
     * down cleanly (the node gives its hosts and its cluster-wide work to the others at once) and is not started
     * again. The other nodes, the host agents and PostgreSQL keep running.
     */
    public void stopNode(int number) {
        if (number < 1 || number > engineNodes.size()) {
            throw new IllegalArgumentException("no engine node " + number + " (this run has " + engineNodes.size() + ")");
        }
        stoppedNodes.add(number);
        engineNodes.get(number - 1).close();
    }

    /** Engine node {@code number}'s WildFly JVM (1-based), or empty when it is not running. */
    public Optional<ProcessHandle> engineJvm(int number) {
        Process shell = engineNodes.size() < number ? null : engineNodes.get(number - 1).process();
        if (shell == null || !shell.isAlive()) {
            return Optional.empty();
        }
        return shell.toHandle().descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst().or(() -> Optional.of(shell.toHandle()));
    }

    /** The host-agent simulator's process, when the launcher started one. */
    public Optional<ProcessHandle> hostAgentProcess() {
        return agents == null ? Optional.empty() : Optional.of(agents.process().toHandle());
    }

    public synchronized boolean isRunning() {
        return !closed && !closing;
    }

    private void shutdownFromHook() {
        closing = true;
        Thread s = starter;
        if (s != null) {
            // still starting: let the starting thread notice, fail its step and stop what it started
            s.interrupt();
            try {
                startFinished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                // the JVM is exiting anyway
            }
        }
        stopAll(true);
    }

    /** Stops the simulator, then WildFly (gracefully, forcibly after 30 s), then PostgreSQL. Idempotent. */
    @Override
    public void close() {
        closing = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is already shutting down, or the hook is the caller
        }
        stopAll(false);
    }

    private synchronized void stopAll(boolean fromHook) {
        if (closed) {
            return;
        }
        closed = true;
        boolean anyProcess = started.stream().anyMatch(c -> !(c.resource() instanceof InstanceLock));
        if (anyProcess) {
            progress.line(fromHook ? "\nStopping Trustpool ..." : "Stopping Trustpool ...");
        }
        while (!started.isEmpty()) {
            Component c = started.pop();
            long t0 = System.nanoTime();
            try {
                c.resource().close();
            } catch (Exception e) {
                progress.detail("stopping " + c.name() + " failed: " + e.getMessage());
                continue;
            }
            if (!(c.resource() instanceof InstanceLock)) {
                progress.detail(c.name() + " stopped in " + Progress.seconds(System.nanoTime() - t0));
            }
        }
        if (anyProcess) {
            progress.line("Trustpool stopped.");
        }
    }
}
