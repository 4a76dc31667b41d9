package org.trustpool.hostagent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * swtpm's "TPM factory": {@code swtpm_setup} manufactures a TPM (its EK, persisted at 0x81010001)
 * and has {@code swtpm_localca} certify the EK with a local CA, root {@code swtpm-localca-rootca}
 * and intermediate {@code swtpm-localca}, the way a TPM vendor's factory does. We keep that CA
 * in a directory of our own (not the system-wide /var/lib/swtpm-localca) so that one data
 * directory is one world: the attestation service trusts exactly this root, and nothing outside
 * the data directory is written. The directory is 0700: it holds the CA's unencrypted signing keys.
 */
public final class SwtpmLocalCa {

    public static final String ROOT_CERT = "swtpm-localca-rootca-cert.pem";
    public static final String ISSUER_CERT = "issuercert.pem";
    static final String SETUP_CONF = "swtpm_setup.conf";
    static final String LOCALCA_CONF = "swtpm-localca.conf";
    static final String LOCALCA_OPTIONS = "swtpm-localca.options";
    static final String INSTALL_HINT = "apt-get install -y swtpm swtpm-tools";

    private final Path dir;

    private SwtpmLocalCa(Path dir) {
        this.dir = dir;
    }

    /** The CA in {@code dir}, its configuration written and the CA made (by swtpm_localca) if it has none yet. */
    public static SwtpmLocalCa ensure(Path dir) throws IOException {
        SwtpmLocalCa ca = new SwtpmLocalCa(PrivateDir.create(dir));
        ca.writeConfiguration();
        if (!Files.exists(ca.rootCertificate()) || !Files.exists(ca.issuerCertificate())) {
            // swtpm_localca makes its CA on first use; manufacturing a throw-away TPM is that first use.
            Path scratch = Files.createTempDirectory(ca.dir, "first-tpm-");
            try {
                ca.manufacture(scratch);
            } finally {
                deleteTree(scratch);
            }
            if (!Files.exists(ca.rootCertificate())) {
                throw new TpmException("swtpm_setup ran but made no CA certificate " + ca.rootCertificate());
            }
        }
        return ca;
    }

    public Path rootCertificate() {
        return dir.resolve(ROOT_CERT);
    }

    public Path issuerCertificate() {
        return dir.resolve(ISSUER_CERT);
    }

    Path directory() {
        return dir;
    }

    /**
     * Manufactures a TPM in {@code stateDir} (which must hold none yet): EK created and persisted,
     * its certificate signed by this CA and stored in NV index 0x1c00002, NV locked as at a factory.
     */
    void manufacture(Path stateDir) throws IOException {
        List<String> command = new ArrayList<>(List.of("swtpm_setup", "--tpm2",
                "--tpmstate", stateDir.toAbsolutePath().toString(),
                "--config", dir.resolve(SETUP_CONF).toString(),
                "--create-ek-cert", "--lock-nvram", "--not-overwrite"));
        Path log = dir.resolve("swtpm_setup.log");
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new TpmException("swtpm_setup cannot be run (" + INSTALL_HINT + "): " + e.getMessage());
        }
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TpmException("swtpm_setup did not finish within 120 s; see " + log);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TpmException("interrupted while swtpm_setup ran");
        }
        if (p.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new TpmException("swtpm_setup failed (exit code " + p.exitValue() + ") for " + stateDir + ": "
                    + String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size())));
        }
    }

    private void writeConfiguration() throws IOException {
        String localca = String.join("\n",
                "statedir = " + dir,
                "signingkey = " + dir.resolve("signkey.pem"),
                "issuercert = " + dir.resolve(ISSUER_CERT),
                "certserial = " + dir.resolve("certserial"), "");
        String options = String.join("\n",
                "--platform-manufacturer Trustpool",
                "--platform-version 1.0",
                "--platform-model swtpm", "");
        String setup = String.join("\n",
                "create_certs_tool = " + executable("swtpm_localca"),
                "create_certs_tool_config = " + dir.resolve(LOCALCA_CONF),
                "create_certs_tool_options = " + dir.resolve(LOCALCA_OPTIONS),
                // the bank our whitelist and quotes use
                "active_pcr_banks = sha256", "");
        writeIfChanged(dir.resolve(LOCALCA_CONF), localca);
        writeIfChanged(dir.resolve(LOCALCA_OPTIONS), options);
        writeIfChanged(dir.resolve(SETUP_CONF), setup);
    }

    private static void writeIfChanged(Path file, String text) throws IOException {
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    /** swtpm_setup runs the certificate tool by the path in its configuration: find it on PATH. */
    static String executable(String tool) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, tool))) {
                    return Path.of(entry, tool).toAbsolutePath().toString();
                }
            }
        }
        throw new TpmException(tool + " is not on PATH (" + INSTALL_HINT + ")");
    }

    private static void deleteTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
