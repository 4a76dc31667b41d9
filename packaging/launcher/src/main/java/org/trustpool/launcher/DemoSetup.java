package org.trustpool.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo: the simulated hosts added to the engine through its own REST API (the same door an
 * administrator uses, so the demo also proves the API works), then waited for until Up.
 */
final class DemoSetup {

    static final String CLUSTER = "Default";
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration REPORT = Duration.ofSeconds(10);

    private final URI hostsUrl;
    private final String authorization;
    private final Progress progress;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoSetup(URI apiUrl, String user, String password, Progress progress) {
        this.hostsUrl = URI.create(apiUrl + "/hosts");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.progress = progress;
    }

    /** @return how many hosts were added (the others were known from an earlier run) */
    int addHostsAndWait(List<SimulatedHost> hosts, Duration timeout) throws InterruptedException {
        Map<String, String> known = statuses();
        int added = 0;
        for (SimulatedHost host : hosts) {
            if (!known.containsKey(host.name())) {
                add(host);
                added++;
            }
        }
        awaitUp(hosts, timeout);
        return added;
    }

    static String hostXml(SimulatedHost host) {
        return "<host><name>" + escape(host.name()) + "</name><address>" + escape(host.address())
                + "</address><port>" + host.port() + "</port><cluster><name>" + CLUSTER + "</name></cluster></host>";
    }

    private void add(SimulatedHost host) throws InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(hostsUrl)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(hostXml(host), StandardCharsets.UTF_8)));
        if (r.statusCode() / 100 != 2) {
            throw failure("adding " + host.name() + " to the engine failed", r);
        }
    }

    private void awaitUp(List<SimulatedHost> hosts, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + REPORT.toNanos();
        while (true) {
            Map<String, String> statuses = statuses();
            Map<String, String> waiting = new LinkedHashMap<>();
            for (SimulatedHost h : hosts) {
                String status = statuses.get(h.name());
                if (!"up".equalsIgnoreCase(status)) {
                    waiting.put(h.name(), status == null ? "not listed" : status);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new LaunchException("hosts not up after " + timeout.toSeconds() + " s: " + describe(waiting));
            }
            if (now > nextReport) {
                progress.detail("waiting for " + describe(waiting));
                nextReport = now + REPORT.toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static String describe(Map<String, String> waiting) {
        return waiting.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", "));
    }

    /** Name to status of every host the engine knows. */
    private Map<String, String> statuses() throws InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(hostsUrl).GET());
        if (r.statusCode() != 200) {
            throw failure("listing the engine's hosts failed", r);
        }
        try {
            Map<String, String> result = new LinkedHashMap<>();
            for (HostsXml.Host h : HostsXml.parseHosts(r.body())) {
                if (h.name() != null) {
                    result.put(h.name(), h.status());
                }
            }
            return result;
        } catch (IllegalArgumentException e) {
            throw new LaunchException("GET " + hostsUrl + " did not return a <hosts> document: " + e.getMessage());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws InterruptedException {
        HttpRequest built = request.header("Authorization", authorization)
                .header("Accept", "application/xml")
                .timeout(Duration.ofSeconds(30))
                .build();
        try {
            return client.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new LaunchException(built.method() + " " + built.uri() + " failed: " + e, e);
        }
    }

    private LaunchException failure(String what, HttpResponse<String> r) {
        String why = switch (r.statusCode()) {
            case 401 -> "admin@internal was refused (HTTP 401)";
            case 404 -> "the engine has no " + r.uri().getPath() + " (HTTP 404): is the REST API in the EAR?";
            default -> "HTTP " + r.statusCode() + HostsXml.faultMessage(r.body()).map(m -> ": " + m).orElse("");
        };
        return new LaunchException(what + ": " + why);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
