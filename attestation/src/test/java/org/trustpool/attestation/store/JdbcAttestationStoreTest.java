package org.trustpool.attestation.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.trustpool.attestation.poll.TrustLevel;
import org.trustpool.attestation.poll.Verdict;
import org.trustpool.attestation.testing.SimulatedTpm;
import org.trustpool.attestation.verify.Aik;
import org.trustpool.attestation.whitelist.Mle;
import org.trustpool.attestation.whitelist.MleType;

/** The schema, its stored procedures and the store, on a real PostgreSQL. */
class JdbcAttestationStoreTest {

    private static EmbeddedPostgres pg;
    private static DataSource dataSource;
    private static KeyPair key1;
    private static KeyPair key2;
    private JdbcAttestationStore store;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
        dataSource = pg.getPostgresDatabase();
        MigrateResult first = AttestationMigrations.migrate(dataSource);
        assertTrue(first.migrationsExecuted >= 3, "V1 and both procedure files: " + first.migrationsExecuted);
        key1 = SimulatedTpm.newAik();
        key2 = SimulatedTpm.newAik();
    }

    @AfterAll
    static void stop() throws Exception {
        if (pg != null) {
            pg.close();
        }
    }

    @BeforeEach
    void clean() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate attestation.hosts, attestation.mles, attestation.enrollment_challenges, attestation.ek_cas cascade");
        }
        store = new JdbcAttestationStore(dataSource);
    }

    private static RegisteredHost host(String name, KeyPair key, String url, String vmmVersion) {
        return new RegisteredHost(name, URI.create(url), (RSAPublicKey) key.getPublic(), Aik.toPem(key.getPublic()),
                Aik.fingerprint(key.getPublic()), "TrustpoolBIOS", "1.0", "TrustpoolVMM", vmmVersion, null, null);
    }

    @Test
    void migratingAgainChangesNothingAndLeavesThePublicSchemaAlone() throws Exception {
        assertEquals(0, AttestationMigrations.migrate(dataSource).migrationsExecuted);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("select count(*) from information_schema.tables where table_schema = 'public'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "nothing of ours in the engine's schema");
        }
    }

    @Test
    void registrationCreatedUnchangedUpdatedConflict() {
        assertEquals(AttestationStore.Outcome.CREATED, store.register(host("h1", key1, "http://127.0.0.1:1/jsonrpc", "1.0")));
        assertEquals(AttestationStore.Outcome.UNCHANGED, store.register(host("h1", key1, "http://127.0.0.1:1/jsonrpc", "1.0")));
        assertEquals(AttestationStore.Outcome.UPDATED, store.register(host("h1", key1, "http://127.0.0.1:2/jsonrpc", "1.1")));
        // another AIK under the same name: refused, and nothing changed
        assertEquals(AttestationStore.Outcome.CONFLICT, store.register(host("h1", key2, "http://evil:3/jsonrpc", "1.1")));
        RegisteredHost stored = store.host("h1").orElseThrow().host();
        assertEquals(Aik.fingerprint(key1.getPublic()), stored.aikFingerprint());
        assertEquals("http://127.0.0.1:2/jsonrpc", stored.agentUrl().toString());
        assertEquals("1.1", stored.vmmVersion());
        assertEquals(key1.getPublic(), stored.aik());
        assertTrue(store.findHosts(List.of("h1", "nope")).containsKey("h1"));
        assertEquals(1, store.findHosts(List.of("h1", "nope")).size());
    }

    @Test
    void verdictsAreKeptWithTheirReasonAndGoWithTheHost() {
        store.register(host("h1", key1, "http://127.0.0.1:1/jsonrpc", "1.0"));
        store.register(host("h2", key2, "http://127.0.0.1:2/jsonrpc", "1.0"));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.saveVerdicts(List.of(
                new Verdict("h1", TrustLevel.UNTRUSTED, at, "whitelist", "PCR 18 expected aa, seen bb"),
                new Verdict("h2", TrustLevel.TRUSTED, at, null, null),
                new Verdict("deleted-meanwhile", TrustLevel.TIMEOUT, at, "transport", "x")));
        Verdict v = store.host("h1").orElseThrow().lastVerdict();
        assertEquals(TrustLevel.UNTRUSTED, v.level());
        assertEquals("whitelist", v.check());
        assertEquals("PCR 18 expected aa, seen bb", v.reason());
        assertEquals(at, v.vtime());
        store.saveVerdicts(List.of(new Verdict("h1", TrustLevel.TRUSTED, at.plusSeconds(1), null, null)));
        assertNull(store.host("h1").orElseThrow().lastVerdict().reason());
        assertEquals(2, store.hosts().size());

        assertTrue(store.deleteHost("h1"));
        assertFalse(store.deleteHost("h1"));
        assertTrue(store.host("h1").isEmpty());
        // re-keying after the administrator's delete (not with h2's key: one AIK, one name)
        assertEquals(AttestationStore.Outcome.CONFLICT, store.register(host("h1", key2, "http://127.0.0.1:1/jsonrpc", "1.0")));
        assertEquals(AttestationStore.Outcome.CREATED,
                store.register(host("h1", SimulatedTpm.newAik(), "http://127.0.0.1:1/jsonrpc", "1.0")));
        assertNull(store.host("h1").orElseThrow().lastVerdict(), "the old verdict went with the old registration");
    }

    @Test
    void whitelistCreatedUnchangedConflictAndDelete() {
        TreeMap<Integer, String> pcrs = new TreeMap<>();
        pcrs.put(17, "11".repeat(32));
        pcrs.put(18, "22".repeat(32));
        Mle vmm = new Mle(0, MleType.VMM, "TrustpoolVMM", "1.0", pcrs, null);
        AttestationStore.MleOutcome created = store.addMle(vmm);
        assertEquals(AttestationStore.Outcome.CREATED, created.outcome());
        assertEquals(pcrs, created.mle().pcrs());
        assertTrue(created.mle().id() > 0);

        AttestationStore.MleOutcome again = store.addMle(vmm);
        assertEquals(AttestationStore.Outcome.UNCHANGED, again.outcome());
        assertEquals(created.mle().id(), again.mle().id());

        TreeMap<Integer, String> other = new TreeMap<>(pcrs);
        other.put(18, "33".repeat(32));
        AttestationStore.MleOutcome conflict = store.addMle(new Mle(0, MleType.VMM, "TrustpoolVMM", "1.0", other, null));
        assertEquals(AttestationStore.Outcome.CONFLICT, conflict.outcome());
        assertEquals(pcrs, conflict.mle().pcrs(), "the existing values stay");

        TreeMap<Integer, String> fewer = new TreeMap<>(pcrs);
        fewer.remove(18);
        assertEquals(AttestationStore.Outcome.CONFLICT,
                store.addMle(new Mle(0, MleType.VMM, "TrustpoolVMM", "1.0", fewer, null)).outcome());

        AttestationStore.MleOutcome v11 = store.addMle(new Mle(0, MleType.VMM, "TrustpoolVMM", "1.1", other, null));
        assertEquals(AttestationStore.Outcome.CREATED, v11.outcome());
        assertNotEquals(created.mle().id(), v11.mle().id());
        assertEquals(2, store.mles().size());

        assertTrue(store.deleteMle(created.mle().id()));
        assertFalse(store.deleteMle(created.mle().id()));
        assertEquals(List.of("1.1"), store.mles().stream().map(Mle::version).toList());
    }

    private static RegisteredHost enrolled(String name, KeyPair aik, String ek, String url) {
        return host(name, aik, url, "1.0").withEk(ek, "-----BEGIN CERTIFICATE-----\n...", RegisteredHost.Approval.PENDING);
    }

    @Test
    void oneEkAndOneAikPerNameDecidedInTheDatabase() {
        String ekA = "a".repeat(64);
        String ekB = "b".repeat(64);
        Enrollment.Binding created = store.bind(enrolled("h1", key1, ekA, "http://127.0.0.1:1/jsonrpc"), RegisteredHost.Approval.APPROVED);
        assertEquals(AttestationStore.Outcome.CREATED, created.outcome());
        assertEquals(ekA, store.host("h1").orElseThrow().host().ekFingerprint());
        assertEquals(RegisteredHost.Approval.APPROVED, store.host("h1").orElseThrow().host().approval());

        Enrollment.Binding ekTaken = store.bind(enrolled("h2", key2, ekA, "http://127.0.0.1:2/jsonrpc"), RegisteredHost.Approval.APPROVED);
        assertEquals(Enrollment.Conflict.EK_TAKEN, ekTaken.conflict());
        assertEquals("h1", ekTaken.holder());
        Enrollment.Binding aikTaken = store.bind(enrolled("h2", key1, ekB, "http://127.0.0.1:2/jsonrpc"), RegisteredHost.Approval.APPROVED);
        assertEquals(Enrollment.Conflict.AIK_TAKEN, aikTaken.conflict());
        assertEquals("h1", aikTaken.holder());
        Enrollment.Binding nameTaken = store.bind(enrolled("h1", key2, ekB, "http://127.0.0.1:1/jsonrpc"), RegisteredHost.Approval.APPROVED);
        assertEquals(Enrollment.Conflict.NAME_TAKEN, nameTaken.conflict());
        assertEquals(ekA, nameTaken.holder());
        assertTrue(store.host("h2").isEmpty());

        // same EK, new AIK (a TPM clear): updated, the old verdict dropped, the approval kept
        store.saveVerdicts(List.of(new Verdict("h1", TrustLevel.TRUSTED, Instant.now(), null, null)));
        assertEquals(AttestationStore.Outcome.UPDATED,
                store.bind(enrolled("h1", key2, ekA, "http://127.0.0.1:1/jsonrpc"), RegisteredHost.Approval.PENDING).outcome());
        HostRecord r = store.host("h1").orElseThrow();
        assertEquals(Aik.fingerprint(key2.getPublic()), r.host().aikFingerprint());
        assertNull(r.lastVerdict());
        assertEquals(RegisteredHost.Approval.APPROVED, r.host().approval());
        assertTrue(store.setApproval("h1", RegisteredHost.Approval.REJECTED));
        assertEquals(RegisteredHost.Approval.REJECTED, store.host("h1").orElseThrow().host().approval());
        assertFalse(store.setApproval("nope", RegisteredHost.Approval.APPROVED));
    }

    @Test
    void challengesAreSingleUseBoundedAndSupersededPerName() {
        RegisteredHost h = enrolled("h1", key1, "c".repeat(64), "http://127.0.0.1:1/jsonrpc");
        Instant expires = Instant.now().plusSeconds(60);
        Enrollment.Issued first = store.issueChallenge(new Enrollment.PendingChallenge("1".repeat(32), h, "d".repeat(64), expires),
                java.time.Duration.ofSeconds(60), 2);
        assertEquals(Enrollment.ChallengeOutcome.ISSUED, first.outcome());
        // a newer challenge for the same name replaces it
        store.issueChallenge(new Enrollment.PendingChallenge("2".repeat(32), h, "d".repeat(64), expires), java.time.Duration.ofSeconds(60), 2);
        assertTrue(store.consumeChallenge("1".repeat(32)).isEmpty());
        store.issueChallenge(new Enrollment.PendingChallenge("3".repeat(32),
                enrolled("h3", key2, "e".repeat(64), "http://127.0.0.1:3/jsonrpc"), "d".repeat(64), expires),
                java.time.Duration.ofSeconds(60), 2);
        Enrollment.Issued busy = store.issueChallenge(new Enrollment.PendingChallenge("4".repeat(32),
                enrolled("h4", SimulatedTpm.newAik(), "f".repeat(64), "http://127.0.0.1:4/jsonrpc"), "d".repeat(64), expires),
                java.time.Duration.ofSeconds(60), 2);
        assertEquals(Enrollment.ChallengeOutcome.BUSY, busy.outcome());

        Enrollment.PendingChallenge taken = store.consumeChallenge("2".repeat(32)).orElseThrow();
        assertEquals("h1", taken.host().name());
        assertEquals("c".repeat(64), taken.host().ekFingerprint());
        assertEquals("d".repeat(64), taken.secretSha256());
        assertTrue(store.consumeChallenge("2".repeat(32)).isEmpty(), "single use");

        // bound already with exactly this: nothing to prove
        store.bind(h, RegisteredHost.Approval.APPROVED);
        assertEquals(Enrollment.ChallengeOutcome.UNCHANGED, store.issueChallenge(new Enrollment.PendingChallenge("5".repeat(32), h,
                "d".repeat(64), expires), java.time.Duration.ofSeconds(60), 10).outcome());
        // a conflict is found before any challenge is made
        Enrollment.Issued conflict = store.issueChallenge(new Enrollment.PendingChallenge("6".repeat(32),
                enrolled("other", key1, "9".repeat(64), "http://x:1/jsonrpc"), "d".repeat(64), expires), java.time.Duration.ofSeconds(60), 10);
        assertEquals(Enrollment.ChallengeOutcome.CONFLICT, conflict.outcome());
        assertEquals(Enrollment.Conflict.AIK_TAKEN, conflict.conflict());
    }

    @Test
    void trustedEkCasAreKept() {
        org.trustpool.attestation.testing.TestPki.Ca ca = org.trustpool.attestation.testing.TestPki.Ca.root("vendor");
        Enrollment.EkCa entry = new Enrollment.EkCa(org.trustpool.attestation.enroll.EkCertificates.fingerprint(ca.cert()),
                ca.cert().getSubjectX500Principal().getName(), ca.cert().getNotAfter().toInstant(),
                org.trustpool.attestation.testing.TestPki.pem(ca.cert()), null, ca.cert());
        assertEquals(AttestationStore.Outcome.CREATED, store.addEkCa(entry));
        assertEquals(AttestationStore.Outcome.UNCHANGED, store.addEkCa(entry));
        assertEquals(List.of(ca.cert()), store.ekCas().stream().map(Enrollment.EkCa::certificate).toList());
        assertTrue(store.deleteEkCa(entry.sha256()));
        assertFalse(store.deleteEkCa(entry.sha256()));
        assertTrue(store.ekCas().isEmpty());
    }
}
