package org.trustpool.vdsbroker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the engine talks to host agents: mutual TLS with certificates from the engine CA (as oVirt's
 * engine talks to VDSM), or, only when explicitly asked for in tests, plain HTTP.
 * <p>
 * The engine presents its client certificate (issued by the engine CA), so an agent can refuse
 * anybody else; it believes an agent only when the agent's certificate chains to the engine CA
 * (the truststore holds that CA alone, not the JDK's public CAs) and names the address the engine
 * dials (HTTPS endpoint identification), so neither another CA's certificate nor another host's
 * engine-CA certificate lets a machine pose as this host.
 */
public final class HostAgentTls {
    /** Files in the engine's host-channel PKI directory (written by the launcher's EngineCa). */
    public static final String CA_CERT = "ca.pem";
    public static final String CLIENT_KEYSTORE = "engine-client.p12";
    public static final String CLIENT_KEYSTORE_PASSWORD = "engine-client.p12.password";

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext sslContext;
    private final String problem;

    private HostAgentTls(SSLContext sslContext, String problem) {
        this.sslContext = sslContext;
        this.problem = problem;
    }

    /** Plain HTTP to agents: anybody on the network can pose as either side. Tests only, by explicit option. */
    public static HostAgentTls insecurePlainHttp() {
        return new HostAgentTls(null, null);
    }

    /**
     * No usable engine certificate: every agent call fails with this reason (hosts become NonResponsive
     * and the audit log says why) rather than falling back to plain HTTP.
     */
    public static HostAgentTls unusable(String problem) {
        return new HostAgentTls(null, problem);
    }

    /** Reads the engine's client key and the engine CA from a directory the launcher made (see the constants). */
    public static HostAgentTls fromDirectory(Path dir) throws IOException, GeneralSecurityException {
        char[] password = Files.readString(dir.resolve(CLIENT_KEYSTORE_PASSWORD), StandardCharsets.UTF_8).strip().toCharArray();
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(dir.resolve(CLIENT_KEYSTORE))) {
                keys.load(in, password);
            }
            X509Certificate ca;
            try (InputStream in = Files.newInputStream(dir.resolve(CA_CERT))) {
                ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            return of(keys, password, ca);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Mutual TLS with this key (and chain) for the engine and this CA as the only one believed for agents. */
    public static HostAgentTls of(KeyStore clientKeys, char[] password, X509Certificate engineCa) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(clientKeys, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try {
            trust.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        trust.setCertificateEntry("engine-ca", engineCa);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return new HostAgentTls(context, null);
    }

    public boolean secure() {
        return sslContext != null;
    }

    /** Why agents cannot be called at all, or null. */
    public String problem() {
        return problem;
    }

    public String scheme() {
        return secure() ? "https" : "http";
    }

    SSLContext sslContext() {
        return sslContext;
    }

    SSLParameters sslParameters() {
        SSLParameters parameters = sslContext.getDefaultSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        // The agent's certificate must name the host's address as the engine knows it.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }
}
