package org.trustpool.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The launcher's stand-in for oVirt's host-deploy: before the simulator starts, each simulated host
 * gets a certificate from the engine CA (kept across runs while valid) naming the address the engine
 * reaches it at. The simulated hosts all listen on the loopback address, so their certificates name
 * the same address; a real host's names its own (see `trustpool issue-host-cert`).
 */
final class SimulatedHostCertificates {
    static final String DIR = "hosts-tls";
    /** Where the simulator listens (its default --bind) and how the demo adds its hosts. */
    static final List<String> ADDRESSES = List.of("127.0.0.1", "localhost");

    private SimulatedHostCertificates() {
    }

    /** @return the simulator options that make it serve over mutual TLS with these certificates */
    static List<String> issue(EngineCa ca, Path dataDir, int hosts) throws IOException {
        Path dir = dataDir.resolve(EngineCa.DIR).resolve(DIR);
        for (int i = 1; i <= hosts; i++) {
            ca.ensureHost(dir, HostAgentProcess.hostName(i), ADDRESSES);
        }
        return List.of("--tls-dir", dir.toString());
    }
}
