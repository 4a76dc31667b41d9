package org.trustpool.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandLineTest {

    @TempDir
    Path tmp;

    private CommandLine.Parsed parse(String... args) throws UsageException {
        return CommandLine.parse(args, Map.of("HOME", tmp.toString()));
    }

    private String[] run(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "run";
        args[1] = "--dist";
        args[2] = tmp.toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return args;
    }

    @Test
    void vendorsEkCasAndTheApprovalPolicy() throws Exception {
        Path a = java.nio.file.Files.writeString(tmp.resolve("vendor-a.pem"), "x");
        Path b = java.nio.file.Files.writeString(tmp.resolve("vendor-b.pem"), "x");
        LaunchOptions o = parse(run("--trust-ek-ca", a.toString(), "--trust-ek-ca=" + b, "--ek-approval", "manual")).options();
        assertEquals(java.util.List.of(a, b), o.trustedEkCas());
        assertTrue(o.manualEkApproval());
        assertTrue(parse(run()).options().trustedEkCas().isEmpty());
        assertEquals(false, parse(run()).options().manualEkApproval());
        assertThrows(UsageException.class, () -> parse(run("--trust-ek-ca", tmp.resolve("missing.pem").toString())));
        assertThrows(UsageException.class, () -> parse(run("--ek-approval", "sometimes")));
    }

    @Test
    void defaults() throws Exception {
        LaunchOptions o = parse(run()).options();
        assertEquals(LaunchOptions.DEFAULT_PORT, o.port());
        assertEquals(4, o.hosts());
        assertTrue(o.demo());
        assertTrue(o.embeddedDatabase());
        assertEquals(15432, o.dbPort());
        assertEquals(54321, o.agentBasePort());
        assertEquals("127.0.0.1", o.bind());
        assertEquals(Path.of(System.getProperty("user.home"), ".trustpool"), o.dataDir());
        assertTrue(o.adminPassword().isEmpty());
    }

    @Test
    void everyOptionInBothSpellings() throws Exception {
        Path data = tmp.resolve("data");
        LaunchOptions o = parse(run("--data-dir", data.toString(), "--port=18080", "--hosts", "2", "--no-demo",
                "--db-port=15999", "--admin-password", "s3cret", "--agent-base-port", "55000", "--bind", "0.0.0.0",
                "--verbose")).options();
        assertEquals(data, o.dataDir());
        assertEquals(18080, o.port());
        assertEquals(18080 + 363, o.httpsPort());
        assertEquals(18080 + 1910, o.managementHttpPort());
        assertEquals(18080 + 1913, o.managementHttpsPort());
        assertEquals(2, o.hosts());
        assertFalse(o.demo());
        assertEquals(15999, o.dbPort());
        assertEquals("s3cret", o.adminPassword().orElseThrow());
        assertEquals(55000, o.agentBasePort());
        assertEquals("127.0.0.1", o.clientHost(), "a wildcard bind is reached through loopback");
        assertTrue(o.verbose());
    }

    @Test
    void swtpmHostIsAskedForAndTakesOnePortAfterTheSimulatedHosts() throws Exception {
        assertFalse(parse(run()).options().swtpmHost(), "off unless asked for");
        assertTrue(parse(run("--swtpm-host")).options().swtpmHost());
        assertUsage("--swtpm-host takes no value", run("--swtpm-host=yes"));
        parse(run("--agent-base-port", "65526", "--hosts", "10"));
        assertUsage("leaves no room for 10 host agents", run("--agent-base-port", "65526", "--hosts", "10", "--swtpm-host"));
    }

    @Test
    void externalDatabase() throws Exception {
        LaunchOptions o = parse(run("--db-url", "jdbc:postgresql://db:5432/engine", "--db-user", "engine",
                "--db-password", "pw", "--attestation-db-user", "attestation")).options();
        assertFalse(o.embeddedDatabase());
        assertEquals("jdbc:postgresql://db:5432/engine", o.dbUrl().orElseThrow());
        assertEquals("engine", o.dbUser().orElseThrow());
        assertEquals("pw", o.dbPassword().orElseThrow());
        assertEquals("attestation", o.attestationDbUser().orElseThrow());
    }

    @Test
    void theAttestationServicesRoleIsItsOwnAndItsPasswordNeverAnArgument() throws Exception {
        assertUsage("--db-url needs --attestation-db-user", run("--db-url", "jdbc:postgresql://db/engine", "--db-user", "engine"));
        assertUsage("must be another role", run("--db-url", "jdbc:postgresql://db/engine", "--db-user", "engine",
                "--attestation-db-user", "engine"));
        assertUsage("--attestation-db-user needs --db-url", run("--attestation-db-user", "attestation"));
        Path file = tmp.resolve("att-pw");
        java.nio.file.Files.writeString(file, "from-file\n");
        LaunchOptions fromFile = CommandLine.parse(run("--db-url", "jdbc:postgresql://db/engine", "--attestation-db-user", "att",
                "--attestation-db-password-file", file.toString()), Map.of()).options();
        assertEquals("from-file", fromFile.attestationDbPassword().orElseThrow());
        LaunchOptions fromEnv = CommandLine.parse(run("--db-url", "jdbc:postgresql://db/engine", "--attestation-db-user", "att"),
                Map.of("TRUSTPOOL_ATTESTATION_DB_PASSWORD", "from-env")).options();
        assertEquals("from-env", fromEnv.attestationDbPassword().orElseThrow());
    }

    @Test
    void databasePasswordFromEnvironmentOnlyWithUrl() throws Exception {
        Map<String, String> env = Map.of("TRUSTPOOL_DB_PASSWORD", "from-env");
        LaunchOptions external = CommandLine.parse(run("--db-url", "jdbc:postgresql://db/engine", "--attestation-db-user", "att"), env)
                .options();
        assertEquals("from-env", external.dbPassword().orElseThrow());
        LaunchOptions embedded = CommandLine.parse(run(), env).options();
        assertTrue(embedded.dbPassword().isEmpty());
    }

    @Test
    void homeIsExpandedInInlineValues() throws Exception {
        assertEquals(tmp.resolve("tp"), parse(run("--data-dir=~/tp")).options().dataDir());
    }

    @Test
    void stopTakesTheDataDirectory() throws Exception {
        CommandLine.Parsed p = parse("stop", "--dist", tmp.toString(), "--data-dir", tmp.resolve("x").toString());
        assertEquals(CommandLine.Command.STOP, p.command());
        assertEquals(tmp.resolve("x"), p.dataDir());
        assertThrows(UsageException.class, () -> parse("stop", "--port", "1"));
    }

    @Test
    void help() throws Exception {
        assertEquals(CommandLine.Command.HELP, parse("--help").command());
        assertEquals(CommandLine.Command.HELP, parse("help").command());
        assertEquals(CommandLine.Command.HELP, parse("run", "--port", "8080", "-h").command());
    }

    @Test
    void badUsageSaysWhat() {
        assertUsage("unknown command 'start'", "start");
        assertUsage("unknown option --prot", run("--prot", "1"));
        assertUsage("--port needs a value", run("--port"));
        assertUsage("--port needs a number, not 'http'", run("--port", "http"));
        assertUsage("--port must be between 1 and 65535, not 0", run("--port", "0"));
        assertUsage("--port must be between 1 and 65535, not 70000", run("--port", "70000"));
        assertUsage("--port 65000 is too high", run("--port", "65000"));
        assertUsage("--hosts must be between 0 and 1000, not 1001", run("--hosts", "1001"));
        assertUsage("--hosts must be between 0 and 1000, not -1", run("--hosts", "-1"));
        assertUsage("--agent-base-port must be between 1 and 65535", run("--agent-base-port", "0"));
        assertUsage("leaves no room for 10 host agents", run("--agent-base-port", "65530", "--hosts", "10"));
        assertUsage("--db-port must be between 1 and 65535 (or 0 for any free port), not 99999", run("--db-port", "99999"));
        assertUsage("--db-port is for the embedded database", run("--db-url", "jdbc:postgresql://x/y", "--db-port", "5432"));
        assertUsage("--db-user and --db-password need --db-url", run("--db-user", "u"));
        assertUsage("--db-url must be a PostgreSQL JDBC URL", run("--db-url", "jdbc:mysql://x/y"));
        assertUsage("--no-demo takes no value", run("--no-demo=yes"));
        assertUsage("unexpected argument 'extra'", run("extra"));
        assertUsage("--admin-password must not be empty", run("--admin-password", ""));
    }

    @Test
    void dataDirectoryMustBeWritable() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertUsage("is not a directory", run("--data-dir", file.toString()));
        assertUsage("cannot be created", run("--data-dir", file.resolve("below").toString()));
    }

    @Test
    void exitCodeTwoOnBadUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Launcher.execute(new String[] {"run", "--hosts", "9999", "--dist", tmp.toString()}, Map.of(), new PrintStream(out), new PrintStream(err));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--hosts must be between 0 and 1000"));
        assertEquals(2, Launcher.execute(new String[0], Map.of(), new PrintStream(out), new PrintStream(err)));
        assertEquals(0, Launcher.execute(new String[] {"--help"}, Map.of(), new PrintStream(out), new PrintStream(err)));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage: trustpool <command> [options]"));
    }

    private void assertUsage(String expected, String... args) {
        UsageException e = assertThrows(UsageException.class, () -> parse(args));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void severalEngineNodes() throws Exception {
        LaunchOptions one = parse(run()).options();
        assertEquals(1, one.nodes());
        assertFalse(one.clustered(), "one node keeps the single-engine profile");
        assertEquals("trustpool-1", one.nodeName());
        assertEquals(7600, one.jgroupsPort());
        assertEquals(7700, one.jgroupsFdPort());
        LaunchOptions two = parse(run("--nodes", "2", "--jgroups-port=31600", "--jgroups-fd-port", "31700",
                "--management-port", "31900", "--port", "31080")).options();
        assertEquals(2, two.nodes());
        assertTrue(two.clustered());
        assertEquals(31600, two.jgroupsPort());
        assertEquals(31700, two.jgroupsFdPort());
        assertEquals(31900, two.managementHttpPort());
        assertEquals(31903, two.managementHttpsPort());
        LaunchOptions alone = parse(run("--cluster", "--node-name", "trustpool-east", "--cluster-bind", "10.0.0.12")).options();
        assertEquals(1, alone.nodes());
        assertTrue(alone.clustered(), "--cluster: one node that joins others");
        assertEquals("trustpool-east", alone.nodeName());
        assertEquals("10.0.0.12", alone.clusterBind());
        // a new --port moves a management port that was only the default distance from the old one
        assertEquals(20080 + 1910, one.toBuilder().port(20080).build().managementHttpPort());
        assertEquals(31900, two.toBuilder().port(20080).build().managementHttpPort());
    }

    @Test
    void badNodeOptionsSayWhat() {
        assertUsage("--nodes must be between 1 and 4, not 5", run("--nodes", "5"));
        assertUsage("--nodes must be between 1 and 4, not 0", run("--nodes", "0"));
        assertUsage("--nodes needs a number, not 'two'", run("--nodes", "two"));
        assertUsage("--cluster takes no value", run("--cluster=yes"));
        assertUsage("--node-name is for a single node", run("--nodes", "2", "--node-name", "east"));
        assertUsage("--node-name must be 1-23 letters", run("--node-name", "a b"));
        assertUsage("--node-name must be 1-23 letters", run("--node-name", "x".repeat(24)));
        assertUsage("--management-port 31080 collides with the HTTP or HTTPS port", run("--port", "31080", "--management-port", "31080"));
        assertUsage("--management-port 31440 collides", run("--port", "31080", "--management-port", "31440"));
        assertUsage("--jgroups-port and --jgroups-fd-port overlap", run("--nodes", "3", "--jgroups-port", "31600", "--jgroups-fd-port", "31602"));
        assertUsage("--jgroups-port must be between 1 and 65535", run("--jgroups-port", "0"));
        assertUsage("stop takes only --data-dir, not --nodes", "stop", "--nodes", "2");
    }
}
