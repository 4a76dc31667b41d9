package org.trustpool.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code trustpool issue-host-cert}: what oVirt's host-deploy does for VDSM, by hand, for a real host.
 * Issues a certificate from this data directory's engine CA for a host agent, to be copied to the
 * host together with the CA certificate; the agent then serves the engine over mutual TLS.
 */
final class IssueHostCert {
    static final String COMMAND = "issue-host-cert";
    static final String USAGE = String.join("\n",
            "Usage: trustpool issue-host-cert --name NAME --address ADDR[,ADDR...] --out DIR [--data-dir DIR]",
            "  --name NAME       the host's name (also the file names: NAME.p12, NAME.p12.password)",
            "  --address ADDR    the address(es) the engine reaches the agent at, exactly as given when adding",
            "                    the host (IP literal or DNS name): the engine checks the certificate names it",
            "  --out DIR         where to write NAME.p12, NAME.p12.password (0600) and ca.pem",
            "  --data-dir DIR    the engine's data directory, whose engine CA issues it   [~/.trustpool]",
            "Then copy DIR to the host and start its agent with --tls-dir DIR.");

    private IssueHostCert() {
    }

    static int execute(List<String> args, PrintStream out, PrintStream err) {
        String name = null;
        List<String> addresses = new ArrayList<>();
        Path outDir = null;
        Path dataDir = LaunchOptions.defaultDataDir();
        try {
            for (int i = 0; i < args.size(); i++) {
                String option = args.get(i);
                String value;
                int eq = option.indexOf('=');
                if (option.startsWith("--") && eq > 0) {
                    value = option.substring(eq + 1);
                    option = option.substring(0, eq);
                } else if (option.equals("--help") || option.equals("-h")) {
                    out.println(USAGE);
                    return Launcher.OK;
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException(option + " needs a value");
                }
                switch (option) {
                    case "--name" -> name = value;
                    case "--address" -> {
                        for (String a : value.split(",")) {
                            if (!a.isBlank()) {
                                addresses.add(a.strip());
                            }
                        }
                    }
                    case "--out" -> outDir = Path.of(value);
                    case "--data-dir" -> dataDir = Path.of(value);
                    default -> throw new UsageException("unknown option '" + option + "'");
                }
            }
            if (name == null || addresses.isEmpty() || outDir == null) {
                throw new UsageException("--name, --address and --out are needed");
            }
        } catch (UsageException e) {
            err.println("trustpool: " + e.getMessage());
            err.println(USAGE);
            return Launcher.USAGE;
        }
        try {
            EngineCa ca = EngineCa.loadOrCreate(dataDir);
            ca.issueHost(outDir, name, addresses);
            out.println("issued a certificate for " + name + " (" + String.join(", ", addresses) + ") from the engine CA in "
                    + ca.directory() + ": " + outDir.resolve(name + ".p12") + " (password in " + name + ".p12.password), "
                    + outDir.resolve(EngineCa.CA_CERT));
            out.println("copy " + outDir + " to the host (keep it readable by the agent only) and start the agent with --tls-dir <that directory>");
            return Launcher.OK;
        } catch (IOException | LaunchException e) {
            err.println("trustpool: " + e.getMessage());
            return Launcher.FAILURE;
        }
    }
}
