package org.trustpool.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.postgresql.PGConnection;

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
 *
 * <p>Every connection, local or TCP, authenticates with a password (scram-sha-256 in pg_hba.conf).
 * Three roles, each with a generated password in a 0600 file of the data directory:
 * {@code postgres} (superuser, only the launcher uses it, to set up the others), {@code engine}
 * (owns the engine's database and its objects) and {@code attestation} (owns the schema
 * {@code attestation}; no rights on the engine's tables, and the engine has none on its schema).
 * A data directory of an earlier version (trust authentication, everything owned by postgres) is
 * brought to this state at its first start here.
 */
final class EmbeddedDatabase implements Database {

    static final String DATABASE = "engine";
    static final String SUPERUSER = "postgres";
    static final String USER = "engine";
    static final String ATTESTATION_USER = "attestation";
    static final String ATTESTATION_SCHEMA = "attestation";
    static final String SUPERUSER_PASSWORD_FILE = "db-postgres-password";
    static final String ENGINE_PASSWORD_FILE = "db-engine-password";
    static final String ATTESTATION_PASSWORD_FILE = "db-attestation-password";
    /** First line of the pg_hba.conf we write; without it the file is initdb's (trust) or an earlier version's. */
    static final String HBA_MARKER = "# trustpool: password (scram-sha-256) for every connection";

    private final EmbeddedPostgres postgres;
    private final int port;
    private final String version;
    private final String enginePassword;
    private final String attestationPassword;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port, String version, String enginePassword,
                             String attestationPassword) {
        this.postgres = postgres;
        this.port = port;
        this.version = version;
        this.enginePassword = enginePassword;
        this.attestationPassword = attestationPassword;
    }

    static EmbeddedDatabase start(Path pgData, int requestedPort, Path logFile) throws IOException {
        // normally already done in step 1; kept here for a direct caller
        Optional<ProcessHandle> leftover = leftoverPostmaster(pgData);
        if (leftover.isPresent()) {
            ChildProcess.terminate(leftover.get(), Duration.ofSeconds(30));
        }
        int port = requestedPort != 0 ? requestedPort : freePort();
        Files.createDirectories(logFile.getParent());
        Path dataDir = pgData.toAbsolutePath().getParent();
        String superuserPassword = SecretFile.kept(dataDir.resolve(SUPERUSER_PASSWORD_FILE));
        String enginePassword = SecretFile.kept(dataDir.resolve(ENGINE_PASSWORD_FILE));
        String attestationPassword = SecretFile.kept(dataDir.resolve(ATTESTATION_PASSWORD_FILE));
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
                    // zonky's own connections (its readiness check, getPostgresDatabase) log in as
                    // postgres; its password goes in the connection properties, never on a command line
                    .setConnectConfig("password", superuserPassword)
                    .setOutputRedirector(log)
                    .setErrorRedirector(log)
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new LaunchException("embedded PostgreSQL did not start on port " + port + ": " + Sql.reason(e)
                    + "\n" + ChildProcess.tail(logFile, 15), e);
        }
        try {
            String version = createDatabaseIfMissing(postgres);
            setUpRoles(postgres, pgData, superuserPassword, enginePassword, attestationPassword);
            return new EmbeddedDatabase(postgres, port, version, enginePassword, attestationPassword);
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(postgres);
            String reason = Sql.reason(e);
            if (reason.contains("password authentication failed")) {
                reason += " (the passwords are in " + dataDir.resolve(SUPERUSER_PASSWORD_FILE) + " and beside it; a lost one"
                        + " cannot be recovered from the database)";
            }
            throw new LaunchException("cannot set up database '" + DATABASE + "': " + reason, e);
        }
    }

    /**
     * Idempotent, at every start: the roles exist with the passwords of their files, the engine's
     * role owns its database and every object in it but the attestation schema, which the
     * attestation role owns; then pg_hba.conf asks everyone for a password. The passwords are set
     * as SCRAM verifiers computed here (PgJDBC's alterUserPassword), so no plain password travels
     * to the server or could land in its log.
     */
    private static void setUpRoles(EmbeddedPostgres postgres, Path pgData, String superuserPassword, String enginePassword,
                                   String attestationPassword) throws SQLException, IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            pg.alterUserPassword(SUPERUSER, superuserPassword.toCharArray(), "scram-sha-256");
            for (String[] role : new String[][] {{USER, enginePassword}, {ATTESTATION_USER, attestationPassword}}) {
                if (!exists(c, "select 1 from pg_roles where rolname = ?", role[0])) {
                    try (Statement s = c.createStatement()) {
                        s.execute("create role " + role[0] + " login nosuperuser nocreatedb nocreaterole noinherit");
                    }
                }
                pg.alterUserPassword(role[0], role[1].toCharArray(), "scram-sha-256");
            }
            try (Statement s = c.createStatement()) {
                s.execute("alter database " + DATABASE + " owner to " + USER);
                s.execute("alter role " + ATTESTATION_USER + " set search_path = " + ATTESTATION_SCHEMA);
            }
        }
        try (Connection c = postgres.getDatabase(SUPERUSER, DATABASE).getConnection(); Statement s = c.createStatement()) {
            s.execute("create schema if not exists " + ATTESTATION_SCHEMA + " authorization " + ATTESTATION_USER);
            s.execute("alter schema " + ATTESTATION_SCHEMA + " owner to " + ATTESTATION_USER);
            // An earlier version made everything as postgres; each role gets what is its own.
            s.execute(reassign("public", USER));
            s.execute(reassign(ATTESTATION_SCHEMA, ATTESTATION_USER));
            // Nobody else may use the attestation schema (the owner needs no grant); public's CREATE
            // right for everyone (PostgreSQL before 15) goes too, so the service cannot add objects there.
            s.execute("revoke all on schema " + ATTESTATION_SCHEMA + " from public");
            s.execute("revoke create on schema public from public");
        }
        writeHba(pgData);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("select pg_reload_conf()");
        }
    }

    /** Hands every table, view, sequence and routine of the schema that postgres owns to the role. */
    static String reassign(String schema, String role) {
        return ("do $$ declare r record; begin"
                + " for r in select c.oid::regclass as obj, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                + "   where n.nspname = '%1$s' and c.relowner = 'postgres'::regrole and c.relkind in ('r','p','v','m','f','S')"
                + "   and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a','i')))"
                + " loop execute format(case r.relkind when 'v' then 'alter view %%s owner to %2$s'"
                + "   when 'm' then 'alter materialized view %%s owner to %2$s' when 'S' then 'alter sequence %%s owner to %2$s'"
                + "   when 'f' then 'alter foreign table %%s owner to %2$s' else 'alter table %%s owner to %2$s' end, r.obj);"
                + " end loop;"
                + " for r in select p.oid::regprocedure as obj from pg_proc p join pg_namespace n on n.oid = p.pronamespace"
                + "   where n.nspname = '%1$s' and p.proowner = 'postgres'::regrole"
                + " loop execute format('alter routine %%s owner to %2$s', r.obj); end loop;"
                + " end $$").formatted(schema, role);
    }

    /** scram-sha-256 for every connection: the Unix socket and loopback TCP; any other address has no line, so is refused. */
    static void writeHba(Path pgData) throws IOException {
        String hba = HBA_MARKER + "\n"
                + "# written by the Trustpool launcher at each start; the passwords are in the data directory (0600 files)\n"
                + "# TYPE  DATABASE  USER  ADDRESS       METHOD\n"
                + "local   all       all                 scram-sha-256\n"
                + "host    all       all   127.0.0.1/32  scram-sha-256\n"
                + "host    all       all   ::1/128       scram-sha-256\n";
        Path file = pgData.resolve("pg_hba.conf");
        if (!Files.isRegularFile(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(hba)) {
            SecretFile.write(file, hba);
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
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
        return enginePassword;
    }

    @Override
    public String attestationUser() {
        return ATTESTATION_USER;
    }

    @Override
    public String attestationPassword() {
        return attestationPassword;
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
