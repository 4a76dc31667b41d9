package org.trustpool.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** Starting and stopping the processes the launcher owns (WildFly, the host-agent simulator). */
final class ChildProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ChildProcess() {
    }

    /**
     * The command, in a session of its own when setsid exists. Ctrl-C in a terminal signals
     * the whole foreground process group; children outside it are left to the launcher's
     * shutdown hook, which stops them in order (agents, then WildFly, then PostgreSQL).
     * setsid execs in place (a Java child is no group leader), so the pid stays the command's.
     */
    static List<String> detached(List<String> command) {
        if (!Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> result = new ArrayList<>();
        result.add(SETSID.toString());
        result.addAll(command);
        return result;
    }

    /** SIGTERM, then after {@code grace} SIGKILL to the process and everything it started. */
    static void stop(Process process, Duration grace) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        if (process.isAlive()) {
            process.destroy();
            try {
                process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // forced below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (process.isAlive()) {
            process.descendants().forEach(tree::add);
            process.destroyForcibly();
        }
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
            }
        }
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // nothing more we can do
        }
    }

    /**
     * Processes left behind by an earlier launcher that was killed with SIGKILL: they run
     * in sessions of their own, so nothing stopped them. Recognised by a marker that only
     * they carry on their command line (a path inside this data directory).
     */
    static List<ProcessHandle> leftovers(Predicate<String> commandLineMatches) {
        long self = ProcessHandle.current().pid();
        return ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self)
                .filter(p -> p.info().commandLine().map(commandLineMatches::test).orElse(false))
                .toList();
    }

    static void terminate(ProcessHandle handle, Duration grace) {
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            handle.destroyForcibly();
        }
    }

    /** The last lines of a log, for error messages that point at the cause. */
    static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - start)];
            raf.seek(start);
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            int from = Math.max(0, all.length - lines);
            StringBuilder sb = new StringBuilder();
            for (int i = from; i < all.length; i++) {
                sb.append("    | ").append(all[i].replaceAll("\u001B\\[[0-9;]*m", "")).append('\n');
            }
            return sb.toString();
        } catch (IOException e) {
            return "";
        }
    }
}
