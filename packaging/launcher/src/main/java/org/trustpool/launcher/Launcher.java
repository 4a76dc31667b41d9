package org.trustpool.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code trustpool run | stop | help}: one command for PostgreSQL, WildFly with Trustpool, the
 * simulated hosts and the demo. Tests use {@link #start(LaunchOptions)}, the same code path.
 */
public final class Launcher {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;
    private static final long STOP_TIMEOUT_SECONDS = 120;

    private Launcher() {
    }

    /**
     * Starts everything and returns once the engine answers and (unless the options say no
     * demo) the simulated hosts are Up. Close the result to stop it all.
     *
     * @throws LaunchException with a one-line reason when a step fails; whatever had been
     *                         started is stopped again by then
     */
    public static TrustpoolSystem start(LaunchOptions options) {
        return TrustpoolSystem.start(options, System.getenv());
    }

    /**
     * What `trustpool issue-host-cert` does: a host agent certificate from the engine CA of this data
     * directory (made if there is none yet), written to outDir as NAME.p12, NAME.p12.password and ca.pem,
     * the directory an agent's --tls-dir takes.
     */
    public static void issueHostCertificate(java.nio.file.Path dataDir, String name, java.util.List<String> addresses,
                                            java.nio.file.Path outDir) throws java.io.IOException {
        EngineCa.loadOrCreate(dataDir).issueHost(outDir, name, addresses);
    }

    public static void main(String[] args) {
        int code = execute(args, System.getenv(), System.out, System.err);
        System.exit(code);
    }

    public static int execute(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(CommandLine.USAGE);
            return USAGE;
        }
        if (args[0].equals(HostControl.TAMPER) || args[0].equals(HostControl.HEAL)) {
            return HostControl.execute(args[0], java.util.List.of(args).subList(1, args.length), out, err);
        }
        if (args[0].equals(IssueHostCert.COMMAND)) {
            return IssueHostCert.execute(java.util.List.of(args).subList(1, args.length), out, err);
        }
        CommandLine.Parsed parsed;
        try {
            parsed = CommandLine.parse(args, env);
        } catch (UsageException e) {
            err.println("trustpool: " + e.getMessage());
            err.println("Run `trustpool --help` for the commands and options.");
            return USAGE;
        }
        switch (parsed.command()) {
            case HELP -> {
                out.println(CommandLine.USAGE);
                return OK;
            }
            case STOP -> {
                return stop(parsed.dataDir(), out, err);
            }
            default -> {
                return run(parsed.options(), env, err);
            }
        }
    }

    /** start, then wait: the shutdown hook stops everything on Ctrl-C or SIGTERM. */
    private static int run(LaunchOptions options, Map<String, String> env, PrintStream err) {
        logToFile(options.dataDir());
        TrustpoolSystem system;
        try {
            // the reason is shown as soon as a step fails, before the lines of the clean-up
            system = TrustpoolSystem.start(options, env, e -> report(err, e, options.verbose()));
        } catch (RuntimeException | Error e) {
            return FAILURE;
        }
        options.out().print(system.summary(true));
        options.out().flush();

        String reason = system.unexpectedExit().join();
        // Reached only when WildFly or the simulator died by itself: the rest cannot go on.
        err.println("trustpool: " + reason + "; stopping everything else");
        system.close();
        return FAILURE;
    }

    /** SIGTERM to the launcher named in DATA/trustpool.pid, then wait: its shutdown hook does the rest. */
    static int stop(Path dataDir, PrintStream out, PrintStream err) {
        Optional<ProcessHandle> owner = InstanceLock.liveOwner(dataDir);
        if (owner.isEmpty()) {
            Path pidFile = dataDir.resolve(InstanceLock.PID_FILE);
            boolean stale = Files.exists(pidFile);
            if (stale) {
                try {
                    Files.deleteIfExists(pidFile);
                } catch (IOException ignored) {
                    // reported as stale anyway
                }
            }
            out.println("Trustpool is not running with data directory " + dataDir + (stale ? " (removed a stale pid file)" : ""));
            return OK;
        }
        ProcessHandle p = owner.get();
        if (p.pid() == ProcessHandle.current().pid()) {
            err.println("trustpool: refusing to stop this very process");
            return FAILURE;
        }
        out.println("Stopping Trustpool (pid " + p.pid() + ") ...");
        if (!p.destroy()) {
            err.println("trustpool: cannot signal pid " + p.pid() + " (not ours to stop?)");
            return FAILURE;
        }
        long start = System.nanoTime();
        CountDownLatch exited = new CountDownLatch(1);
        p.onExit().thenRun(exited::countDown);
        try {
            for (long waited = 0; waited < STOP_TIMEOUT_SECONDS; waited += 5) {
                if (exited.await(5, TimeUnit.SECONDS)) {
                    out.println("Trustpool stopped in " + Progress.seconds(System.nanoTime() - start) + ".");
                    return OK;
                }
                out.println("  still stopping (" + (waited + 5) + " s): the engine stops gracefully first");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        err.println("trustpool: pid " + p.pid() + " still runs after " + STOP_TIMEOUT_SECONDS + " s; `kill -9 " + p.pid()
                + "` forces it (the next `trustpool run` stops what it leaves behind)");
        return FAILURE;
    }

    private static void report(PrintStream err, Throwable e, boolean verbose) {
        err.println("trustpool: error: " + (e.getMessage() != null ? e.getMessage().stripTrailing() : e.toString()));
        if (verbose) {
            e.printStackTrace(err);
        } else if (!(e instanceof LaunchException) || e.getCause() != null) {
            err.println("(--verbose shows the stack trace)");
        }
    }

    /**
     * The libraries' own logging (zonky, Flyway) goes to DATA/log/launcher.log, keeping the
     * console for the progress lines. Must run before any of them creates a logger.
     */
    private static void logToFile(Path dataDir) {
        Path log = dataDir.resolve("log").resolve("launcher.log");
        try {
            InstanceLock.createPrivateDirectory(dataDir);
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            return; // then the libraries log to stderr; the start will report the real problem
        }
        setDefault("org.slf4j.simpleLogger.logFile", log.toString());
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss.SSS");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
