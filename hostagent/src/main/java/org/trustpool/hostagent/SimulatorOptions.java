package org.trustpool.hostagent;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Parsed and validated command line of the simulator. */
public record SimulatorOptions(int hosts, int basePort, String bind, String namePrefix, Path dataDir,
                               int memMb, int cpus, String cpuModel, boolean help,
                               MeasuredBoot.Platform platform, Set<String> tamper, boolean allowTamperControl,
                               URI attestationUrl, String attestationToken, long delayQuoteMs,
                               boolean printGoodPcrs, Path ekCaDir, TpmBackend tpm, Path swtpmCaDir) {

    /** Which TPM the hosts of this process have. */
    public enum TpmBackend {
        /** {@link SoftwareTpm}: in memory, EK certified by --ek-ca-dir's demo manufacturer. */
        SIMULATED,
        /** {@link SwtpmTpm}: one swtpm per host, driven through tpm2-tools, EK certified by swtpm's local CA. */
        SWTPM
    }

    public static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar trustpool-hostagent-all.jar [options]",
            "  --hosts N            number of simulated hosts (default 1, max " + SimulatorOptions.MAX_HOSTS + ")",
            "  --base-port P        host i listens on P+i-1; 0 = free ephemeral ports (default 54321)",
            "  --bind ADDR          address to listen on (default 127.0.0.1)",
            "  --name-prefix S      host names are S01, S02, ... (default host-)",
            "  --data-dir DIR       keep host ids in DIR/<name>.properties and attestation keys in",
            "                       DIR/<name>-aik.pkcs8 + .pub across restarts (without it: new ones each start)",
            "  --mem-mb M           memory per host in MB (default 16384)",
            "  --cpus C             CPU cores per host (default 8)",
            "  --cpu-model S        CPU model string (default \"Intel SandyBridge Family\")",
            "  --bios-name S        BIOS measured into PCR 0-7 (default " + SimulatorOptions.DEFAULT_BIOS_NAME + ")",
            "  --bios-version V     (default " + SimulatorOptions.DEFAULT_VERSION + ")",
            "  --vmm-name S         hypervisor/OS measured into PCR 17-19 (default " + SimulatorOptions.DEFAULT_VMM_NAME + ")",
            "  --vmm-version V      (default " + SimulatorOptions.DEFAULT_VERSION + ")",
            "  --tamper NAME[,..]   boot these hosts with a swapped kernel (PCR 19 differs)",
            "  --allow-tamper-control  enable the Host.tamper and Host.heal JSON-RPC methods (tests, demos; only",
            "                       callers with a certificate from the engine CA reach them over --tls-dir)",
            "  --attestation-url U  register every host at U/resources/hosts at start",
            "  --attestation-token-file F  the registration token, read from file F (keep it 0600; a token is",
            "                       never given on the command line, where every local user could read it)",
            "  --ek-ca-dir DIR      the TPM manufacturer CA (" + ManufacturerCa.CERT_FILE + " + " + ManufacturerCa.KEY_FILE + ")",
            "                       that certifies each simulated TPM's endorsement key (EK)",
            "  --init-ek-ca DIR     make a demo manufacturer CA in DIR if it has none, print its certificate file, exit",
            "  --tpm simulated|swtpm  the hosts' TPM: the built-in software TPM (default), or one swtpm per host",
            "                       driven through tpm2-tools (needs swtpm, swtpm-tools, tpm2-tools and --data-dir;",
            "                       each host's TPM state and sockets live in DIR/swtpm/<name>, 0700)",
            "  --swtpm-ca-dir DIR   swtpm's local CA that certifies those TPMs' EKs (default DIR/swtpm-localca of",
            "                       --data-dir); the attestation service must trust its " + SwtpmLocalCa.ROOT_CERT,
            "  --init-swtpm-ca DIR  make that CA in DIR if it has none, print its root certificate file, exit",
            "  --delay-quote-ms N   answer Host.getQuote only after N ms (default 0)",
            "  --print-good-pcrs    print the known-good PCR values of this BIOS/VMM as JSON and exit",
            "  --help               show this help",
            "Options take their value as the next argument or as --option=value.");

    static final String DEFAULT_BIOS_NAME = "TrustpoolBIOS";
    static final String DEFAULT_VMM_NAME = "TrustpoolVMM";
    static final String DEFAULT_VERSION = "1.0";
    static final int MAX_LABEL = 128;
    static final long MAX_DELAY_MS = 600_000;

    public SimulatorOptions {
        Objects.requireNonNull(platform);
        tamper = Set.copyOf(tamper);
        Objects.requireNonNull(tpm);
    }

    /** The original option set; everything attestation-related gets its default. */
    public SimulatorOptions(int hosts, int basePort, String bind, String namePrefix, Path dataDir,
                            int memMb, int cpus, String cpuModel, boolean help) {
        this(hosts, basePort, bind, namePrefix, dataDir, memMb, cpus, cpuModel, help, defaultPlatform(),
                Set.of(), false, null, null, 0, false, null, TpmBackend.SIMULATED, null);
    }

    public static MeasuredBoot.Platform defaultPlatform() {
        return new MeasuredBoot.Platform(DEFAULT_BIOS_NAME, DEFAULT_VERSION, DEFAULT_VMM_NAME, DEFAULT_VERSION);
    }

    /** The token is a credential: keep it out of logs and exception messages. */
    @Override
    public String toString() {
        return "SimulatorOptions[hosts=" + hosts + ", basePort=" + basePort + ", bind=" + bind
                + ", namePrefix=" + namePrefix + ", dataDir=" + dataDir + ", platform=" + platform
                + ", tamper=" + tamper + ", allowTamperControl=" + allowTamperControl
                + ", attestationUrl=" + attestationUrl + ", attestationToken=" + (attestationToken == null ? "none" : "***")
                + ", delayQuoteMs=" + delayQuoteMs + ", tpm=" + tpm + "]";
    }

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
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dir, memMb, cpus, cpuModel, help,
                platform, tamper, allowTamperControl, attestationUrl, attestationToken, delayQuoteMs, printGoodPcrs, ekCaDir, tpm, swtpmCaDir);
    }

    public SimulatorOptions withMemMb(int mb) {
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dataDir, mb, cpus, cpuModel, help,
                platform, tamper, allowTamperControl, attestationUrl, attestationToken, delayQuoteMs, printGoodPcrs, ekCaDir, tpm, swtpmCaDir);
    }

    public SimulatorOptions withPlatform(MeasuredBoot.Platform p) {
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dataDir, memMb, cpus, cpuModel, help,
                p, tamper, allowTamperControl, attestationUrl, attestationToken, delayQuoteMs, printGoodPcrs, ekCaDir, tpm, swtpmCaDir);
    }

    public SimulatorOptions withTamper(Set<String> names) {
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dataDir, memMb, cpus, cpuModel, help,
                platform, names, allowTamperControl, attestationUrl, attestationToken, delayQuoteMs, printGoodPcrs, ekCaDir, tpm, swtpmCaDir);
    }

    public SimulatorOptions withTamperControl(boolean allowed) {
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dataDir, memMb, cpus, cpuModel, help,
                platform, tamper, allowed, attestationUrl, attestationToken, delayQuoteMs, printGoodPcrs, ekCaDir, tpm, swtpmCaDir);
    }

    public SimulatorOptions withAttestation(URI url, String token) {
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dataDir, memMb, cpus, cpuModel, help,
                platform, tamper, allowTamperControl, url, token, delayQuoteMs, printGoodPcrs, ekCaDir, tpm, swtpmCaDir);
    }

    /** Where the manufacturer CA that certifies this simulator's TPMs' EKs lives (see {@link ManufacturerCa}). */
    public SimulatorOptions withEkCa(Path dir) {
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dataDir, memMb, cpus, cpuModel, help,
                platform, tamper, allowTamperControl, attestationUrl, attestationToken, delayQuoteMs, printGoodPcrs, dir, tpm, swtpmCaDir);
    }

    /** Hosts backed by swtpm whose EKs {@code caDir}'s local CA certifies. */
    public SimulatorOptions withSwtpm(Path caDir) {
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dataDir, memMb, cpus, cpuModel, help,
                platform, tamper, allowTamperControl, attestationUrl, attestationToken, delayQuoteMs, printGoodPcrs, ekCaDir,
                TpmBackend.SWTPM, caDir);
    }

    /** Where swtpm's local CA lives: --swtpm-ca-dir, or next to the host state in --data-dir. */
    public Path effectiveSwtpmCaDir() {
        return swtpmCaDir != null ? swtpmCaDir : dataDir.resolve("swtpm-localca");
    }

    public SimulatorOptions withDelayQuoteMs(long ms) {
        return new SimulatorOptions(hosts, basePort, bind, namePrefix, dataDir, memMb, cpus, cpuModel, help,
                platform, tamper, allowTamperControl, attestationUrl, attestationToken, ms, printGoodPcrs, ekCaDir, tpm, swtpmCaDir);
    }

    /** Host i (1-based) is called prefix + two-digit i; the one place that naming rule lives. */
    public String hostName(int i) {
        return namePrefix + String.format(Locale.ROOT, "%02d", i);
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
        String biosName = DEFAULT_BIOS_NAME;
        String biosVersion = DEFAULT_VERSION;
        String vmmName = DEFAULT_VMM_NAME;
        String vmmVersion = DEFAULT_VERSION;
        Set<String> tamper = new LinkedHashSet<>();
        boolean allowTamperControl = false;
        URI attestationUrl = null;
        String attestationToken = null;
        long delayQuoteMs = 0;
        boolean printGoodPcrs = false;
        Path ekCaDir = null;
        TpmBackend tpm = TpmBackend.SIMULATED;
        Path swtpmCaDir = null;

        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            String option = arg;
            String value;
            int eq = arg.indexOf('=');
            if (isFlag(arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg)) {
                if (eq > 0) {
                    throw new UsageException(arg.substring(0, eq) + " takes no value");
                }
                if (arg.equals("--allow-tamper-control")) {
                    allowTamperControl = true;
                } else {
                    printGoodPcrs = true;
                }
                continue;
            }
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
                case "--bios-name" -> biosName = label(option, value);
                case "--bios-version" -> biosVersion = label(option, value);
                case "--vmm-name" -> vmmName = label(option, value);
                case "--vmm-version" -> vmmVersion = label(option, value);
                case "--tamper" -> tamper.addAll(hostList(value));
                case "--attestation-url" -> attestationUrl = httpUrl(option, value);
                case "--attestation-token-file" -> attestationToken = tokenFile(value);
                case "--ek-ca-dir" -> ekCaDir = path(value);
                case "--tpm" -> tpm = switch (value.trim()) {
                    case "simulated" -> TpmBackend.SIMULATED;
                    case "swtpm" -> TpmBackend.SWTPM;
                    default -> throw new UsageException("--tpm takes simulated or swtpm, got '" + value + "'");
                };
                case "--swtpm-ca-dir" -> swtpmCaDir = path(value);
                case "--delay-quote-ms" -> delayQuoteMs = intValue(option, value, 0, (int) MAX_DELAY_MS);
                default -> throw new IllegalStateException(option);
            }
        }
        if (basePort != 0 && basePort + hosts - 1 > 65535) {
            throw new UsageException("--base-port " + basePort + " leaves no room for " + hosts + " hosts");
        }
        if (attestationToken != null && attestationUrl == null) {
            throw new UsageException("--attestation-token-file needs --attestation-url");
        }
        SimulatorOptions options = new SimulatorOptions(hosts, basePort, bind, namePrefix, dataDir, memMb, cpus,
                cpuModel, help, new MeasuredBoot.Platform(biosName, biosVersion, vmmName, vmmVersion), tamper,
                allowTamperControl, attestationUrl, attestationToken, delayQuoteMs, printGoodPcrs, ekCaDir, tpm, swtpmCaDir);
        if (tpm == TpmBackend.SWTPM && dataDir == null) {
            // the TPM's state is the host's identity (its EK and AK): it must survive a restart
            throw new UsageException("--tpm swtpm needs --data-dir (each host's TPM state is kept there)");
        }
        if (swtpmCaDir != null && tpm != TpmBackend.SWTPM) {
            throw new UsageException("--swtpm-ca-dir needs --tpm swtpm");
        }
        // A misspelt name would silently give a demo without its tampered host; refuse it instead.
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i <= hosts; i++) {
            names.add(options.hostName(i));
        }
        for (String name : tamper) {
            if (!names.contains(name)) {
                throw new UsageException("--tamper: no host named '" + name + "' (hosts are "
                        + options.hostName(1) + ".." + options.hostName(hosts) + ")");
            }
        }
        return options;
    }

    private static boolean isKnown(String option) {
        return switch (option) {
            case "--hosts", "--base-port", "--bind", "--name-prefix", "--data-dir", "--mem-mb", "--cpus",
                 "--cpu-model", "--bios-name", "--bios-version", "--vmm-name", "--vmm-version", "--tamper",
                 "--attestation-url", "--attestation-token-file", "--ek-ca-dir", "--delay-quote-ms", "--tpm",
                 "--swtpm-ca-dir" -> true;
            default -> false;
        };
    }

    private static boolean isFlag(String option) {
        return option.equals("--allow-tamper-control") || option.equals("--print-good-pcrs");
    }

    /**
     * BIOS/VMM names and versions end up in measurement digests (newline-separated) and in the
     * whitelist, so control characters, which would make that encoding ambiguous, are refused.
     */
    private static String label(String option, String value) throws UsageException {
        String v = nonBlank(option, value);
        if (v.length() > MAX_LABEL || v.chars().anyMatch(Character::isISOControl)) {
            throw new UsageException(option + " must be at most " + MAX_LABEL + " printable characters");
        }
        return v;
    }

    private static Set<String> hostList(String value) throws UsageException {
        Set<String> names = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String name = part.trim();
            if (name.isEmpty()) {
                throw new UsageException("--tamper needs a comma-separated list of host names, got '" + value + "'");
            }
            names.add(name);
        }
        return names;
    }

    private static URI httpUrl(String option, String value) throws UsageException {
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                String text = uri.toString();
                while (text.endsWith("/")) {
                    text = text.substring(0, text.length() - 1);
                }
                return URI.create(text);
            }
        } catch (URISyntaxException e) {
            // fall through
        }
        throw new UsageException(option + " needs an http(s) URL without query, got '" + value + "'");
    }

    /**
     * The token comes from a file so that it never shows in {@code ps}; it goes into an HTTP
     * header, so no whitespace or control characters (no header injection).
     */
    private static String tokenFile(String value) throws UsageException {
        String token;
        try {
            Path file = path(value);
            if (java.nio.file.Files.size(file) > 4096) {
                throw new UsageException("--attestation-token-file " + value + " is larger than a token");
            }
            token = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.US_ASCII).strip();
        } catch (java.io.IOException e) {
            throw new UsageException("--attestation-token-file: cannot read " + value + ": " + e.getMessage());
        }
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new UsageException("--attestation-token-file must hold non-empty printable ASCII without spaces");
        }
        return token;
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
