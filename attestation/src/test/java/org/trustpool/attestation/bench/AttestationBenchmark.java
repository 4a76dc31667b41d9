package org.trustpool.attestation.bench;

import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.trustpool.attestation.poll.HttpAgentClient;
import org.trustpool.attestation.poll.PollHostsService;
import org.trustpool.attestation.poll.TrustLevel;
import org.trustpool.attestation.poll.Verdict;
import org.trustpool.attestation.store.AttestationMigrations;
import org.trustpool.attestation.store.AttestationStore;
import org.trustpool.attestation.store.JdbcAttestationStore;
import org.trustpool.attestation.store.RegisteredHost;
import org.trustpool.attestation.testing.SimulatedTpm;
import org.trustpool.attestation.testing.StubAgents;
import org.trustpool.attestation.verify.Aik;
import org.trustpool.attestation.verify.Challenge;
import org.trustpool.attestation.verify.CheckResult;
import org.trustpool.attestation.verify.Evidence;
import org.trustpool.attestation.verify.QuoteVerifier;
import org.trustpool.attestation.whitelist.Mle;
import org.trustpool.attestation.whitelist.MleType;
import org.trustpool.attestation.whitelist.WhitelistCheck;

/**
 * Not a test: figures for this machine.
 * <ol>
 * <li>Quote verifications per second (parse, nonce, selection, digest, RSA-2048 signature, whitelist),
 * on 1 thread and on all cores.</li>
 * <li>One PollHosts of 1,000 simulated hosts: in-process agents over real HTTP on 127.0.0.1
 * (each host its own simulated TPM, signing each quote on demand), the store on an embedded
 * PostgreSQL with the service's schema, the service's defaults (parallelism 16).</li>
 * </ol>
 * Run: {@code mvn -q -pl attestation test-compile exec:java} (from the repository root);
 * {@code -Dexec.args="2000 64"} sets the host count and the parallelism.
 */
public final class AttestationBenchmark {

    private static final QuoteVerifier VERIFIER = new QuoteVerifier();

    private AttestationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        System.out.printf("machine: %d cores, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        verificationsPerSecond();
        pollHosts(hosts, parallelism);
        System.exit(0);
    }

    private static SimulatedTpm booted(KeyPair key, boolean tampered) {
        SimulatedTpm tpm = new SimulatedTpm(key);
        for (int i = 0; i < 8; i++) {
            tpm.extend(i, "TrustpoolBIOS 1.0 component " + i);
        }
        tpm.extend(17, "SINIT").extend(18, "TrustpoolVMM 1.0").extend(19, tampered ? "swapped kernel" : "kernel");
        return tpm;
    }

    private static List<Mle> whitelist(SimulatedTpm reference) {
        List<Mle> mles = new ArrayList<>();
        for (MleType type : MleType.values()) {
            TreeMap<Integer, String> values = new TreeMap<>();
            type.pcrs().forEach(i -> values.put(i, reference.pcrHex(i)));
            mles.add(new Mle(type.ordinal() + 1, type, type == MleType.BIOS ? "TrustpoolBIOS" : "TrustpoolVMM", "1.0",
                    values, null));
        }
        return mles;
    }

    private static void verificationsPerSecond() throws Exception {
        KeyPair key = SimulatedTpm.newAik();
        SimulatedTpm tpm = booted(key, false);
        List<Mle> whitelist = whitelist(tpm);
        SecureRandom random = new SecureRandom();
        int n = 256;
        Challenge[] challenges = new Challenge[n];
        Evidence[] evidence = new Evidence[n];
        for (int i = 0; i < n; i++) {
            challenges[i] = Challenge.fresh(random);
            evidence[i] = tpm.quote(challenges[i].nonce(), challenges[i].pcrs());
        }
        RSAPublicKey aik = tpm.aikPublic();
        // what each simulated agent spends per quote (it signs with RSA-2048): the other side's cost in PollHosts
        long signStart = System.nanoTime();
        for (int i = 0; i < n; i++) {
            tpm.quote(challenges[i].nonce(), challenges[i].pcrs());
        }
        System.out.printf("simulated agent quote generation (RSA-2048 signing), 1 thread: %,.0f quotes/s%n",
                n / ((System.nanoTime() - signStart) / 1e9));
        // warm-up, so the JIT has compiled the path we measure
        runVerifications(challenges, evidence, aik, whitelist, Duration.ofSeconds(2));
        for (int threads : new int[] {1, Runtime.getRuntime().availableProcessors()}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> runVerifications(challenges, evidence, aik, whitelist, Duration.ofSeconds(4))));
            }
            long total = 0;
            for (Future<Long> f : done) {
                total += f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            System.out.printf("quote verification (structure, nonce, PCR selection, digest, RSA-2048 signature, whitelist):"
                    + " %d threads: %,.0f verifications/s (%,d in %.1f s)%n", threads, total / seconds, total, seconds);
        }
    }

    private static long runVerifications(Challenge[] challenges, Evidence[] evidence, RSAPublicKey aik, List<Mle> whitelist,
                                         Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long count = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < challenges.length; i++) {
                CheckResult r = VERIFIER.verify(challenges[i], evidence[i], aik);
                CheckResult w = WhitelistCheck.check("TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0", evidence[i].pcrValues(),
                        whitelist);
                if (!r.passed() || !w.passed()) {
                    throw new IllegalStateException("benchmark quote refused: " + r + " " + w);
                }
            }
            count += challenges.length;
        }
        return count;
    }

    private static void pollHosts(int count, int parallelism) throws Exception {
        // 16 keys shared round-robin: making 1,000 RSA keys would take longer than the benchmark;
        // each host is still verified against the key registered for it
        List<KeyPair> keys = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            keys.add(SimulatedTpm.newAik());
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setCleanDataDirectory(true).start();
             StubAgents agents = new StubAgents(Math.max(8, parallelism))) {
            AttestationMigrations.migrate(pg.getPostgresDatabase());
            // The service allows one AIK per name; this benchmark's 1,000 names share 16 keys (see
            // above), so it lifts that rule in its own throw-away database. Verification is unchanged.
            try (java.sql.Connection c = pg.getPostgresDatabase().getConnection(); java.sql.Statement st = c.createStatement()) {
                st.execute("drop index attestation.hosts_aik_sha256_key");
            }
            AttestationStore store = new JdbcAttestationStore(pg.getPostgresDatabase());
            whitelist(booted(keys.get(0), false)).forEach(store::addMle);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = String.format("bench-%04d", i);
                KeyPair key = keys.get(i % keys.size());
                // every 50th host boots a swapped kernel, so the run also produces untrusted verdicts
                agents.honest(name, booted(key, i % 50 == 49));
                URI url = agents.url(name);
                store.register(new RegisteredHost(name, url, (RSAPublicKey) key.getPublic(), Aik.toPem(key.getPublic()),
                        Aik.fingerprint(key.getPublic()), "TrustpoolBIOS", "1.0", "TrustpoolVMM", "1.0", null, null)
                        .withEk(org.trustpool.attestation.testing.InMemoryAttestationStore.standInEk(name), null, RegisteredHost.Approval.APPROVED));
                names.add(name);
            }
            // as the service has it (AttestationRuntime): a thread per core
            ExecutorService executor = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
            HttpAgentClient client = new HttpAgentClient(HttpAgentClient.newHttpClient(Duration.ofSeconds(30), executor),
                    new ObjectMapper());
            PollHostsService service = new PollHostsService(store, client, Duration.ofSeconds(60), parallelism,
                    new SecureRandom(), Clock.systemUTC());
            for (int run = 1; run <= 3; run++) {
                long start = System.nanoTime();
                List<Verdict> verdicts = service.poll(names);
                long millis = (System.nanoTime() - start) / 1_000_000;
                Map<TrustLevel, Long> levels = new EnumMap<>(TrustLevel.class);
                verdicts.forEach(v -> levels.merge(v.level(), 1L, Long::sum));
                System.out.printf("PollHosts of %,d hosts (parallelism %d, in-process agents over HTTP, PostgreSQL store),"
                        + " run %d: %,d ms %s%n", count, parallelism, run, millis, levels);
            }
            executor.shutdownNow();
        }
    }

}
