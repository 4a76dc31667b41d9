package org.trustpool.hostagent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Parsed and validated command line of the simulator. */
public record SimulatorOptions(int hosts, int basePort, String bind, String namePrefix, Path dataDir,
                               int memMb, int cpus, String cpuModel, boolean help) {

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar trustpool-hostagent-all.jar [options]",
            "  --hosts N            number of simulated hosts (default 1, max " + SimulatorOptions.MAX_HOSTS + ")",
            "  --base-port P        host i listens on P+i-1; 0 = free ephemeral ports (default 54321)",
            "  --bind ADDR          address to listen on (default 127.0.0.1)",
            "  --name-prefix S      host names are S01, S02, ... (default host-)",
            "  --data-dir DIR       keep host ids in DIR/<name>.properties across restarts",
            "  --mem-mb M           memory per host in MB (default 16384)",
            "  --cpus C             CPU cores per host (default 8)",
            "  --cpu-model S        CPU model string (default \"Intel SandyBridge Family\")",
            "  --help               show this help",
            "Options take their value as the next argument or as --option=value.");

    static final int MAX_HOSTS = 1000;
    /** The prefix becomes part of file names in --data-dir, so keep it to safe characters. */
    private static final Pattern SAFE_PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(1, 54321, "127.0.0.1", "host-", null, 16384, 8, "Intel SandyBridge Family", false);
    }

    /** Same as defaults but with the given host count on ephemeral ports; handy for tests and embedding. */
    public static SimulatorOptions ephemeral(int hosts) {
        SimulatorOptions d = defaults();
        return new SimulatorOptions(hosts, 0, d.bind, d.namePrefix, null, d.memMb, d.cpus, d.cpuModel, false);
    }

    public SimulatorOptions withDataDir(Path dir) {
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dir, memMb, cpus, cpuModel, help);
    }

    public SimulatorOptions withMemMb(int mb) {
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dataDir, mb, cpus, cpuModel, help);
    }

    public HostCapacity capacity() {
        return new HostCapacity(cpus, cpuModel, memMb);
    }

    public static SimulatorOptions parse(String... args) throws UsageException {
        SimulatorOptions d = defaults();
        int hosts = d.hosts;
        int basePort = d.basePort;
        String bind = d.bind;
        String namePrefix = d.namePrefix;
        Path dataDir = null;
        int memMb = d.memMb;
        int cpus = d.cpus;
        String cpuModel = d.cpuModel;
        boolean help = false;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            String option = arg;
            String value;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                option = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                value = null;
            }
            if (!isKnown(option)) {
                throw new UsageException("unknown option: " + arg);
            }
            if (value == null) {
                throw new UsageException("missing value for " + option);
            }
            switch (option) {
                case "--hosts" -> hosts = intValue(option, value, 1, MAX_HOSTS);
                case "--base-port" -> basePort = intValue(option, value, 0, 65535);
                case "--bind" -> bind = address(value);
                case "--name-prefix" -> namePrefix = prefix(value);
                case "--data-dir" -> dataDir = path(value);
                case "--mem-mb" -> memMb = intValue(option, value, 1, Integer.MAX_VALUE);
                case "--cpus" -> cpus = intValue(option, value, 1, 4096);
                case "--cpu-model" -> cpuModel = nonBlank(option, value);
                default -> throw new IllegalStateException(option);
            }
        }
        if (basePort != 0 && basePort + hosts - 1 > 65535) {
            throw new UsageException("--base-port " + basePort + " leaves no room for " + hosts + " hosts");
        }
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dataDir, memMb, cpus, cpuModel, help);
    }

    private static boolean isKnown(String option) {
        return switch (option) {
            case "--hosts", "--base-port", "--bind", "--name-prefix", "--data-dir", "--mem-mb", "--cpus",
                 "--cpu-model" -> true;
            default -> false;
        };
    }

    private static int intValue(String option, String value, int min, int max) throws UsageException {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the common message
        }
        throw new UsageException(option + " needs an integer in " + min + ".." + max + ", got '" + value + "'");
    }

    private static String nonBlank(String option, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(option + " must not be empty");
        }
        return value.trim();
    }

    private static String address(String value) throws UsageException {
        try {
            InetAddress.getByName(nonBlank("--bind", value));
            return value.trim();
        } catch (UnknownHostException e) {
            throw new UsageException("--bind: unknown address '" + value + "'");
        }
    }

    private static String prefix(String value) throws UsageException {
        if (!SAFE_PREFIX.matcher(value).matches()) {
            throw new UsageException("--name-prefix may only use letters, digits, '.', '_' and '-' (1-64 chars)");
        }
        return value;
    }

    private static Path path(String value) throws UsageException {
        try {
            if (!value.isBlank()) {
                return Path.of(value);
            }
        } catch (InvalidPathException e) {
            // fall through
        }
        throw new UsageException("--data-dir is not a valid path: '" + value + "'");
    }
}
