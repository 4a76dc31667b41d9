package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Enrolls hosts with the attestation service in two steps: {@code POST {url}/resources/hosts}
 * with the name, agent URL, BIOS/VMM, the EK's certificate and public area and the AIK's public
 * area; the service answers a credential challenge (TPM2_MakeCredential to our EK, bound to our
 * AIK's name), our TPM activates it, and {@code POST {url}/resources/hosts/activate} proves the
 * secret. Runs in the background with retries and backoff: the service may start after us, and
 * a simulator must never fail (or be delayed) because the service is down. A refusal (a
 * conflict, an untrusted EK certificate, a failed activation) is final and logged with its reason.
 */
public final class AttestationRegistrar implements AutoCloseable {

    /** REGISTERED: enrolled now; ALREADY_REGISTERED: bound to exactly this already; REFUSED: the service said no. */
    public enum Outcome { REGISTERED, ALREADY_REGISTERED, REFUSED, FAILED }

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI endpoint;
    private final URI activation;
    private final String token;
    private final ObjectMapper mapper;
    private final int attempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;

    /**
     * @param baseUrl      e.g. http://127.0.0.1:8080/AttestationService (no trailing slash)
     * @param token        bearer token, or null
     * @param attempts     tries per host before giving up (&gt;= 1)
     * @param firstBackoff wait after the first failure; doubles each time up to {@code maxBackoff}
     */
    public AttestationRegistrar(URI baseUrl, String token, ObjectMapper mapper, int attempts,
                                Duration firstBackoff, Duration maxBackoff) {
        this.endpoint = URI.create(baseUrl + "/resources/hosts");
        this.activation = URI.create(baseUrl + "/resources/hosts/activate");
        this.token = token;
        this.mapper = mapper;
        this.attempts = Math.max(1, attempts);
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.http = HttpClient.newBuilder()
                .connectTimeout(JsonRpcClient.CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        AtomicInteger count = new AtomicInteger();
        // Two threads: enough to register a thousand hosts in reasonable time on a shared 2-core box.
        this.scheduler = Executors.newScheduledThreadPool(2, task -> {
            Thread t = new Thread(task, "attestation-registrar-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static AttestationRegistrar withDefaults(URI baseUrl, String token, ObjectMapper mapper) {
        // 6 tries over about 30 s: covers a service that starts a little after the simulator.
        return new AttestationRegistrar(baseUrl, token, mapper, 6, Duration.ofSeconds(1), Duration.ofSeconds(16));
    }

    /** The enrollment body; field names are the service's wire contract. */
    static ObjectNode body(String hostName, URI agentUrl, Tpm tpm, String ekCertificatePem,
                           MeasuredBoot.Platform platform) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("host_name", hostName);
        body.put("agent_url", agentUrl.toString());
        body.put("ek_public", Base64.getEncoder().encodeToString(tpm.ekPublicArea()));
        body.put("ek_certificate_pem", ekCertificatePem);
        body.put("ak_public", Base64.getEncoder().encodeToString(tpm.aikPublicArea()));
        body.put("bios_name", platform.biosName());
        body.put("bios_version", platform.biosVersion());
        body.put("vmm_name", platform.vmmName());
        body.put("vmm_version", platform.vmmVersion());
        return body;
    }

    /** Starts enrolling in the background; the future completes (never exceptionally) with the outcome. */
    public CompletableFuture<Outcome> register(String hostName, ObjectNode body, Tpm tpm) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            Log.info("attestation: cannot encode registration of " + hostName + ": " + e.getMessage());
            result.complete(Outcome.FAILED);
            return result;
        }
        schedule(hostName, json, tpm, 1, Duration.ZERO, result);
        return result;
    }

    private void schedule(String hostName, byte[] json, Tpm tpm, int attempt, Duration delay,
                          CompletableFuture<Outcome> result) {
        try {
            scheduler.schedule(() -> attempt(hostName, json, tpm, attempt, result), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) { // closed meanwhile
            result.complete(Outcome.FAILED);
        }
    }

    private HttpResponse<String> post(URI uri, byte[] json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void attempt(String hostName, byte[] json, Tpm tpm, int attempt, CompletableFuture<Outcome> result) {
        String problem;
        try {
            HttpResponse<String> first = post(endpoint, json);
            int status = first.statusCode();
            if (status == 200) {
                Log.info("attestation: " + hostName + " is enrolled already with this TPM and address");
                result.complete(Outcome.ALREADY_REGISTERED);
                return;
            }
            if (status == 202) {
                Outcome o = activate(hostName, tpm, mapper.readTree(first.body()));
                if (o != null) {
                    result.complete(o);
                    return;
                }
                problem = "the challenge expired before it was answered";
            } else if (status >= 400 && status < 500 && status != 408 && status != 429) {
                // a refusal with its reason (conflict, untrusted EK certificate, bad key): trying again changes nothing
                Log.info("warning: attestation: enrolling " + hostName + " refused (HTTP " + status + "): " + reason(first));
                result.complete(Outcome.REFUSED);
                return;
            } else {
                problem = "HTTP " + status + " " + reason(first);
            }
        } catch (IOException e) {
            problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.complete(Outcome.FAILED);
            return;
        } catch (RuntimeException e) { // never let a bug here kill the simulator
            problem = e.toString();
        }
        if (attempt >= attempts) {
            Log.info("warning: attestation: giving up registering " + hostName + " at " + endpoint + " after "
                    + attempt + " attempt(s): " + problem);
            result.complete(Outcome.FAILED);
            return;
        }
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        if (backoff.compareTo(maxBackoff) > 0) {
            backoff = maxBackoff;
        }
        Log.info("warning: attestation: registering " + hostName + " failed (" + problem + "); retry "
                + (attempt + 1) + "/" + attempts + " in " + backoff.toMillis() + " ms");
        schedule(hostName, json, tpm, attempt + 1, backoff, result);
    }

    /** @return the outcome, or null when the challenge expired (worth another try) */
    private Outcome activate(String hostName, Tpm tpm, JsonNode challenge) throws IOException, InterruptedException {
        String id = challenge.path("challenge_id").asText("");
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(challenge.path("credential_blob").asText(""));
        } catch (IllegalArgumentException e) {
            Log.info("warning: attestation: the service's challenge for " + hostName + " is not base64");
            return Outcome.FAILED;
        }
        byte[] secret;
        try {
            secret = tpm.activateCredential(blob);
        } catch (CredentialActivation.ActivationException e) {
            // Not ours to answer: the blob was made for another EK or another AIK.
            Log.info("warning: attestation: credential activation for " + hostName + " failed: " + e.getMessage());
            return Outcome.REFUSED;
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("challenge_id", id);
        answer.put("secret", Base64.getEncoder().encodeToString(secret));
        HttpResponse<String> r = post(activation, mapper.writeValueAsBytes(answer));
        if (r.statusCode() == 200 || r.statusCode() == 201) {
            Log.info("attestation: enrolled " + hostName + " at " + endpoint + " (EK sha256 "
                    + challenge.path("ek_sha256").asText("?") + ")");
            return Outcome.REGISTERED;
        }
        if (r.statusCode() == 410) {
            return null;
        }
        Log.info("warning: attestation: activating " + hostName + " refused (HTTP " + r.statusCode() + "): " + reason(r));
        return Outcome.REFUSED;
    }

    private String reason(HttpResponse<String> r) {
        try {
            JsonNode n = mapper.readTree(r.body());
            String m = n.path("message").asText(n.path("error").asText(""));
            return m.isEmpty() ? r.body() : m;
        } catch (IOException | RuntimeException e) {
            String b = r.body() == null ? "" : r.body();
            return b.length() > 200 ? b.substring(0, 200) : b;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
