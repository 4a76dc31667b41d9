package org.trustpool.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * `run --swtpm-host`: one more demo host, {@value #NAME}, in a host-agent process of its own with
 * {@code --tpm swtpm}: its TPM is a real swtpm (state, EK and AK in DATA/hosts/swtpm/NAME), driven
 * through tpm2-tools. Its EK certificate comes from swtpm's local CA, kept in DATA/swtpm-localca
 * and made before the service starts trusting it, so the host's enrollment never meets an
 * untrusted CA. Where swtpm or tpm2-tools are missing, the launcher says so and goes on without it.
 */
final class SwtpmHost {

    static final String NAME_PREFIX = "host-swtpm-";
    static final String NAME = NAME_PREFIX + "01";
    static final String CA_DIR = "swtpm-localca";
    static final String INSTALL = "apt-get install -y swtpm swtpm-tools tpm2-tools";
    /** What the agent runs: swtpm_setup/swtpm_localca to manufacture, swtpm itself, the tpm2-tools it calls. */
    static final List<String> TOOLS = List.of("swtpm", "swtpm_setup", "swtpm_localca", "tpm2_createak", "tpm2_readpublic",
            "tpm2_evictcontrol", "tpm2_nvread", "tpm2_pcrextend", "tpm2_pcrread", "tpm2_quote", "tpm2_startauthsession",
            "tpm2_policysecret", "tpm2_activatecredential", "tpm2_flushcontext", "tpm2_startup", "tpm2_getcap");

    private SwtpmHost() {
    }

    /** The tools not found on PATH; empty when a swtpm host can run here. */
    static List<String> missingTools() {
        List<String> missing = new ArrayList<>();
        String path = System.getenv("PATH");
        for (String tool : TOOLS) {
            boolean found = false;
            if (path != null) {
                for (String dir : path.split(File.pathSeparator)) {
                    if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                        found = true;
                        break;
                    }
                }
            }
            if (!found) {
                missing.add(tool);
            }
        }
        return missing;
    }

    static Path caDir(Path dataDir) {
        return dataDir.resolve(CA_DIR);
    }

    /** The local CA's root certificate, which the service trusts while the swtpm host runs (the agent's SwtpmLocalCa.ROOT_CERT). */
    static Path rootCertificate(Path dataDir) {
        return caDir(dataDir).resolve("swtpm-localca-rootca-cert.pem");
    }

    /** Makes swtpm's local CA (if none yet) through the host agent; returns its root certificate file. */
    static Path initCa(Path hostAgentJar, Path dataDir) throws InterruptedException {
        String printed = HostAgentFeatures.run(hostAgentJar, List.of("--init-swtpm-ca", caDir(dataDir).toString()), true);
        if (printed == null || printed.isBlank()) {
            throw new LaunchException("the host agent could not make swtpm's local CA in " + caDir(dataDir)
                    + " (does this host-agent build know --init-swtpm-ca?)");
        }
        return Path.of(printed.strip());
    }

    /** The host's agent, serving on {@code port}; its TLS certificate is issued like the simulated hosts'. */
    static HostAgentProcess start(Path hostAgentJar, EngineCa engineCa, Path dataDir, int port, Path log,
                                  List<String> attestationArgs, boolean tls) throws IOException, InterruptedException {
        List<String> extra = new ArrayList<>(attestationArgs);
        extra.addAll(List.of("--tpm", "swtpm", "--swtpm-ca-dir", caDir(dataDir).toString()));
        if (tls) {
            Path dir = dataDir.resolve(EngineCa.DIR).resolve(SimulatedHostCertificates.DIR);
            engineCa.ensureHost(dir, NAME, SimulatedHostCertificates.ADDRESSES);
            extra.addAll(List.of("--tls-dir", dir.toString(), "--allow-tamper-control"));
        }
        // the same --data-dir as the simulated hosts: one place for host ids, and a killed launcher's leftovers
        // are found by it (HostAgentProcess.leftovers)
        return HostAgentProcess.start(hostAgentJar, NAME_PREFIX, 1, port, dataDir.resolve("hosts"), log,
                Duration.ofSeconds(90), extra);
    }
}
