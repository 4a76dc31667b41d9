package org.trustpool.vdsbroker.attestation;

import java.time.Duration;

/**
 * Where and how to reach the attestation service, from vdc_options (AttestationServer,
 * AttestationPort, PollUri, SecureConnectionWithOATServers, AttestationTruststore[Pass]).
 */
public record AttestationSettings(String server, int port, String pollUri, boolean secure, String truststore,
        String truststorePassword, Duration connectTimeout, Duration readTimeout) {

    public boolean isConfigured() {
        return server != null && !server.isBlank();
    }

    public String pollUrl() {
        String uri = pollUri == null ? "" : pollUri.startsWith("/") ? pollUri.substring(1) : pollUri;
        String host = server.contains(":") && !server.startsWith("[") ? "[" + server + "]" : server;
        return (secure ? "https" : "http") + "://" + host + ":" + port + "/" + uri;
    }
}
