package org.trustpool.vdsbroker.attestation;

import java.time.Duration;

/**
 * Where and how to reach the attestation service, from vdc_options (AttestationServer,
 * AttestationPort, PollUri, SecureConnectionWithOATServers, AttestationTruststore[Pass]), and how
 * to be let in and believe its answers (AttestationPollToken, AttestationServiceCertificate).
 */
public record AttestationSettings(String server, int port, String pollUri, boolean secure, String truststore,
        String truststorePassword, Duration connectTimeout, Duration readTimeout, String pollToken,
        String serviceCertificate) {

    /** Without a token or a certificate: the service will refuse the call, or no answer will count as trusted. */
    public AttestationSettings(String server, int port, String pollUri, boolean secure, String truststore,
            String truststorePassword, Duration connectTimeout, Duration readTimeout) {
        this(server, port, pollUri, secure, truststore, truststorePassword, connectTimeout, readTimeout, null, null);
    }

    public boolean isConfigured() {
        return server != null && !server.isBlank();
    }

    public String pollUrl() {
        String uri = pollUri == null ? "" : pollUri.startsWith("/") ? pollUri.substring(1) : pollUri;
        String host = server.contains(":") && !server.startsWith("[") ? "[" + server + "]" : server;
        return (secure ? "https" : "http") + "://" + host + ":" + port + "/" + uri;
    }

    @Override
    public String toString() {
        // never the secrets
        return "AttestationSettings[" + (isConfigured() ? pollUrl() : "no server") + ", token " + (pollToken == null || pollToken.isBlank() ? "none" : "set")
                + ", certificate " + serviceCertificate + "]";
    }
}
