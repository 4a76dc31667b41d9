package org.trustpool.hostagent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs tpm2-tools against one TPM, and nothing else does: every invocation of a {@code tpm2_*}
 * program in the agent goes through {@link #run}. The TPM is named by the TCTI in the child's
 * environment ({@code TPM2TOOLS_TCTI}), inputs and outputs are files in a working directory only
 * the agent's user can enter (0700), so no secret (a credential blob, a recovered secret) appears
 * on a command line where every local user could read it with {@code ps}.
 * <p>
 * Not thread-safe: the working files have fixed names, so the owner ({@link SwtpmTpm}) serializes
 * calls (a TPM executes one command at a time anyway).
 */
final class Tpm2Tools {

    static final String INSTALL_HINT = "apt-get install -y tpm2-tools";
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_STDERR_CHARS = 2000;
    /** "  17: 0xFFFF..." as tpm2_pcrread and tpm2_quote print the SHA-256 bank. */
    private static final Pattern PCR_LINE = Pattern.compile("^\\s*(\\d{1,2})\\s*:\\s*0x([0-9A-Fa-f]{64})\\s*$");

    private final String tcti;
    private final Path workDir;

    /**
     * @param tcti    e.g. {@code swtpm:path=/dir/swtpm.sock} or {@code device:/dev/tpmrm0}
     * @param workDir made (0700) if missing; holds the tools' input and output files
     */
    Tpm2Tools(String tcti, Path workDir) throws IOException {
        this.tcti = tcti;
        this.workDir = PrivateDir.create(workDir);
    }

    Path file(String name) {
        return workDir.resolve(name);
    }

    /**
     * Runs {@code tool args...} against this TPM and returns its standard output.
     *
     * @throws TpmException naming the tool: not installed, failed (with its exit code and stderr), or hung
     */
    String run(String tool, String... args) {
        List<String> command = new ArrayList<>(args.length + 1);
        command.add(tool);
        command.addAll(List.of(args));
        Path stderr = file("stderr.txt");
        // stdout to a file too (in the 0700 work directory): reading a pipe to its end would wait for the tool
        // to exit, so a hung tool (a wedged swtpm) would block here forever and the timeout below never fire
        Path stdout = file("stdout.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("TPM2TOOLS_TCTI", tcti);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new TpmException(tool + " cannot be run (is tpm2-tools installed and on PATH? " + INSTALL_HINT + "): "
                    + e.getMessage());
        }
        try {
            if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TpmException(tool + " did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new TpmException(tool + " failed (exit code " + p.exitValue() + "): " + tail(stderr));
            }
            return new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8);
        } catch (IOException e) {
            p.destroyForcibly();
            throw new TpmException(tool + ": " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TpmException(tool + ": interrupted");
        }
    }

    private static String tail(Path stderr) {
        try {
            String text = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return "(nothing on stderr)";
            }
            return text.length() > MAX_STDERR_CHARS ? "..." + text.substring(text.length() - MAX_STDERR_CHARS) : text;
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    // ---- argument building and output parsing (pure; unit-tested in Tpm2ToolsTest) -----------

    /** {@code sha256:0,1,17} for tpm2_quote -l and tpm2_pcrread. */
    static String pcrSelection(SortedSet<Integer> pcrs) {
        if (pcrs.isEmpty()) {
            throw new IllegalArgumentException("select at least one PCR");
        }
        StringJoiner list = new StringJoiner(",", "sha256:", "");
        for (int pcr : pcrs) {
            checkPcr(pcr);
            list.add(Integer.toString(pcr));
        }
        return list.toString();
    }

    /** {@code 16:sha256=<64 hex>} for tpm2_pcrextend. */
    static String extendSpec(int pcr, byte[] digest) {
        checkPcr(pcr);
        if (digest.length != SoftwareTpm.DIGEST_SIZE) {
            throw new IllegalArgumentException("a SHA-256 digest has " + SoftwareTpm.DIGEST_SIZE + " bytes");
        }
        return pcr + ":sha256=" + HexFormat.of().formatHex(digest);
    }

    /** {@code 0x81010002}: how the tools take a TPM handle. */
    static String handle(int handle) {
        return String.format(Locale.ROOT, "0x%08x", handle);
    }

    /**
     * The SHA-256 bank from tpm2_pcrread's or tpm2_quote's YAML output. Only lines under the
     * {@code sha256:} key count (another bank's values, or tpm2_quote's "calcDigest", are not PCRs
     * of ours); a duplicate PCR is refused rather than silently taking either value.
     */
    static SortedMap<Integer, byte[]> parseSha256Pcrs(String yaml) {
        SortedMap<Integer, byte[]> pcrs = new TreeMap<>();
        boolean inBank = false;
        int bankIndent = -1;
        for (String line : yaml.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String trimmed = line.strip();
            if (trimmed.endsWith(":") && !trimmed.contains(" ")) {
                inBank = trimmed.equals("sha256:");
                bankIndent = indent;
                continue;
            }
            if (inBank && indent <= bankIndent) {
                inBank = false;
            }
            if (!inBank) {
                continue;
            }
            Matcher m = PCR_LINE.matcher(line);
            if (!m.matches()) {
                throw new TpmException("unexpected line in the sha256 PCR listing: '" + trimmed + "'");
            }
            int pcr = Integer.parseInt(m.group(1));
            checkPcr(pcr);
            if (pcrs.put(pcr, HexFormat.of().parseHex(m.group(2))) != null) {
                throw new TpmException("PCR " + pcr + " listed twice");
            }
        }
        return pcrs;
    }

    /** TPM2B_PUBLIC (what tpm2_readpublic -o writes) to the TPMT_PUBLIC inside it. */
    static byte[] unwrapTpm2b(byte[] tpm2b) {
        if (tpm2b.length < 2) {
            throw new TpmException("a TPM2B structure has at least 2 bytes, got " + tpm2b.length);
        }
        int size = ((tpm2b[0] & 0xff) << 8) | (tpm2b[1] & 0xff);
        if (size != tpm2b.length - 2) {
            throw new TpmException("TPM2B size field says " + size + " bytes, " + (tpm2b.length - 2) + " follow");
        }
        return java.util.Arrays.copyOfRange(tpm2b, 2, tpm2b.length);
    }

    static Map<Integer, byte[]> select(Map<Integer, byte[]> all, SortedSet<Integer> wanted) {
        Map<Integer, byte[]> selected = new TreeMap<>();
        for (int pcr : wanted) {
            byte[] value = all.get(pcr);
            if (value == null) {
                throw new TpmException("the TPM did not report PCR " + pcr);
            }
            selected.put(pcr, value);
        }
        return selected;
    }

    private static void checkPcr(int pcr) {
        if (pcr < 0 || pcr >= SoftwareTpm.PCR_COUNT) {
            throw new IllegalArgumentException("PCR index must be 0.." + (SoftwareTpm.PCR_COUNT - 1) + ", got " + pcr);
        }
    }
}
