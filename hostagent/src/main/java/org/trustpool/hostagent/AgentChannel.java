package org.trustpool.hostagent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How an agent's JSON-RPC is reached: mutual TLS with a certificate from the engine CA (as VDSM
 * with oVirt's engine CA), or plain HTTP, which only an explicit --insecure-plain-http (tests) gives.
 * <p>
 * With TLS, {@code --tls-dir DIR} holds {@value #CA_CERT} (the engine CA, the only CA whose clients
 * are believed) and, per host, {@code NAME.p12} (its key and certificate, as the engine or
 * {@code trustpool issue-host-cert} issued them) with its password in {@code NAME.p12.password}
 * (a 0600 file; no secret is ever on a command line).
 */
public final class AgentChannel {
    public static final String CA_CERT = "ca.pem";
    public static final String USAGE = String.join(System.lineSeparator(),
            "  --tls-dir DIR        serve JSON-RPC over mutual TLS: DIR/ca.pem is the engine CA (clients must",
            "                       present a certificate from it), DIR/<name>.p12 + .p12.password each host's key",
            "  --insecure-plain-http  serve plain HTTP instead: anybody who reaches a port can drive its host (tests only)");

    private final Path dir;

    private AgentChannel(Path dir) {
        this.dir = dir;
    }

    public static AgentChannel insecurePlainHttp() {
        return new AgentChannel(null);
    }

    public static AgentChannel tls(Path dir) {
        return new AgentChannel(dir);
    }

    public boolean secure() {
        return dir != null;
    }

    public String scheme() {
        return secure() ? "https" : "http";
    }

    /** The context one host serves with and calls its peers (migration) with: its own key, the engine CA as the only trust. */
    public SSLContext contextFor(String hostName) throws IOException {
        if (!secure()) {
            return null;
        }
        Path keys = dir.resolve(hostName + ".p12");
        Path password = dir.resolve(hostName + ".p12.password");
        if (!Files.isRegularFile(keys) || !Files.isRegularFile(password)) {
            throw new IOException("no certificate for " + hostName + " in " + dir + " (" + keys.getFileName() + " and "
                    + password.getFileName() + " are needed; issue one with `trustpool issue-host-cert`)");
        }
        char[] secret = Files.readString(password, StandardCharsets.UTF_8).strip().toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keys)) {
                store.load(in, secret);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, secret);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int n = 0;
            for (X509Certificate ca : caCertificates()) {
                trust.setCertificateEntry("engine-ca-" + n++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the certificate of " + hostName + " in " + keys + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private List<X509Certificate> caCertificates() throws IOException, GeneralSecurityException {
        Path ca = dir.resolve(CA_CERT);
        if (!Files.isRegularFile(ca)) {
            throw new IOException("no engine CA certificate at " + ca);
        }
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(ca)) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
        }
        if (certs.isEmpty()) {
            throw new IOException(ca + " holds no certificate");
        }
        return certs;
    }

    /** Options this class owns, taken out of a simulator command line; the rest go to SimulatorOptions. */
    public record Parsed(AgentChannel channel, String[] rest) {
    }

    /**
     * @return the channel and the remaining arguments, or a null channel when neither option was given
     *         (the caller refuses to start: plain HTTP is never a default)
     */
    public static Parsed parse(String[] args) throws UsageException {
        List<String> rest = new ArrayList<>();
        Path tlsDir = null;
        boolean plain = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--insecure-plain-http")) {
                plain = true;
            } else if (a.equals("--tls-dir") || a.startsWith("--tls-dir=")) {
                String value = a.startsWith("--tls-dir=") ? a.substring("--tls-dir=".length()) : (i + 1 < args.length ? args[++i] : null);
                if (value == null || value.isBlank()) {
                    throw new UsageException("missing value for --tls-dir");
                }
                tlsDir = Path.of(value);
            } else {
                rest.add(a);
            }
        }
        if (plain && tlsDir != null) {
            throw new UsageException("--tls-dir and --insecure-plain-http exclude each other");
        }
        AgentChannel channel = plain ? insecurePlainHttp() : tlsDir != null ? tls(tlsDir) : null;
        return new Parsed(channel, rest.toArray(new String[0]));
    }
}
