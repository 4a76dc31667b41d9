package org.trustpool.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One host-agent simulator process playing one host that registers with the attestation
 * service, optionally booted tampered or slow to quote; a test kills it like a crashed host.
 */
final class AttestedAgent implements AutoCloseable {
    final Process process;
    final String name;
    final URI url;

    private AttestedAgent(Process process, String name, URI url) {
        this.process = process;
        this.name = name;
        this.url = url;
    }

    /**
     * The TPM manufacturer CA of the tests' agents, made in {@code dir} by the simulator itself (as
     * the launcher makes the demo's); the caller makes the service trust its certificate.
     */
    static Path manufacturer(Path jar, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--init-ek-ca", dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("--init-ek-ca failed: " + out);
        }
        return dir;
    }

    /** @param ekCaDir the manufacturer CA that certifies this agent's EK (see {@link #manufacturer}) */
    static AttestedAgent start(Path jar, String namePrefix, URI attestationUrl, String token, Path ekCaDir, List<String> extra)
            throws IOException {
        // the token goes in an owner-only file, never on the agent's command line
        Path tokenFile = java.nio.file.Files.createTempFile(ekCaDir, "registration-token", ".txt",
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        java.nio.file.Files.writeString(tokenFile, token);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--hosts", "1", "--base-port", "0", "--name-prefix", namePrefix,
                "--attestation-url", attestationUrl.toString(), "--attestation-token-file", tokenFile.toString(),
                "--ek-ca-dir", ekCaDir.toString()));
        command.addAll(extra);
        if (!extra.contains("--tls-dir")) {
            // tests of the attestation service alone, not of the engine's host channel
            command.add("--insecure-plain-http");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String host = null;
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.startsWith("HOST ")) {
                host = line;
            } else if (line.startsWith("READY")) {
                break;
            }
        }
        if (host == null) {
            process.destroyForcibly();
            throw new IllegalStateException("host agent did not start:\n" + seen);
        }
        // keep draining its output, or a full pipe would stall the agent
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // discarded
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "agent-output-" + namePrefix);
        drain.setDaemon(true);
        drain.start();
        String[] parts = host.split(" ");
        return new AttestedAgent(process, parts[1], URI.create(parts[3]));
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
