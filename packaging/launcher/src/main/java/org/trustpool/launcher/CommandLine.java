package org.trustpool.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Parses {@code <command> [options]}; every mistake becomes a {@link UsageException} (exit code 2). */
final class CommandLine {

    enum Command { RUN, STOP, HELP }

    static final String USAGE = String.join("\n",
            "Usage: trustpool <command> [options]",
            "",
            "Commands:",
            "  run     start PostgreSQL, WildFly with Trustpool (--nodes N: N engine nodes), the host-agent simulator",
            "          and the demo; Ctrl-C stops all",
            "  stop    stop the Trustpool that runs with the given data directory (every engine node, PostgreSQL last)",
            "  issue-host-cert  issue a host agent certificate from the engine CA, for a real host (--help for its options)",
            "  tamper HOST      change a running simulated host's kernel measurement, to watch re-attestation catch it",
            "  heal HOST        reboot that simulated host into its good boot chain",
            "  help    this text",
            "",
            "Options of run:",
            "  --data-dir DIR          where everything is kept (database, server, logs)   [~/.trustpool]",
            "  --port N                HTTP port of the engine; HTTPS is N+363, management N+1910/N+1913   [8080]",
            "  --management-port N     management HTTP port (HTTPS is N+3)                [--port + 1910]",
            "  --bind ADDR             address WildFly listens on                         [127.0.0.1]",
            "  --hosts N               simulated hypervisor hosts, 0-200 (0: no simulator) [4]",
            "  --agent-base-port N     port of the first simulated host agent; the others follow   [54321]",
            "  --no-demo               do not add the simulated hosts to the engine",
            "  --swtpm-host            one more demo host, host-swtpm-01, whose TPM is a real swtpm driven through",
            "                          tpm2-tools (its EK certified by swtpm's local CA in DIR/swtpm-localca, which",
            "                          the service is told to trust); skipped, with a note, where swtpm is missing",
            "  --admin-password PW     password of admin@internal; else $TRUSTPOOL_ADMIN_PASSWORD, else the one",
            "                          kept in DIR/admin-password, else a new random one (kept there)",
            "  --db-port N             port of the embedded PostgreSQL (0: any free port)  [15432]",
            "  --db-url URL            use this PostgreSQL instead of the embedded one (jdbc:postgresql://...)",
            "  --db-user U             its user",
            "  --db-password P         its password (or $TRUSTPOOL_DB_PASSWORD)",
            "  --attestation-db-user U the attestation service's own role in that database (owner of schema attestation)",
            "  --attestation-db-password-file F",
            "                          a file holding its password (or $TRUSTPOOL_ATTESTATION_DB_PASSWORD)",
            "  --trust-ek-ca FILE      also trust this TPM vendor's CA certificate (PEM) for EK certificates;",
            "                          repeatable (the demo's manufacturer CA in DIR/ek-ca is always trusted)",
            "  --ek-approval MODE      auto: a TPM whose EK certificate chains to a trusted CA is approved at",
            "                          enrollment; manual: each new EK waits for an administrator   [auto]",
            "  --nodes N               engine nodes on this machine, 1-4 (several: WildFly's clustered profile,   [1]",
            "                          one PostgreSQL); node 1 on --port, node k on the next free ports above",
            "                          node k-1's, JGroups on --jgroups-port + k-1 and --jgroups-fd-port + k-1",
            "  --cluster               the clustered profile for a single node, to join nodes on other machines",
            "                          that use the same --db-url (JGroups finds them through the database)",
            "  --node-name NAME        this node's name with --cluster; distinct on each machine  [trustpool-1]",
            "  --cluster-bind ADDR     the address JGroups binds, which the other machines reach   [127.0.0.1]",
            "  --jgroups-port N        JGroups TCP port of node 1                          [7600]",
            "  --jgroups-fd-port N     JGroups failure-detection port of node 1            [7700]",
            "  --dist DIR              the built artifacts (set by bin/trustpool)",
            "  --verbose               stack traces on errors",
            "",
            "Options of stop:",
            "  --data-dir DIR          [~/.trustpool]",
            "",
            "Exit codes: 0 ok, 1 failure, 2 bad usage.");

    record Parsed(Command command, LaunchOptions options, Path dataDir, boolean verbose) {
    }

    private CommandLine() {
    }

    static Parsed parse(String[] args, Map<String, String> env) throws UsageException {
        List<String> rest = new ArrayList<>(List.of(args));
        if (rest.isEmpty()) {
            throw new UsageException("no command given");
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            return new Parsed(Command.HELP, null, null, false);
        }
        String name = rest.remove(0);
        Command command = switch (name) {
            case "run" -> Command.RUN;
            case "stop" -> Command.STOP;
            case "help" -> Command.HELP;
            default -> throw new UsageException("unknown command '" + name + "'");
        };
        if (command == Command.HELP) {
            return new Parsed(Command.HELP, null, null, false);
        }

        LaunchOptions.Builder b = LaunchOptions.builder();
        Path dataDir = LaunchOptions.defaultDataDir();
        boolean verbose = false;
        boolean dbPasswordGiven = false;
        String attestationDbPasswordFile = null;
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String option = arg;
            String inlineValue = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                option = arg.substring(0, eq);
                inlineValue = arg.substring(eq + 1);
            }
            if (!option.startsWith("--")) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            boolean flag = option.equals("--no-demo") || option.equals("--verbose") || option.equals("--swtpm-host")
                    || option.equals("--cluster");
            if (flag && inlineValue != null) {
                throw new UsageException(option + " takes no value");
            }
            if (!flag && !option.equals("--data-dir") && !option.equals("--dist") && command == Command.STOP) {
                throw new UsageException("stop takes only --data-dir, not " + option);
            }
            String value = null;
            if (!flag) {
                if (inlineValue != null) {
                    value = inlineValue;
                } else if (i + 1 < rest.size()) {
                    value = rest.get(++i);
                } else {
                    throw new UsageException(option + " needs a value");
                }
            }
            switch (option) {
                case "--data-dir" -> {
                    if (value.isBlank()) {
                        throw new UsageException("--data-dir must not be empty");
                    }
                    dataDir = Path.of(expandHome(value, env));
                }
                case "--dist" -> b.dist(Path.of(expandHome(value, env)));
                case "--port" -> b.port(integer(option, value));
                case "--management-port" -> b.managementPort(integer(option, value));
                case "--nodes" -> b.nodes(integer(option, value));
                case "--cluster" -> b.cluster(true);
                case "--node-name" -> b.nodeName(value);
                case "--cluster-bind" -> b.clusterBind(value);
                case "--jgroups-port" -> b.jgroupsPort(integer(option, value));
                case "--jgroups-fd-port" -> b.jgroupsFdPort(integer(option, value));
                case "--bind" -> b.bind(value);
                case "--hosts" -> b.hosts(integer(option, value));
                case "--agent-base-port" -> b.agentBasePort(integer(option, value));
                case "--no-demo" -> b.demo(false);
                case "--swtpm-host" -> b.swtpmHost(true);
                case "--admin-password" -> b.adminPassword(value);
                case "--db-port" -> b.dbPort(integer(option, value));
                case "--db-url" -> b.dbUrl(value);
                case "--db-user" -> b.dbUser(value);
                case "--db-password" -> {
                    b.dbPassword(value);
                    dbPasswordGiven = true;
                }
                case "--attestation-db-user" -> b.attestationDbUser(value);
                case "--attestation-db-password-file" -> attestationDbPasswordFile = expandHome(value, env);
                case "--verbose" -> verbose = true;
                case "--trust-ek-ca" -> {
                    Path file = Path.of(expandHome(value, env));
                    if (!java.nio.file.Files.isRegularFile(file)) {
                        throw new UsageException("--trust-ek-ca: no such file " + file);
                    }
                    b.trustEkCa(file);
                }
                case "--ek-approval" -> b.manualEkApproval(switch (value) {
                    case "auto" -> false;
                    case "manual" -> true;
                    default -> throw new UsageException("--ek-approval must be auto or manual, not '" + value + "'");
                });
                default -> throw new UsageException("unknown option " + option);
            }
        }
        if (command == Command.STOP) {
            return new Parsed(Command.STOP, null, dataDir.toAbsolutePath().normalize(), verbose);
        }
        // The environment keeps the database password out of `ps` listings; only with --db-url.
        String envDbPassword = env.get("TRUSTPOOL_DB_PASSWORD");
        if (!dbPasswordGiven && envDbPassword != null && rest.stream().anyMatch(a -> a.startsWith("--db-url"))) {
            b.dbPassword(envDbPassword);
        }
        // never on the command line: a file (0600, say) or the environment
        if (attestationDbPasswordFile != null) {
            try {
                b.attestationDbPassword(java.nio.file.Files.readString(Path.of(attestationDbPasswordFile)).strip());
            } catch (java.io.IOException e) {
                throw new UsageException("--attestation-db-password-file " + attestationDbPasswordFile + " cannot be read: " + e);
            }
        } else if (env.get("TRUSTPOOL_ATTESTATION_DB_PASSWORD") != null) {
            b.attestationDbPassword(env.get("TRUSTPOOL_ATTESTATION_DB_PASSWORD"));
        }
        b.dataDir(dataDir).verbose(verbose);
        try {
            LaunchOptions options = b.build();
            return new Parsed(Command.RUN, options, options.dataDir(), verbose);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static int integer(String option, String value) throws UsageException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(option + " needs a number, not '" + value + "'");
        }
    }

    /** "~/x" as the shell would, for values given as --opt=~/x which the shell leaves alone. */
    private static String expandHome(String value, Map<String, String> env) {
        if (value.equals("~") || value.startsWith("~/")) {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            return home + value.substring(1);
        }
        return value;
    }
}
