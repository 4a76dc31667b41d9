package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Registers hosts (name, agent URL, AIK public key, BIOS/VMM) with the attestation service:
 * {@code POST {url}/resources/hosts}. Runs in the background with retries and backoff: the
 * service may start after us, and a simulator must never fail (or be delayed) because the
 * service is down. The verifier pins the AIK given here; quotes signed by any other key fail.
 */
public final class AttestationRegistrar implements AutoCloseable {

    public enum Outcome { REGISTERED, ALREADY_REGISTERED, FAILED }

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI endpoint;
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

    /** The registration body; field names are the service's wire contract. */
    static ObjectNode body(String hostName, URI agentUrl, String aikPublicPem, MeasuredBoot.Platform platform) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("host_name", hostName);
        body.put("agent_url", agentUrl.toString());
        body.put("aik_public_pem", aikPublicPem);
        body.put("bios_name", platform.biosName());
        body.put("bios_version", platform.biosVersion());
        body.put("vmm_name", platform.vmmName());
        body.put("vmm_version", platform.vmmVersion());
        return body;
    }

    /** Starts registering in the background; the future completes (never exceptionally) with the outcome. */
    public CompletableFuture<Outcome> register(String hostName, ObjectNode body) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            Log.info("attestation: cannot encode registration of " + hostName + ": " + e.getMessage());
            result.complete(Outcome.FAILED);
            return result;
        }
        schedule(hostName, json, 1, Duration.ZERO, result);
        return result;
    }

    private void schedule(String hostName, byte[] json, int attempt, Duration delay, CompletableFuture<Outcome> result) {
        try {
            scheduler.schedule(() -> attempt(hostName, json, attempt, result), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) { // closed meanwhile
            result.complete(Outcome.FAILED);
        }
    }

    private void attempt(String hostName, byte[] json, int attempt, CompletableFuture<Outcome> result) {
        String problem;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200 || status == 201) {
                Log.info("attestation: registered " + hostName + " at " + endpoint);
                result.complete(Outcome.REGISTERED);
                return;
            }
            if (status == 409) {
                Log.info("attestation: " + hostName + " was already registered (409)");
                result.complete(Outcome.ALREADY_REGISTERED);
                return;
            }
            problem = "HTTP " + status;
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
        schedule(hostName, json, attempt + 1, backoff, result);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
