package org.trustpool.vdsbroker.attestation;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.trustpool.common.businessentities.TrustLevel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAttestation's PollHosts, as oVirt and Nova speak it: one request for many hosts. Over HTTPS
 * the service must present a certificate from the configured truststore: a forged service would
 * otherwise be able to declare any host trusted. Whatever the transport, every entry of the answer
 * must carry the service's signature for this request ({@link ServiceSignature}); one that does
 * not is UNKNOWN with the reason. The engine's token (AttestationPollToken) goes along, as our
 * service answers nobody else.
 */
public class AttestationClient {
    /** A real answer for even thousands of hosts is far below this; anything bigger is refused unread. */
    private static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NONCE_BYTES = 32;

    private final AttestationSettings settings;
    private final HttpClient http;
    private final ServiceSignature signature;
    private final SecureRandom random = new SecureRandom();

    public AttestationClient(AttestationSettings settings) throws AttestationUnavailableException {
        this.settings = settings;
        if (!settings.isConfigured()) {
            throw new AttestationUnavailableException("no attestation server is configured (AttestationServer)", null);
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).version(HttpClient.Version.HTTP_1_1);
        if (settings.secure()) {
            builder.sslContext(sslContext(settings));
        }
        this.http = builder.build();
        this.signature = ServiceSignature.load(settings.serviceCertificate());
    }

    /** One PollHosts call; per-host problems come back as verdicts, only a failed call throws. */
    public List<PollResult> pollHosts(List<String> hostNames) throws AttestationUnavailableException {
        ObjectNode body = JSON.createObjectNode();
        body.put("count", hostNames.size());
        ArrayNode hosts = body.putArray("hosts");
        hostNames.forEach(hosts::add);
        // fresh for each request and unpredictable, so no answer can have been made for it before
        byte[] nonceBytes = new byte[NONCE_BYTES];
        random.nextBytes(nonceBytes);
        String nonce = HexFormat.of().formatHex(nonceBytes);
        body.put("nonce", nonce);
        HttpResponse<InputStream> response;
        byte[] answer;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.pollUrl()))
                    .timeout(settings.readTimeout())
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (settings.pollToken() != null && !settings.pollToken().isBlank()) {
                request.header("Authorization", "Bearer " + settings.pollToken().strip());
            }
            HttpRequest built = request.build();
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                throw e;
            } catch (IOException e) {
                // The client is kept between refreshes, and with it its idle connections; a service that closed one
                // just as we reused it (its idle timeout, or a restart) fails the call before anything was asked.
                // Once more, on a new connection: at most one more request (PollHosts only re-attests, so asking
                // twice is harmless), and a second failure is the service's. A timeout is not tried again: it has
                // already cost the caller its wait.
                response = http.send(built, HttpResponse.BodyHandlers.ofInputStream());
            }
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
        } catch (IOException e) {
            throw new AttestationUnavailableException("attestation service at " + settings.pollUrl() + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AttestationUnavailableException("interrupted while asking the attestation service", e);
        } catch (IllegalArgumentException e) {
            throw new AttestationUnavailableException("attestation service URL is invalid: " + settings.pollUrl(), e);
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new AttestationUnavailableException("attestation service refused the engine's credentials (HTTP "
                    + response.statusCode() + "); set AttestationPollToken to the service's engine token", null);
        }
        if (response.statusCode() != 200) {
            throw new AttestationUnavailableException("attestation service answered HTTP " + response.statusCode(), null);
        }
        return parse(hostNames, answer, signature, nonce);
    }

    /**
     * Every host asked for gets exactly one result. An answer we cannot read makes them all UNKNOWN
     * (never TRUSTED by accident); a host missing from the answer is UNKNOWN; names we did not ask
     * about are ignored, so a confused service cannot vouch for hosts nobody asked it about.
     */
    static List<PollResult> parse(List<String> asked, byte[] answer, ServiceSignature signature, String requestNonce) {
        Map<String, PollResult> byName = new HashMap<>();
        String problem = null;
        if (answer.length > MAX_ANSWER_BYTES) {
            problem = "the answer was larger than " + MAX_ANSWER_BYTES + " bytes";
        } else {
            try {
                JsonNode hosts = JSON.readTree(answer).path("hosts");
                if (!hosts.isArray()) {
                    problem = "the answer has no hosts list";
                } else {
                    for (JsonNode host : hosts) {
                        String name = host.path("host_name").asText(null);
                        if (name != null && asked.contains(name) && !byName.containsKey(name)) {
                            String unsigned = host.isObject() ? signature.problem(host, requestNonce) : "the entry is not an object";
                            byName.put(name, unsigned == null ? read(name, host)
                                    : new PollResult(name, TrustLevel.UNKNOWN, null, unsigned));
                        }
                    }
                }
            } catch (IOException e) {
                problem = "the answer is not JSON";
            }
        }
        List<PollResult> results = new ArrayList<>();
        for (String name : asked) {
            PollResult result = byName.get(name);
            if (result == null) {
                result = new PollResult(name, TrustLevel.UNKNOWN, null,
                        problem != null ? "attestation service: " + problem : "the attestation service did not answer for this host");
            }
            results.add(result);
        }
        return results;
    }

    private static PollResult read(String name, JsonNode host) {
        String lvl = host.path("trust_lvl").asText(null);
        TrustLevel level = TrustLevel.fromTrustLvl(lvl);
        Instant vtime = null;
        String vtimeText = host.path("vtime").asText(null);
        if (vtimeText != null) {
            try {
                vtime = Instant.parse(vtimeText);
            } catch (DateTimeParseException e) {
                vtime = null;
            }
        }
        String reason;
        if (level == TrustLevel.UNKNOWN && lvl != null && !"unknown".equalsIgnoreCase(lvl.trim())) {
            reason = "unknown trust_lvl '" + lvl + "'";
        } else if (level == TrustLevel.TRUSTED && vtime == null) {
            // A verdict without its verification time cannot be judged fresh: not good enough for TRUSTED.
            level = TrustLevel.UNKNOWN;
            reason = "trusted without a readable vtime";
        } else {
            reason = host.path("reason").asText(level == TrustLevel.TRUSTED ? null : "attestation service says " + level.name().toLowerCase());
        }
        // read only from an entry whose signature covered it and our request's nonce (parse checks that first)
        boolean challenged = host.path("challenge").isTextual() && !host.path("challenge").asText().isEmpty();
        return new PollResult(name, level, vtime, reason, host.path("agent_url").asText(null), ekFingerprint(host), challenged);
    }

    /** Shown to administrators and stored: only 64 lowercase hex digits, anything else is dropped. */
    static String ekFingerprint(JsonNode host) {
        String fp = host.path("ek_fingerprint").asText(null);
        return fp != null && fp.matches("[0-9a-f]{64}") ? fp : null;
    }

    private static SSLContext sslContext(AttestationSettings settings) throws AttestationUnavailableException {
        try {
            if (settings.truststore() == null || settings.truststore().isBlank()) {
                return SSLContext.getDefault(); // the JDK's CAs: a service with a public certificate
            }
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            char[] password = settings.truststorePassword() == null ? null : settings.truststorePassword().toCharArray();
            try (InputStream in = Files.newInputStream(Path.of(settings.truststore()))) {
                trust.load(in, password);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new AttestationUnavailableException("cannot load the attestation truststore " + settings.truststore() + ": " + e.getMessage(), e);
        }
    }
}
