package org.trustpool.attestation.poll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Which certificates this service accepts from host agents served over HTTPS: those of the engine CA
 * that issued them (system property {@value #PROPERTY}, a PEM file). The service presents no
 * certificate of its own: an agent answers Host.getQuote to anybody, because the quote proves itself
 * (signed by the registered AIK over our nonce); TLS only keeps the exchange private.
 */
public final class AgentTrust {
    public static final String PROPERTY = "trustpool.attestation.agentCaFile";

    private AgentTrust() {
    }

    /** @return null when no engine CA is configured (agents at http:// URLs, or the JDK's CAs for https) */
    public static SSLContext fromSystem() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return null;
        }
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int n = 0;
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trust.setCertificateEntry("engine-ca-" + n++, c);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // Fail closed: without the CA, https agents are simply unreachable (verdict UNKNOWN), never trusted blindly.
            throw new IllegalStateException("cannot read the engine CA for host agents from " + file + ": " + e.getMessage(), e);
        }
    }
}
