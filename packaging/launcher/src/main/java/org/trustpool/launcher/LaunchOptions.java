package org.trustpool.launcher;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@link Launcher#start(LaunchOptions)} needs, validated once in {@link Builder#build()}
 * so the steps never meet a bad value half-way through a start.
 *
 * <pre>
 * LaunchOptions options = LaunchOptions.builder()
 *         .dataDir(Path.of("/tmp/tp-it-1")).port(18080).hosts(2).demo(false)
 *         .dbPort(15433).agentBasePort(55321).build();
 * </pre>
 */
public final class LaunchOptions {

    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_HOSTS = 4;
    public static final int DEFAULT_DB_PORT = 15432;
    public static final int DEFAULT_AGENT_BASE_PORT = 54321;
    /** What one simulator process plays (its own limit, SimulatorOptions.MAX_HOSTS). */
    public static final int MAX_HOSTS = 1000;
    public static final String DEFAULT_BIND = "127.0.0.1";
    /** Engine nodes `run --nodes` starts on one machine: each is a WildFly of its own (~0.5 GB, a share of 2 cores). */
    public static final int MAX_NODES = 4;
    /**
     * The tcp stack's ports: node k of --nodes uses these + k - 1. JGroups' port is WildFly's default
     * (standalone-ha.xml). Its failure-detection default, 57600, is not used: it lies in Linux's ephemeral range
     * (32768-60999), where any outgoing connection of this machine may hold it when a node starts, and a CI run
     * failed so ("port 57600 ... is already in use"). 7700 is outside that range and leaves room for 100 nodes
     * above 7600.
     */
    public static final int DEFAULT_JGROUPS_PORT = 7600;
    public static final int DEFAULT_JGROUPS_FD_PORT = 7700;
    public static final String DEFAULT_NODE_NAME = "trustpool-1";
    /** Node names go into JGroups' discovery rows, lease rows and the transaction manager's node id (at most 28 bytes). */
    private static final java.util.regex.Pattern NODE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,22}");

    /*
     * WildFly's other listeners sit at fixed distances from the HTTP port, the same distances
     * as in a stock WildFly (8080 -> 8443, 9990, 9993), so two instances with different
     * --port values never collide. AJP and the transaction recovery sockets are declared in
     * standalone.xml but not bound by the default profile, so they need no port of their own.
     */
    static final int HTTPS_OFFSET = 363;
    static final int MANAGEMENT_HTTP_OFFSET = 1910;
    static final int MANAGEMENT_HTTPS_OFFSET = 1913;

    private final Path dataDir;
    private final Path dist;
    private final int port;
    private final String bind;
    private final int hosts;
    private final boolean demo;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final String attestationDbUser;
    private final String attestationDbPassword;
    private final int dbPort;
    private final String adminPassword;
    private final int agentBasePort;
    private final boolean verbose;
    private final PrintStream out;
    private final Duration deployTimeout;
    private final Duration hostsUpTimeout;
    private final java.util.List<Path> trustedEkCas;
    private final boolean manualEkApproval;
    private final boolean swtpmHost;
    private final int nodes;
    private final boolean cluster;
    private final String nodeName;
    private final String clusterBind;
    private final int managementPort;
    private final int jgroupsPort;
    private final int jgroupsFdPort;

    private LaunchOptions(Builder b) {
        this.dataDir = b.dataDir.toAbsolutePath().normalize();
        this.dist = b.dist.toAbsolutePath().normalize();
        this.port = b.port;
        this.bind = b.bind;
        this.hosts = b.hosts;
        this.demo = b.demo;
        this.dbUrl = b.dbUrl;
        this.dbUser = b.dbUser;
        this.dbPassword = b.dbPassword;
        this.attestationDbUser = b.attestationDbUser;
        this.attestationDbPassword = b.attestationDbPassword;
        this.dbPort = b.dbPort;
        this.adminPassword = b.adminPassword;
        this.agentBasePort = b.agentBasePort;
        this.verbose = b.verbose;
        this.out = b.out;
        this.deployTimeout = b.deployTimeout;
        this.hostsUpTimeout = b.hostsUpTimeout;
        this.trustedEkCas = java.util.List.copyOf(b.trustedEkCas);
        this.manualEkApproval = b.manualEkApproval;
        this.swtpmHost = b.swtpmHost;
        this.nodes = b.nodes;
        this.cluster = b.cluster;
        this.nodeName = b.nodeName;
        this.clusterBind = b.clusterBind;
        this.managementPort = b.managementPort == null ? b.port + MANAGEMENT_HTTP_OFFSET : b.managementPort;
        this.jgroupsPort = b.jgroupsPort;
        this.jgroupsFdPort = b.jgroupsFdPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder preset with these values, e.g. to start a second instance on other ports. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.dataDir = dataDir;
        b.dist = dist;
        b.port = port;
        b.bind = bind;
        b.hosts = hosts;
        b.demo = demo;
        b.dbUrl = dbUrl;
        b.dbUser = dbUser;
        b.dbPassword = dbPassword;
        b.attestationDbUser = attestationDbUser;
        b.attestationDbPassword = attestationDbPassword;
        b.dbPort = dbPort;
        b.adminPassword = adminPassword;
        b.agentBasePort = agentBasePort;
        b.verbose = verbose;
        b.out = out;
        b.deployTimeout = deployTimeout;
        b.hostsUpTimeout = hostsUpTimeout;
        b.trustedEkCas.addAll(trustedEkCas);
        b.manualEkApproval = manualEkApproval;
        b.swtpmHost = swtpmHost;
        b.nodes = nodes;
        b.cluster = cluster;
        b.nodeName = nodeName;
        b.clusterBind = clusterBind;
        // kept only when it was not the default distance from --port, so a new --port moves it along
        b.managementPort = managementPort == port + MANAGEMENT_HTTP_OFFSET ? null : managementPort;
        b.jgroupsPort = jgroupsPort;
        b.jgroupsFdPort = jgroupsFdPort;
        return b;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path dist() {
        return dist;
    }

    public int port() {
        return port;
    }

    public int httpsPort() {
        return port + HTTPS_OFFSET;
    }

    /** --management-port, else --port + 1910 (WildFly's 9990 for 8080). */
    public int managementHttpPort() {
        return managementPort;
    }

    public int managementHttpsPort() {
        return managementPort + (MANAGEMENT_HTTPS_OFFSET - MANAGEMENT_HTTP_OFFSET);
    }

    /** Engine nodes to start on this machine (`--nodes`, 1-4). */
    public int nodes() {
        return nodes;
    }

    /**
     * Whether the engine runs WildFly's clustered profile (standalone-ha.xml, JGroups, a replicated verdict
     * cache): with several nodes here, or with `--cluster` for a node on a machine of its own. One node
     * without `--cluster` keeps standalone.xml and a local cache (no JGroups channel to open or time out).
     */
    public boolean clustered() {
        return cluster || nodes > 1;
    }

    /** The name of node 1 (`--node-name`, for a node on a machine of its own); node k of --nodes is trustpool-k. */
    public String nodeName() {
        return nodeName;
    }

    /** The address JGroups binds and other nodes reach this one at (WildFly's -bprivate). */
    public String clusterBind() {
        return clusterBind;
    }

    /** JGroups' TCP port of node 1 (node k: + k - 1). */
    public int jgroupsPort() {
        return jgroupsPort;
    }

    /** JGroups' FD_SOCK2 failure-detection port of node 1 (node k: + k - 1). */
    public int jgroupsFdPort() {
        return jgroupsFdPort;
    }

    public String bind() {
        return bind;
    }

    /** Where a local client reaches the server: the bind address, unless it is a wildcard. */
    public String clientHost() {
        if (bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]")) {
            return "127.0.0.1";
        }
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    public int hosts() {
        return hosts;
    }

    /** Whether `run --swtpm-host` asked for a demo host on swtpm (started only where swtpm is installed). */
    public boolean swtpmHost() {
        return swtpmHost;
    }

    public boolean demo() {
        return demo;
    }

    public boolean embeddedDatabase() {
        return dbUrl == null;
    }

    public Optional<String> dbUrl() {
        return Optional.ofNullable(dbUrl);
    }

    public Optional<String> dbUser() {
        return Optional.ofNullable(dbUser);
    }

    public Optional<String> dbPassword() {
        return Optional.ofNullable(dbPassword);
    }

    /** With an external database: the attestation service's own role (the embedded one has its own). */
    public Optional<String> attestationDbUser() {
        return Optional.ofNullable(attestationDbUser);
    }

    public Optional<String> attestationDbPassword() {
        return Optional.ofNullable(attestationDbPassword);
    }

    /** Port of the embedded PostgreSQL; 0 picks a free one at each start. */
    public int dbPort() {
        return dbPort;
    }

    /** The password given explicitly (option or API); see {@link AdminPassword} for the fallbacks. */
    public Optional<String> adminPassword() {
        return Optional.ofNullable(adminPassword);
    }

    public int agentBasePort() {
        return agentBasePort;
    }

    public boolean verbose() {
        return verbose;
    }

    public PrintStream out() {
        return out;
    }

    public Duration deployTimeout() {
        return deployTimeout;
    }

    public Duration hostsUpTimeout() {
        return hostsUpTimeout;
    }

    /** TPM vendors' CA certificates (PEM files) the attestation service trusts for EK certificates, beside the demo's. */
    public java.util.List<Path> trustedEkCas() {
        return trustedEkCas;
    }

    /** Whether each new EK waits for an administrator (else one that chains to a trusted CA is approved at once). */
    public boolean manualEkApproval() {
        return manualEkApproval;
    }

    public static final class Builder {
        private Path dataDir = defaultDataDir();
        private Path dist;
        private int port = DEFAULT_PORT;
        private String bind = DEFAULT_BIND;
        private int hosts = DEFAULT_HOSTS;
        private boolean demo = true;
        private String dbUrl;
        private String dbUser;
        private String dbPassword;
        private String attestationDbUser;
        private String attestationDbPassword;
        private Integer dbPortGiven;
        private int dbPort = DEFAULT_DB_PORT;
        private String adminPassword;
        private int agentBasePort = DEFAULT_AGENT_BASE_PORT;
        private boolean verbose;
        private PrintStream out = System.out;
        private Duration deployTimeout = Duration.ofSeconds(180);
        private Duration hostsUpTimeout = Duration.ofSeconds(120);
        private final java.util.List<Path> trustedEkCas = new java.util.ArrayList<>();
        private boolean manualEkApproval;
        private boolean swtpmHost;
        private int nodes = 1;
        private boolean cluster;
        private String nodeName = DEFAULT_NODE_NAME;
        private String clusterBind = DEFAULT_BIND;
        private Integer managementPort;
        private int jgroupsPort = DEFAULT_JGROUPS_PORT;
        private int jgroupsFdPort = DEFAULT_JGROUPS_FD_PORT;

        private Builder() {
        }

        /** Engine nodes on this machine (1-4); more than one runs the clustered profile. */
        public Builder nodes(int nodes) {
            this.nodes = nodes;
            return this;
        }

        /** The clustered profile even for one node: a node on a machine of its own that joins the others. */
        public Builder cluster(boolean cluster) {
            this.cluster = cluster;
            return this;
        }

        public Builder nodeName(String nodeName) {
            this.nodeName = nodeName;
            return this;
        }

        public Builder clusterBind(String clusterBind) {
            this.clusterBind = clusterBind;
            return this;
        }

        /** Management HTTP port (HTTPS is this + 3); by default --port + 1910. */
        public Builder managementPort(int managementPort) {
            this.managementPort = managementPort;
            return this;
        }

        public Builder jgroupsPort(int jgroupsPort) {
            this.jgroupsPort = jgroupsPort;
            return this;
        }

        public Builder jgroupsFdPort(int jgroupsFdPort) {
            this.jgroupsFdPort = jgroupsFdPort;
            return this;
        }

        /** One more demo host whose TPM is swtpm (driven through tpm2-tools), where swtpm is installed. */
        public Builder swtpmHost(boolean swtpmHost) {
            this.swtpmHost = swtpmHost;
            return this;
        }

        /** Repeatable: one more TPM vendor CA certificate file for the attestation service to trust. */
        public Builder trustEkCa(Path pemFile) {
            this.trustedEkCas.add(pemFile.toAbsolutePath().normalize());
            return this;
        }

        public Builder manualEkApproval(boolean manual) {
            this.manualEkApproval = manual;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** The directory with wildfly-dist.zip, the EAR, postgresql.jar and the host-agent jar. */
        public Builder dist(Path dist) {
            this.dist = dist;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder bind(String bind) {
            this.bind = bind;
            return this;
        }

        public Builder hosts(int hosts) {
            this.hosts = hosts;
            return this;
        }

        public Builder demo(boolean demo) {
            this.demo = demo;
            return this;
        }

        /** An external PostgreSQL instead of the embedded one. */
        public Builder externalDatabase(String url, String user, String password) {
            this.dbUrl = url;
            this.dbUser = user;
            this.dbPassword = password;
            return this;
        }

        public Builder dbUrl(String dbUrl) {
            this.dbUrl = dbUrl;
            return this;
        }

        public Builder dbUser(String dbUser) {
            this.dbUser = dbUser;
            return this;
        }

        public Builder dbPassword(String dbPassword) {
            this.dbPassword = dbPassword;
            return this;
        }

        public Builder attestationDbUser(String attestationDbUser) {
            this.attestationDbUser = attestationDbUser;
            return this;
        }

        public Builder attestationDbPassword(String attestationDbPassword) {
            this.attestationDbPassword = attestationDbPassword;
            return this;
        }

        public Builder dbPort(int dbPort) {
            this.dbPortGiven = dbPort;
            this.dbPort = dbPort;
            return this;
        }

        public Builder adminPassword(String adminPassword) {
            this.adminPassword = adminPassword;
            return this;
        }

        public Builder agentBasePort(int agentBasePort) {
            this.agentBasePort = agentBasePort;
            return this;
        }

        public Builder verbose(boolean verbose) {
            this.verbose = verbose;
            return this;
        }

        /** Where progress goes (System.out by default). */
        public Builder out(PrintStream out) {
            this.out = Objects.requireNonNull(out);
            return this;
        }

        public Builder deployTimeout(Duration deployTimeout) {
            this.deployTimeout = deployTimeout;
            return this;
        }

        public Builder hostsUpTimeout(Duration hostsUpTimeout) {
            this.hostsUpTimeout = hostsUpTimeout;
            return this;
        }

        /** @throws IllegalArgumentException with a message fit for the user when a value is bad */
        public LaunchOptions build() {
            if (dist == null) {
                dist = defaultDist();
            }
            require(dataDir != null, "--data-dir must not be empty");
            require(dist != null, "--dist is missing: the directory with wildfly-dist.zip and trustpool.ear"
                    + " (packaging/launcher/target/dist)");
            checkPort("--port", port);
            require(nodes >= 1 && nodes <= MAX_NODES, "--nodes must be between 1 and " + MAX_NODES + ", not " + nodes
                    + " (each node is a WildFly of its own on this machine)");
            // node k takes the next free ports after node k-1's: leave room for them below 65535
            int room = (nodes - 1) * NodePorts.SEARCH;
            require(port + HTTPS_OFFSET + room <= 65535, "--port " + port + " is too high: the HTTPS port"
                    + " would be " + (port + HTTPS_OFFSET) + (nodes > 1 ? ", and the other nodes need room above it" : ""));
            if (managementPort == null) {
                require(port + MANAGEMENT_HTTPS_OFFSET + room <= 65535, "--port " + port + " is too high: the management port"
                        + " would be " + (port + MANAGEMENT_HTTPS_OFFSET) + " (use at most "
                        + (65535 - MANAGEMENT_HTTPS_OFFSET - room) + ", or choose --management-port)");
            } else {
                checkPort("--management-port", managementPort);
                require(managementPort + 3 + room <= 65535, "--management-port " + managementPort + " is too high: "
                        + "its HTTPS port is 3 above it" + (nodes > 1 ? ", and the other nodes need room above it" : ""));
                // the two management ports must miss HTTP and HTTPS (all four shift together on nodes 2..N)
                for (int m : new int[] {managementPort, managementPort + 3}) {
                    require(m != port && m != port + HTTPS_OFFSET, "--management-port " + managementPort
                            + " collides with the HTTP or HTTPS port (" + port + ", " + (port + HTTPS_OFFSET) + ")");
                }
            }
            checkPort("--jgroups-port", jgroupsPort);
            checkPort("--jgroups-fd-port", jgroupsFdPort);
            require(jgroupsPort + nodes - 1 <= 65535 && jgroupsFdPort + nodes - 1 <= 65535,
                    "--jgroups-port and --jgroups-fd-port need room for " + nodes + " nodes below 65535");
            require(jgroupsFdPort >= jgroupsPort + nodes || jgroupsPort >= jgroupsFdPort + nodes,
                    "--jgroups-port and --jgroups-fd-port overlap: node k uses each + k - 1");
            require(nodeName != null && NODE_NAME.matcher(nodeName).matches(), "--node-name must be 1-23 letters, digits,"
                    + " '.', '_' or '-' (starting with a letter or digit), not '" + nodeName + "'");
            // --nodes names its nodes trustpool-1..N itself; another name for node 1 would be a second convention
            require(nodes == 1 || nodeName.equals(DEFAULT_NODE_NAME), "--node-name is for a single node (--cluster on a"
                    + " machine of its own); --nodes " + nodes + " names its nodes trustpool-1 .. trustpool-" + nodes);
            require(clusterBind != null && !clusterBind.isBlank(), "--cluster-bind must not be empty");
            require(bind != null && !bind.isBlank(), "--bind must not be empty");
            require(hosts >= 0 && hosts <= MAX_HOSTS, "--hosts must be between 0 and " + MAX_HOSTS + ", not " + hosts);
            checkPort("--agent-base-port", agentBasePort);
            require(agentBasePort + Math.max(hosts, 1) - 1 + (swtpmHost ? 1 : 0) <= 65535, "--agent-base-port " + agentBasePort
                    + " leaves no room for " + hosts + " host agents below port 65535");
            if (dbUrl != null) {
                require(dbUrl.startsWith("jdbc:postgresql:"), "--db-url must be a PostgreSQL JDBC URL"
                        + " (jdbc:postgresql://host:port/database), not " + dbUrl);
                require(dbPortGiven == null, "--db-port is for the embedded database; it cannot be combined with --db-url");
                // The service must not share the engine's role: with it, it could rewrite the engine's
                // tables and the engine its whitelist. The administrator creates the role (README).
                require(attestationDbUser != null && !attestationDbUser.isBlank(), "--db-url needs --attestation-db-user too:"
                        + " the attestation service's own database role (see README, External PostgreSQL)");
                require(!attestationDbUser.equals(dbUser), "--attestation-db-user must be another role than --db-user");
            } else {
                require(dbUser == null && dbPassword == null, "--db-user and --db-password need --db-url");
                require(attestationDbUser == null, "--attestation-db-user needs --db-url (the embedded database has its own)");
                require(dbPort == 0 || (dbPort >= 1 && dbPort <= 65535),
                        "--db-port must be between 1 and 65535 (or 0 for any free port), not " + dbPort);
            }
            require(adminPassword == null || !adminPassword.isEmpty(), "--admin-password must not be empty");
            require(deployTimeout != null && !deployTimeout.isNegative(), "deploy timeout must be positive");
            require(hostsUpTimeout != null && !hostsUpTimeout.isNegative(), "hosts-up timeout must be positive");
            checkWritable(dataDir.toAbsolutePath().normalize());
            return new LaunchOptions(this);
        }

        private static void checkPort(String option, int value) {
            require(value >= 1 && value <= 65535, option + " must be between 1 and 65535, not " + value);
        }

        /** The data directory may not exist yet: then its nearest existing parent must be writable. */
        private static void checkWritable(Path dir) {
            if (Files.exists(dir)) {
                require(Files.isDirectory(dir), "--data-dir " + dir + " is not a directory");
                require(Files.isWritable(dir), "--data-dir " + dir + " is not writable");
                return;
            }
            Path parent = dir.getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            require(parent != null && Files.isDirectory(parent) && Files.isWritable(parent),
                    "--data-dir " + dir + " cannot be created: " + parent + " is not a writable directory");
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".trustpool");
    }

    /**
     * Without --dist: the system property trustpool.dist (set by the integration-test build),
     * else the dist directory beside the launcher jar (packaging/launcher/target/dist).
     */
    static Path defaultDist() {
        String property = System.getProperty("trustpool.dist");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        try {
            Path jar = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/classes or target/trustpool-launcher-*-all.jar: either way target/dist
            Path candidate = jar.getParent().resolve("dist");
            return Files.isDirectory(candidate) ? candidate : null;
        } catch (Exception e) {
            return null;
        }
    }
}
