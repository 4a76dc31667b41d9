package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point: plays N hosts in one process, each a {@link SimulatedHost} (with its software
 * TPM, measured at a simulated boot) behind its own {@link JsonRpcServer}; optionally registers
 * them with the attestation service. Only parses options and wires things together.
 * <p>
 * stdout carries one {@code HOST <name> <uuid> <url>} line per host, then {@code READY <n>};
 * a launcher parses these, so nothing else is ever printed there.
 */
public final class Simulator implements AutoCloseable {

    /** A started host: its model plus where it can be reached. */
    public record RunningHost(SimulatedHost host, URI url, JsonRpcServer server) {

        public String name() {
            return host.name();
        }

        public UUID id() {
            return host.id();
        }
    }

    /** Makes the registrar for --attestation-url; tests substitute one with short backoff. */
    @FunctionalInterface
    interface RegistrarFactory {
        AttestationRegistrar create(URI baseUrl, String token, ObjectMapper mapper);
    }

    private final List<RunningHost> hosts;
    private final AttestationRegistrar registrar;
    private final List<CompletableFuture<AttestationRegistrar.Outcome>> registrations;
    /** The swtpm instances this process started (none with the software TPM); stopped last. */
    private final List<SwtpmTpm> swtpms;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Simulator(List<RunningHost> hosts, AttestationRegistrar registrar,
                      List<CompletableFuture<AttestationRegistrar.Outcome>> registrations, List<SwtpmTpm> swtpms) {
        this.swtpms = List.copyOf(swtpms);
        this.hosts = List.copyOf(hosts);
        this.registrar = registrar;
        this.registrations = List.copyOf(registrations);
    }

    /** Plain HTTP: for tests that are not about the channel. */
    public static Simulator start(SimulatorOptions options) throws IOException {
        return start(options, AgentChannel.insecurePlainHttp());
    }

    public static Simulator start(SimulatorOptions options, AgentChannel channel) throws IOException {
        return start(options, AttestationRegistrar::withDefaults, channel);
    }

    static Simulator start(SimulatorOptions options, RegistrarFactory registrarFactory) throws IOException {
        return start(options, registrarFactory, AgentChannel.insecurePlainHttp());
    }

    static Simulator start(SimulatorOptions options, RegistrarFactory registrarFactory, AgentChannel channel) throws IOException {
        ObjectMapper mapper = Json.newMapper();
        // Plain HTTP: one client for all hosts (thread-safe, with a selector thread of its own).
        JsonRpcClient plainPeers = channel.secure() ? null : new JsonRpcClient(mapper);
        HostIdStore ids = options.dataDir() == null ? null : new HostIdStore(options.dataDir());
        InetAddress bind = InetAddress.getByName(options.bind());
        boolean swtpm = options.tpm() == SimulatorOptions.TpmBackend.SWTPM;
        // swtpm makes its keys inside the TPM; only software TPMs need ours
        List<KeyPair> aiks = swtpm ? null
                : attestationKeys(options, options.dataDir() == null ? null : new AikStore(options.dataDir()));
        List<KeyPair> eks = swtpm ? null : attestationKeys(options, options.dataDir() == null ? null
                : AikStore.forEndorsementKeys(options.dataDir()));
        SwtpmLocalCa swtpmCa = swtpm ? SwtpmLocalCa.ensure(options.effectiveSwtpmCaDir()) : null;
        ManufacturerCa manufacturer = options.ekCaDir() == null ? null : ManufacturerCa.load(options.ekCaDir());
        List<RunningHost> started = new ArrayList<>();
        List<SwtpmTpm> swtpms = new ArrayList<>();
        try {
            for (int i = 1; i <= options.hosts(); i++) {
                String name = options.hostName(i);
                UUID id = ids == null ? UUID.randomUUID() : ids.loadOrCreate(name);
                Tpm tpm;
                if (swtpm) {
                    SwtpmTpm real = SwtpmTpm.start(options.dataDir().resolve("swtpm").resolve(name), swtpmCa);
                    swtpms.add(real);
                    tpm = real;
                    Log.info(name + ": TPM is " + real.describe());
                } else {
                    tpm = new SoftwareTpm(aiks.get(i - 1), eks.get(i - 1));
                }
                boolean tampered = options.tamper().contains(name);
                MeasuredBoot.boot(tpm, options.platform(), tampered);
                if (tampered) {
                    Log.info(name + ": booted with a tampered kernel (--tamper)");
                }
                SimulatedHost host = new SimulatedHost(id, name, options.capacity(), tpm);
                JsonRpcDispatcher dispatcher = new JsonRpcDispatcher(mapper);
                javax.net.ssl.SSLContext tls = channel.contextFor(name);
                java.util.function.Supplier<JsonRpcClient> peers = tls == null ? () -> plainPeers : lazyClient(mapper, tls);
                new HostAgent(host, peers, options.allowTamperControl(), options.delayQuoteMs()).measuring(options.platform())
                        .registerOn(dispatcher);
                int port = options.basePort() == 0 ? 0 : options.basePort() + i - 1;
                JsonRpcServer server;
                try {
                    server = JsonRpcServer.start(new InetSocketAddress(bind, port), dispatcher, mapper, name, tls);
                } catch (IOException e) {
                    throw new IOException("cannot listen on " + options.bind() + ":" + port + " for " + name
                            + ": " + e.getMessage(), e);
                }
                started.add(new RunningHost(host, endpoint(channel.scheme(), options.bind(), server.port()), server));
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(h -> h.server().close());
            swtpms.forEach(SwtpmTpm::close);
            if (e instanceof TpmException t) {
                throw new IOException(t.getMessage(), t);
            }
            throw e;
        }
        // Only now: the service may challenge a host as soon as it is registered, so it must be listening.
        AttestationRegistrar registrar = null;
        List<CompletableFuture<AttestationRegistrar.Outcome>> registrations = new ArrayList<>();
        if (options.attestationUrl() != null) {
            registrar = registrarFactory.create(options.attestationUrl(), options.attestationToken(), mapper);
            for (RunningHost h : started) {
                Tpm tpm = h.host().tpm();
                registrations.add(registrar.register(h.name(), AttestationRegistrar.body(h.name(), h.url(), tpm,
                        ekCertificatePem(manufacturer, tpm, h.name()), options.platform()), tpm));
            }
        }
        return new Simulator(started, registrar, registrations, swtpms);
    }

    /**
     * The TPM's EK certificate as its manufacturer issued it. Without a manufacturer (no
     * --ek-ca-dir) a throw-away CA made here issues it: a verifier refuses it as not chaining to a
     * trusted EK CA, which is the truth about such a TPM.
     */
    static String ekCertificatePem(ManufacturerCa manufacturer, Tpm tpm, String hostName) throws IOException {
        java.util.Optional<String> own = tpm.ekCertificateChainPem();
        if (own.isPresent()) {
            return own.get(); // the TPM's manufacturer certified it (swtpm_setup's local CA)
        }
        ManufacturerCa issuer = manufacturer;
        if (issuer == null) {
            Log.info("warning: " + hostName + ": no --ek-ca-dir, so no trusted manufacturer certifies its EK;"
                    + " the attestation service will refuse it");
            issuer = ManufacturerCa.throwAway("uncertified TPM of " + hostName);
        }
        try {
            return Pem.encode("CERTIFICATE", issuer.issueEkCertificate(tpm.ekPublic(), "TPM of " + hostName).getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IOException("cannot encode the EK certificate of " + hostName, e);
        }
    }

    /**
     * Loads or makes every host's key of one kind (AIKs, EKs), in parallel: RSA-2048 key
     * generation costs tens of milliseconds each, which adds up with hundreds of hosts.
     */
    private static List<KeyPair> attestationKeys(SimulatorOptions options, AikStore store) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<KeyPair>> futures = new ArrayList<>();
            for (int i = 1; i <= options.hosts(); i++) {
                String name = options.hostName(i);
                futures.add(pool.submit(() -> {
                    try {
                        return store == null ? AikStore.generate() : store.loadOrCreate(name);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }));
            }
            List<KeyPair> keys = new ArrayList<>();
            for (Future<KeyPair> f : futures) {
                keys.add(f.get());
            }
            return keys;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException("cannot set up attestation keys: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while setting up attestation keys");
        } finally {
            pool.shutdownNow();
        }
    }

    public List<RunningHost> hosts() {
        return hosts;
    }

    /** One per host when --attestation-url is set (in host order), otherwise empty. */
    List<CompletableFuture<AttestationRegistrar.Outcome>> registrations() {
        return registrations;
    }

    public void printAnnouncement(PrintStream out) {
        for (RunningHost h : hosts) {
            out.println("HOST " + h.name() + " " + h.id() + " " + h.url());
        }
        out.println("READY " + hosts.size());
        out.flush();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (registrar != null) {
                registrar.close();
            }
            hosts.forEach(h -> h.server().close());
            swtpms.forEach(SwtpmTpm::close);
            Log.info("stopped " + hosts.size() + " host(s)");
            stopped.countDown();
        }
    }

    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    static URI endpoint(String bind, int port) {
        return endpoint("http", bind, port);
    }

    static URI endpoint(String scheme, String bind, int port) {
        // IPv6 literals need brackets inside a URL.
        String host = bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        return URI.create(scheme + "://" + host + ":" + port + JsonRpcServer.PATH);
    }

    private static java.util.function.Supplier<JsonRpcClient> lazyClient(ObjectMapper mapper, javax.net.ssl.SSLContext tls) {
        return new java.util.function.Supplier<>() {
            private JsonRpcClient client;

            @Override
            public synchronized JsonRpcClient get() {
                if (client == null) {
                    client = new JsonRpcClient(mapper, tls);
                }
                return client;
            }
        };
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        // Only exit explicitly on failure: after a normal stop we are already inside JVM shutdown,
        // where System.exit would block forever.
        if (code != 0) {
            System.exit(code);
        }
    }

    /** @return the process exit code (2 = usage error, 1 = could not start, 0 = stopped normally) */
    static int run(String[] args, PrintStream out, PrintStream err) {
        SimulatorOptions options;
        AgentChannel channel;
        java.nio.file.Path initEkCa = null;
        if (args.length == 2 && args[0].equals("--init-ek-ca")) {
            // an action of its own, taking only the directory: the launcher makes the demo CA with it
            initEkCa = java.nio.file.Path.of(args[1]);
            args = new String[0];
        }
        if (args.length == 2 && args[0].equals("--init-swtpm-ca")) {
            // the launcher makes swtpm's local CA this way before the service is told to trust it
            try {
                out.println(SwtpmLocalCa.ensure(java.nio.file.Path.of(args[1])).rootCertificate());
                out.flush();
                return 0;
            } catch (IOException | TpmException e) {
                err.println("hostagent: " + e.getMessage());
                return 1;
            }
        }
        try {
            AgentChannel.Parsed parsed = AgentChannel.parse(args);
            options = SimulatorOptions.parse(parsed.rest());
            channel = parsed.channel();
            if (channel == null && !options.help() && !options.printGoodPcrs() && initEkCa == null) {
                throw new UsageException("give --tls-dir DIR (certificates from the engine CA) or, for tests only, --insecure-plain-http");
            }
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(SimulatorOptions.USAGE);
            err.println(AgentChannel.USAGE);
            return 2;
        }
        if (options.help()) {
            out.println(SimulatorOptions.USAGE);
            out.println(AgentChannel.USAGE);
            return 0;
        }
        if (initEkCa != null) {
            try {
                ManufacturerCa.loadOrCreate(initEkCa, "Trustpool demo TPM manufacturer CA");
                out.println(initEkCa.resolve(ManufacturerCa.CERT_FILE));
                out.flush();
                return 0;
            } catch (IOException e) {
                err.println("hostagent: " + e.getMessage());
                return 1;
            }
        }
        if (options.printGoodPcrs()) {
            try {
                // One line, so a launcher can read it like the HOST/READY lines.
                out.println(Json.newMapper().writeValueAsString(MeasuredBoot.goodPcrsDocument(options.platform())));
            } catch (IOException e) {
                err.println("hostagent: " + e.getMessage());
                return 1;
            }
            out.flush();
            return 0;
        }
        Simulator simulator;
        try {
            simulator = start(options, channel);
        } catch (IOException e) {
            err.println("hostagent: cannot start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "hostagent-shutdown"));
        Log.info("started " + options.hosts() + " host(s) on " + options.bind());
        simulator.printAnnouncement(out);
        try {
            simulator.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
