package org.trustpool.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.trustpool.launcher.LaunchOptions;
import org.trustpool.launcher.Launcher;
import org.trustpool.launcher.TrustpoolSystem;

/** Starts the real system with the launcher (embedded PostgreSQL, WildFly with the EAR) for a test class. */
final class SystemUnderTest {
    static final Path DIST = Path.of(System.getProperty("trustpool.dist", "../launcher/target/dist"));
    static final Path WORK = Path.of(System.getProperty("trustpool.it.work", "target/it-work"));
    /** The engine's HTTP port; WildFly also takes +363, +1910 and +1913. Two runs side by side need different ones. */
    static final int PORT = Integer.getInteger("trustpool.it.port", 18080);
    /**
     * The embedded PostgreSQL's port and the first host agent's, above the engine's HTTP port. Each test class
     * has an HTTP port of its own, 100 apart, and these stay below the next one's. Fixed, not a port the kernel
     * just handed out: such a port lies in the kernel's ephemeral range (32768-60999), where any outgoing
     * connection of the machine may take it between the launcher's check and the bind (the benchmark's simulated
     * hosts lost theirs so once); 18080-21000 is below it.
     */
    static final int DB_OFFSET = 50;
    static final int AGENT_OFFSET = 60;

    private SystemUnderTest() {
    }

    static Path freshDir(String name) throws IOException {
        Path dir = WORK.resolve(name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    static TrustpoolSystem start(Path dataDir, int port) throws IOException {
        LaunchOptions options = LaunchOptions.builder()
                .dataDir(dataDir)
                .dist(DIST.toAbsolutePath())
                .port(port)
                .dbPort(port + DB_OFFSET)
                .hosts(0)
                .demo(false)
                .adminPassword("it-admin-password")
                .deployTimeout(Duration.ofMinutes(4))
                .build();
        return Launcher.start(options);
    }

    /**
     * What `trustpool run` starts, in a fresh data directory: the demo with this many simulated hosts, the
     * launcher's own simulator and its ports free ones.
     */
    static LaunchOptions.Builder demoOptions(String name, int port, int hosts) throws IOException {
        return LaunchOptions.builder()
                .dataDir(freshDir(name))
                .dist(DIST.toAbsolutePath())
                .port(port)
                .dbPort(port + DB_OFFSET)
                .agentBasePort(port + AGENT_OFFSET)
                .hosts(hosts)
                .demo(true)
                .adminPassword("it-admin-password")
                .deployTimeout(Duration.ofMinutes(4));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits for a condition, polling; fails with the last observed value. */
    static <T> T await(String what, Duration timeout, Supplier<T> observe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = observe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = observe.get();
        }
        return last;
    }
}
