package org.trustpool.hostagent;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the simulator as a separate JVM, exactly as a launcher would. */
class SimulatorProcessTest {

    private static final Pattern HOST_LINE = Pattern.compile(
            "HOST (host-\\d{2}) ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}) "
                    + "(http://127\\.0\\.0\\.1:\\d+/jsonrpc)");

    @Test
    void printsHostLinesThenReadyAndStopsCleanlyOnTerminate(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process process = launch(stderr, "--hosts", "2", "--base-port", "0", "--insecure-plain-http");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<URI> urls = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                String line = out.readLine();
                assertNotNull(line, "simulator ended early");
                Matcher m = HOST_LINE.matcher(line);
                assertTrue(m.matches(), line);
                assertEquals("host-0" + i, m.group(1));
                urls.add(URI.create(m.group(3)));
            }
            assertEquals("READY 2", out.readLine());

            Rpc rpc = new Rpc();
            assertEquals("host-02", rpc.result(urls.get(1), "Host.getCapabilities").get("hostName").asText());

            process.destroy(); // SIGTERM: the shutdown hook must stop the servers
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "simulator did not stop");
            String err = Files.readString(stderr);
            assertTrue(err.contains("stopped 2 host(s)"), err);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void badOptionExitsWithCode2(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        Process process = launch(stderr, "--no-such-option");
        try {
            assertTrue(process.waitFor(20, TimeUnit.SECONDS));
            assertEquals(2, process.exitValue());
            assertEquals("", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            String err = Files.readString(stderr);
            assertTrue(err.contains("Usage:"), err);
        } finally {
            process.destroyForcibly();
        }
    }

    /** stderr goes to a file: Process.destroy() closes the pipes before we could read them. */
    private static Process launch(Path stderr, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Simulator.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.redirectError(stderr.toFile());
        return builder.start();
    }
}
