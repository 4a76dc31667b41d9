package org.trustpool.launcher;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The host-agent simulator (one process playing N hosts). Its standard output is read to the
 * end, always: the HOST/READY lines tell us the hosts, everything goes to DATA/log/hostagent.log,
 * and a pipe nobody drains would block the simulator once full.
 */
final class HostAgentProcess implements AutoCloseable {

    static final String NAME_PREFIX = "host-";
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final Thread reader;
    private final List<SimulatedHost> hosts;

    private HostAgentProcess(Process process, Thread reader, List<SimulatedHost> hosts) {
        this.process = process;
        this.reader = reader;
        this.hosts = hosts;
    }

    /** A simulator of an earlier launcher that was killed: recognised by its --data-dir. */
    static List<ProcessHandle> leftovers(Path hostsDir) {
        String marker = "--data-dir " + hostsDir;
        return ChildProcess.leftovers(cmd -> cmd.contains("trustpool-hostagent") && cmd.contains(marker));
    }

    static HostAgentProcess start(Path jar, int count, int basePort, Path hostsDir, Path log, Duration timeout)
            throws IOException, InterruptedException {
        return start(jar, count, basePort, hostsDir, log, timeout, List.of());
    }

    /** @param extraArgs more simulator options (attestation service, tampered hosts) */
    static HostAgentProcess start(Path jar, int count, int basePort, Path hostsDir, Path log, Duration timeout,
                                  List<String> extraArgs) throws IOException, InterruptedException {
        return start(jar, NAME_PREFIX, count, basePort, hostsDir, log, timeout, extraArgs);
    }

    /** @param namePrefix the hosts are named namePrefix01, namePrefix02 ... */
    static HostAgentProcess start(Path jar, String namePrefix, int count, int basePort, Path hostsDir, Path log,
                                  Duration timeout, List<String> extraArgs) throws IOException, InterruptedException {
        Files.createDirectories(hostsDir);
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(),
                "--hosts", Integer.toString(count),
                "--base-port", Integer.toString(basePort),
                "--data-dir", hostsDir.toString(),
                "--name-prefix", namePrefix));
        command.addAll(extraArgs);
        Process process = new ProcessBuilder(ChildProcess.detached(command))
                .directory(hostsDir.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();

        List<SimulatedHost> hosts = new ArrayList<>();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        BufferedWriter logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        Thread reader = new Thread(() -> pump(process, logWriter, hosts, ready), "hostagent-output");
        reader.setDaemon(true);
        reader.start();

        HostAgentProcess agents = new HostAgentProcess(process, reader, hosts);
        try {
            int announced = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (hosts) {
                if (announced != hosts.size() || announced != count) {
                    throw new LaunchException("the host-agent simulator announced " + hosts.size() + " hosts and READY "
                            + announced + ", but " + count + " were asked for; see " + log);
                }
            }
            return agents;
        } catch (TimeoutException e) {
            agents.close();
            throw new LaunchException("the host-agent simulator was not READY within " + timeout.toSeconds() + " s; see "
                    + log + "\n" + ChildProcess.tail(log, 15));
        } catch (ExecutionException e) {
            agents.close();
            throw new LaunchException(e.getCause().getMessage() + "; see " + log + "\n" + ChildProcess.tail(log, 15));
        } catch (LaunchException | InterruptedException e) {
            agents.close();
            throw e;
        }
    }

    private static void pump(Process process, BufferedWriter log, List<SimulatedHost> hosts, CompletableFuture<Integer> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter out = log) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.newLine();
                out.flush();
                if (ready.isDone()) {
                    continue;
                }
                AgentLine parsed = AgentLine.parse(line);
                if (parsed instanceof AgentLine.Host h) {
                    synchronized (hosts) {
                        hosts.add(h.host());
                    }
                } else if (parsed instanceof AgentLine.Ready r) {
                    ready.complete(r.count());
                } else if (parsed instanceof AgentLine.Malformed m) {
                    ready.completeExceptionally(new LaunchException(
                            "the host-agent simulator printed '" + m.line().strip() + "': " + m.reason()));
                }
            }
        } catch (IOException e) {
            // the process went away; handled below
        }
        if (!ready.isDone()) {
            int code;
            try {
                code = process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = -1;
            }
            ready.completeExceptionally(new LaunchException("the host-agent simulator exited (exit code " + code
                    + ") before it was READY"));
        }
    }

    /** The name the simulator gives its n-th host (1-based), e.g. host-04. */
    static String hostName(int n) {
        return NAME_PREFIX + String.format("%02d", n);
    }

    List<SimulatedHost> hosts() {
        synchronized (hosts) {
            return List.copyOf(hosts);
        }
    }

    Process process() {
        return process;
    }

    @Override
    public void close() {
        ChildProcess.stop(process, GRACE);
        try {
            reader.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
