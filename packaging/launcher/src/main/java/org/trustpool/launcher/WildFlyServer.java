package org.trustpool.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The WildFly that runs the EAR: unpacked once into the data directory, configured, started, stopped.
 * Several engine nodes share one unpacked home (modules, configuration as configured) and each has a
 * server base directory of its own ({@link #node}): configuration copy, deployments, transaction log, tmp.
 */
final class WildFlyServer implements AutoCloseable {

    static final String DEPLOYMENT = "trustpool.ear";
    static final String LOCAL_CONFIG = "standalone.xml";
    static final String CLUSTERED_CONFIG = "standalone-ha.xml";
    private static final String CONFIGURED_MARKER = ".trustpool-configured";
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final Path home;
    /** jboss.server.base.dir: home/standalone for a single engine, DATA/node{k}/standalone for clustered nodes. */
    private final Path baseDir;
    private final Path logDir;
    private final Path zip;
    private final String topDirectory;
    private final boolean clustered;
    /** This instance's ports and name; null until {@link #node} (start then takes the options' ports). */
    private final NodePorts ports;
    private Process process;
    /** What {@link #deploy} put in place, and {@link #awaitDeployed} waits for. */
    private List<String> deploymentNames = List.of(DEPLOYMENT);

    private WildFlyServer(Path home, Path baseDir, Path logDir, Path zip, String topDirectory, boolean clustered, NodePorts ports) {
        this.home = home;
        this.baseDir = baseDir;
        this.logDir = logDir;
        this.zip = zip;
        this.topDirectory = topDirectory;
        this.clustered = clustered;
        this.ports = ports;
    }

    /** The server for this zip under {@code dataDir}, single-engine profile; nothing is unpacked yet. */
    static WildFlyServer at(Path dataDir, Path zip) throws IOException {
        return at(dataDir, zip, false);
    }

    /** @param clustered standalone-ha.xml (JGroups, replicated cache) instead of standalone.xml */
    static WildFlyServer at(Path dataDir, Path zip, boolean clustered) throws IOException {
        String top = ZipExtractor.topDirectory(zip);
        Path home = dataDir.resolve(top);
        return new WildFlyServer(home, home.resolve("standalone"), dataDir.resolve("log"), zip, top, clustered, null);
    }

    /**
     * One engine node of this (unpacked, configured) server. A single unclustered engine keeps the layout it
     * always had (home/standalone, DATA/log); clustered nodes each get DATA/node{k}/standalone and DATA/log/node{k},
     * so their deployments, transaction logs and logs never mix.
     */
    WildFlyServer node(Path dataDir, NodePorts nodePorts) {
        if (!clustered) {
            return new WildFlyServer(home, baseDir, logDir, zip, topDirectory, false, nodePorts);
        }
        return new WildFlyServer(home, nodeBaseDir(dataDir, nodePorts.number()), dataDir.resolve("log").resolve("node" + nodePorts.number()),
                zip, topDirectory, true, nodePorts);
    }

    static Path nodeBaseDir(Path dataDir, int number) {
        return dataDir.resolve("node" + number).resolve("standalone");
    }

    Path home() {
        return home;
    }

    Path baseDir() {
        return baseDir;
    }

    Path logDir() {
        return logDir;
    }

    NodePorts ports() {
        return ports;
    }

    boolean clustered() {
        return clustered;
    }

    private String serverConfig() {
        return clustered ? CLUSTERED_CONFIG : LOCAL_CONFIG;
    }

    Process process() {
        return process;
    }

    Path consoleLog() {
        return logDir.resolve("server-console.log");
    }

    /** A WildFly of an earlier launcher that was killed: recognised by its jboss.home.dir. */
    static List<ProcessHandle> leftovers(Path dataDir) {
        String marker = "-Djboss.home.dir=" + dataDir + "/";
        return ChildProcess.leftovers(cmd -> cmd.contains(marker));
    }

    boolean unpacked() {
        return Files.isRegularFile(home.resolve("jboss-modules.jar"));
    }

    /**
     * Unpacks into a scratch directory first and renames it when complete, so an interrupted
     * unpack never looks like a finished one.
     */
    int unpack(Progress progress) throws IOException {
        Path scratch = home.resolveSibling(".unpacking-" + topDirectory);
        deleteTree(scratch);
        long size = Files.size(zip);
        progress.openDetail(String.format("unpacking %s (%d MB) into %s:", zip.getFileName(), size >> 20, home));
        int files = ZipExtractor.extract(zip, scratch, p -> progress.inline(p + "%"));
        Path unpacked = scratch.resolve(topDirectory);
        deleteTree(home);
        Files.move(unpacked, home);
        deleteTree(scratch);
        return files;
    }

    /**
     * Applies configure-server.cli to the zip's own standalone.xml (standalone-ha.xml when clustered). Skipped when the rendered
     * script is the one applied last time (a jboss-cli boot costs ~10 s on a small machine).
     *
     * @return false when the configuration was already current
     */
    boolean configure(Path postgresqlJar, Database db, Progress progress) throws IOException {
        return configure(postgresqlJar, db, null, progress);
    }

    /** @param hostPkiDir the engine CA's directory (EngineCa), where the engine finds its host-channel certificate; null: none */
    boolean configure(Path postgresqlJar, Database db, Path hostPkiDir, Progress progress) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        if (hostPkiDir != null) {
            values.put("HOST_PKI_DIR", hostPkiDir.toAbsolutePath().toString());
            values.put("HOST_CA_FILE", hostPkiDir.resolve(EngineCa.CA_CERT).toAbsolutePath().toString());
        }
        values.put("POSTGRESQL_JAR", postgresqlJar.toAbsolutePath().toString());
        values.put("DB_URL", db.jdbcUrl());
        values.put("DB_USER", db.user());
        values.put("ATTESTATION_DB_USER", db.attestationUser());
        // exactly one profile's lines are kept (CliTemplate's "?NAME " lines)
        values.put(clustered ? "CLUSTERED" : "LOCAL", "yes");
        String script;
        try {
            script = CliTemplate.load(CliTemplate.CONFIGURE_SERVER).render(values);
        } catch (IllegalArgumentException e) {
            throw new LaunchException("cannot configure WildFly: " + e.getMessage());
        }
        Path config = home.resolve("standalone/configuration");
        Path marker = config.resolve(CONFIGURED_MARKER);
        // the driver jar is copied into the module, so a new jar at the same path counts as a change too
        String digest = sha256(script + "\n" + Files.size(postgresqlJar) + " " + Files.getLastModifiedTime(postgresqlJar));
        if (Files.isRegularFile(marker) && Files.readString(marker).strip().equals(digest)
                && Files.isDirectory(home.resolve("modules/org/postgresql/main"))) {
            return false;
        }
        Files.deleteIfExists(marker);
        Files.write(config.resolve(serverConfig()),
                ZipExtractor.read(zip, topDirectory + "/standalone/configuration/" + serverConfig()));
        deleteTree(home.resolve("modules/org/postgresql"));

        // No password in the script (the datasources read theirs from the server's environment); still ours only.
        Path scriptFile = Files.createTempFile(config, "configure-server", ".cli",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Path log = logDir.resolve("configure-server.log");
        Process cli = null;
        try {
            Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
            ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(), "--file=" + scriptFile)
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            javaEnvironment(pb.environment());
            progress.detail("applying " + CliTemplate.CONFIGURE_SERVER + " with jboss-cli (embedded, offline)");
            cli = pb.start();
            if (!cli.waitFor(180, TimeUnit.SECONDS)) {
                ChildProcess.stop(cli, Duration.ofSeconds(5));
                throw new LaunchException("jboss-cli did not finish within 180 s; see " + log);
            }
            if (cli.exitValue() != 0) {
                throw new LaunchException("configuring WildFly failed (jboss-cli exit code " + cli.exitValue() + "); see "
                        + log + "\n" + ChildProcess.tail(log, 12));
            }
        } catch (InterruptedException e) {
            // jboss-cli.sh runs java as its child: take both down, a half-written config is redone next time
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LaunchException("interrupted while configuring WildFly", e);
        } finally {
            Files.deleteIfExists(scriptFile);
        }
        Files.writeString(marker, digest + "\n");
        return true;
    }

    /**
     * Replaces the deployments and their marker files, so a .failed from last time cannot mislead.
     * The EAR keeps its name; the others keep theirs (AttestationService.war).
     */
    void deploy(Path ear, Path... others) throws IOException {
        prepareBaseDir();
        Path deployments = baseDir.resolve("deployments");
        List<String> names = new ArrayList<>();
        names.add(DEPLOYMENT);
        for (Path other : others) {
            names.add(other.getFileName().toString());
        }
        for (String name : names) {
            try (DirectoryStream<Path> stale = Files.newDirectoryStream(deployments, name + "*")) {
                for (Path p : stale) {
                    deleteTree(p);
                }
            }
        }
        Files.copy(ear, deployments.resolve(DEPLOYMENT), StandardCopyOption.REPLACE_EXISTING);
        for (Path other : others) {
            Files.copy(other, deployments.resolve(other.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        deploymentNames = List.copyOf(names);
    }

    /**
     * A clustered node's base directory: the configured home's configuration files (copied at every start, so
     * a reconfigured home reaches every node), its own deployments, data (transaction log) and tmp. A single
     * engine's base directory is the home's own.
     */
    private void prepareBaseDir() throws IOException {
        Path shared = home.resolve("standalone");
        if (baseDir.equals(shared)) {
            return;
        }
        Path config = baseDir.resolve("configuration");
        Files.createDirectories(config);
        Files.createDirectories(baseDir.resolve("deployments"));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shared.resolve("configuration"))) {
            for (Path f : files) {
                // the marker is the home's; WildFly's history directory is each node's own
                if (Files.isRegularFile(f) && !f.getFileName().toString().equals(CONFIGURED_MARKER)) {
                    Files.copy(f, config.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Environment variables the datasources' passwords come from (configure-server.cli): not the command line, nor standalone.xml. */
    static final String ENGINE_DS_PASSWORD_ENV = "TRUSTPOOL_ENGINE_DS_PASSWORD";
    static final String ATTESTATION_DS_PASSWORD_ENV = "TRUSTPOOL_ATTESTATION_DS_PASSWORD";

    static Map<String, String> databaseEnvironment(Database db) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENGINE_DS_PASSWORD_ENV, db.password() == null ? "" : db.password());
        env.put(ATTESTATION_DS_PASSWORD_ENV, db.attestationPassword() == null ? "" : db.attestationPassword());
        return env;
    }

    void start(LaunchOptions options) throws IOException {
        start(options, Map.of());
    }

    /** @param environment added to the server's environment (secrets go here, not on its command line) */
    void start(LaunchOptions options, Map<String, String> environment) throws IOException {
        NodePorts p = ports != null ? ports : new NodePorts(1, options.nodeName(), options.port(), options.httpsPort(),
                options.managementHttpPort(), options.managementHttpsPort(), options.jgroupsPort(), options.jgroupsFdPort());
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString()));
        command.addAll(arguments(options, p, clustered, baseDir, logDir));
        ProcessBuilder pb = new ProcessBuilder(ChildProcess.detached(command))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(consoleLog().toFile());
        Map<String, String> env = pb.environment();
        javaEnvironment(env);
        // standalone.sh then runs java in the background and forwards TERM/INT to it
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        env.put("JBOSS_LOG_DIR", logDir.toString());
        env.putAll(environment);
        Files.createDirectories(logDir);
        process = pb.start();
    }

    /** standalone.sh's arguments for this node (ports, names, directories; no secrets: those go in the environment). */
    static List<String> arguments(LaunchOptions options, NodePorts p, boolean clustered, Path baseDir, Path logDir) {
        List<String> command = new ArrayList<>();
        if (clustered) {
            command.add("-c");
            command.add(CLUSTERED_CONFIG);
        }
        command.add("-b");
        command.add(options.bind());
        command.add("-Djboss.http.port=" + p.http());
        command.add("-Djboss.https.port=" + p.https());
        command.add("-Djboss.management.http.port=" + p.management());
        command.add("-Djboss.management.https.port=" + p.managementHttps());
        // unique per instance: the transaction manager's node id must differ between servers; clustered nodes on
        // separate machines may share a port number, so they use their (distinct, at most 23 characters) names
        command.add("-Djboss.tx.node.id=" + (clustered ? p.name() : "trustpool-" + p.http()));
        // WildFly defaults it to the host name, the same for every node on one machine; the engine (EngineNode)
        // and JGroups know a node by it
        command.add("-Djboss.node.name=" + p.name());
        String engineUrl = "http://" + options.clientHost() + ":" + p.http() + "/ovirt-engine";
        command.add("-Dtrustpool.engine.url=" + engineUrl);
        // the attestation service deployed beside this engine, and the port the launcher writes into AttestationPort
        // (node 1's): AttestationBroker.settings asks the service beside it while the options still say what the
        // launcher wrote (a loopback server at that port), and whatever an administrator chose otherwise
        command.add("-Dtrustpool.attestation.port=" + p.http());
        command.add("-Dtrustpool.attestation.launcherPort=" + options.port());
        if (clustered) {
            command.add("-Djboss.server.base.dir=" + baseDir);
            command.add("-Dtrustpool.jgroups.port=" + p.jgroups());
            command.add("-Dtrustpool.jgroups.fd.port=" + p.jgroupsFd());
            // the "private" interface JGroups binds: the address other machines' nodes reach this one at
            command.add("-bprivate=" + options.clusterBind());
        }
        // JBOSS_LOG_DIR only moves the boot log; the logging subsystem follows this property
        command.add("-Djboss.server.log.dir=" + logDir);
        return command;
    }

    /** Waits for every deployment's .deployed and the end of boot; fails fast on .failed, boot errors or death. */
    void awaitDeployed(Duration timeout) throws InterruptedException, IOException {
        Path deployments = baseDir.resolve("deployments");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> waiting = new ArrayList<>(deploymentNames);
        while (true) {
            for (String name : deploymentNames) {
                Path failed = deployments.resolve(name + ".failed");
                if (Files.exists(failed)) {
                    throw new LaunchException(name + " failed to deploy: "
                            + deploymentFailure(Files.readString(failed, StandardCharsets.UTF_8)) + "; see "
                            + logDir.resolve("server.log") + "\n" + ChildProcess.tail(logDir.resolve("server.log"), 15));
                }
            }
            if (!process.isAlive()) {
                throw new LaunchException("WildFly exited during start (exit code " + process.exitValue() + "); see "
                        + consoleLog() + "\n" + ChildProcess.tail(consoleLog(), 20));
            }
            waiting.removeIf(name -> Files.exists(deployments.resolve(name + ".deployed")));
            String bootResult = bootResult();
            if (waiting.isEmpty() && bootResult != null) {
                if (bootResult.contains("WFLYSRV0026")) {
                    throw new LaunchException("WildFly started with errors; see " + logDir.resolve("server.log") + "\n"
                            + errorLines(consoleLog(), 12));
                }
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new LaunchException(String.join(", ", waiting) + " not deployed within " + timeout.toSeconds()
                        + " s; see " + consoleLog() + "\n" + ChildProcess.tail(consoleLog(), 15));
            }
            Thread.sleep(250);
        }
    }

    /** The "started in" (WFLYSRV0025) or "started (with errors)" (WFLYSRV0026) line, once boot is over. */
    private String bootResult() throws IOException {
        if (!Files.exists(consoleLog())) {
            return null;
        }
        try (Stream<String> lines = Files.lines(consoleLog(), StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("WFLYSRV0025") || l.contains("WFLYSRV0026")).findFirst().orElse(null);
        }
    }

    /**
     * Polls the API until WildFly answers it with any status below 500: a 401 means the REST
     * application is up and asking for credentials, a 404 that the EAR has no API (yet).
     *
     * @return the status of the first such answer
     */
    static int awaitHttp(URI url, Duration timeout, Process server) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (server != null && !server.isAlive()) {
                throw new LaunchException("WildFly exited while waiting for " + url);
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() < 500) {
                    return r.statusCode();
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName();
            }
            Thread.sleep(500);
        }
        throw new LaunchException(url + " did not answer within " + timeout.toSeconds() + " s (last: " + last + ")");
    }

    @Override
    public void close() {
        ChildProcess.stop(process, GRACE);
    }

    /** The launcher's own Java runs WildFly and jboss-cli too, whatever JAVA_HOME says. */
    static void javaEnvironment(Map<String, String> env) {
        String javaHome = System.getProperty("java.home");
        env.put("JAVA_HOME", javaHome);
        env.put("JAVA", Path.of(javaHome, "bin", "java").toString());
    }

    private static String errorLines(Path log, int max) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            StringBuilder sb = new StringBuilder();
            lines.filter(l -> l.contains(" ERROR ") || l.contains("WFLYCTL0013") || l.contains("failure description"))
                    .limit(max)
                    .forEach(l -> sb.append("    | ").append(l).append('\n'));
            return sb.toString();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The gist of a .failed marker: a management-model string holding the failed services and
     * their cause chain. The innermost cause usually names the real problem.
     */
    static String deploymentFailure(String marker) {
        String text = marker.strip();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            // a quoted string whose inner strings are quoted again: unescape both levels
            text = unescape(unescape(text.substring(1, text.length() - 1)));
        }
        String gist = null;
        for (String line : text.split("\\R")) {
            int at = line.indexOf("Caused by: ");
            if (at >= 0) {
                // the last cause ends the nested map: drop its closing quote and braces
                gist = line.substring(at + "Caused by: ".length()).strip().replaceAll("[\"}]+$", "");
            }
        }
        if (gist == null) {
            gist = text.replaceAll("\\s+", " ");
        }
        Matcher component = Pattern.compile("component\\.([\\w$.]+)\\.(START|CREATE)").matcher(text);
        if (component.find()) {
            gist = "component " + component.group(1) + ": " + gist;
        }
        return gist.length() > 500 ? gist.substring(0, 500) + "..." : gist;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
