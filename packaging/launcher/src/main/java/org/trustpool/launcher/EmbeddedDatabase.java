package org.trustpool.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * A real PostgreSQL (zonky's binaries) whose data lives in DATA/pgdata and survives restarts:
 * initdb runs only when the directory has no cluster yet.
 */
final class EmbeddedDatabase implements Database {

    static final String DATABASE = "engine";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final String version;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port, String version) {
        this.postgres = postgres;
        this.port = port;
        this.version = version;
    }

    static EmbeddedDatabase start(Path pgData, int requestedPort, Path logFile) throws IOException {
        // normally already done in step 1; kept here for a direct caller
        Optional<ProcessHandle> leftover = leftoverPostmaster(pgData);
        if (leftover.isPresent()) {
            ChildProcess.terminate(leftover.get(), Duration.ofSeconds(30));
        }
        int port = requestedPort != 0 ? requestedPort : freePort();
        Files.createDirectories(logFile.getParent());
        ProcessBuilder.Redirect log = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // our shutdown hook stops it, after WildFly has let go of its connections
                    .setRegisterShutdownHook(false)
                    // zonky tunes for throw-away test databases; this one keeps real data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("embedded PostgreSQL did not start on port " + port + ": " + Sql.reason(e)
                    + "\n" + ChildProcess.tail(logFile, 15), e);
        }
        try {
            String version = createDatabaseIfMissing(postgres);
            return new EmbeddedDatabase(postgres, port, version);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(postgres);
            throw new LaunchException("cannot create database '" + DATABASE + "': " + Sql.reason(e), e);
        }
    }

    private static String createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            boolean exists;
            try (PreparedStatement ps = c.prepareStatement("select 1 from pg_database where datname = ?")) {
                ps.setString(1, DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("create database " + DATABASE + " encoding 'UTF8'");
                }
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show server_version")) {
                rs.next();
                return "PostgreSQL " + rs.getString(1).split(" ")[0];
            }
        }
    }

    /**
     * A postmaster still running on DATA/pgdata (its launcher was killed with SIGKILL) would make
     * this start fail; it is ours to stop. (SIGTERM is PostgreSQL's "smart" shutdown.)
     */
    static Optional<ProcessHandle> leftoverPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).strip());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // failing start; the original error matters more
        }
    }

    int port() {
        return port;
    }

    @Override
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return null;
    }

    @Override
    public String description() {
        return version + " on port " + port;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // pg_ctl stop failed; the next start stops the leftover postmaster
        }
    }
}
