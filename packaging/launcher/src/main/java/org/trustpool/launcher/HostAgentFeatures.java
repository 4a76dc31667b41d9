package org.trustpool.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the host-agent simulator at hand can do, read from its --help. The simulator refuses
 * options it does not know, so the launcher passes the attestation options only to one that
 * lists them (an older build still runs, just without attestation).
 */
record HostAgentFeatures(boolean attestation, boolean tamper, boolean printGoodPcrs, boolean tls) {

    static final HostAgentFeatures NONE = new HostAgentFeatures(false, false, false, false);

    static HostAgentFeatures probe(Path jar) throws InterruptedException {
        String help = run(jar, List.of("--help"), false);
        if (help == null) {
            return NONE;
        }
        return parse(help);
    }

    static HostAgentFeatures parse(String help) {
        // enrollment: the token from a file (never on our command line) and EK certificates from a manufacturer CA
        return new HostAgentFeatures(help.contains("--attestation-url") && help.contains("--attestation-token-file")
                        && help.contains("--ek-ca-dir"),
                help.contains("--tamper"), help.contains("--print-good-pcrs"), help.contains("--tls-dir"));
    }

    /** The simulator's standard output for these arguments, or null when it failed (or, if asked, exited non-zero). */
    static String run(Path jar, List<String> args, boolean requireSuccess) throws InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(1 << 20);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 || !requireSuccess ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
