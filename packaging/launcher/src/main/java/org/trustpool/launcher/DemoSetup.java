package org.trustpool.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The demo: the simulated hosts added to the engine through its own REST API (the same door an
 * administrator uses, so the demo also proves the API works), then waited for. With three hosts or
 * more, the last two go to a trusted cluster ("Trusted"); the last host boots a tampered
 * hypervisor, so the engine takes it out of service (NonOperational, untrusted) while the others
 * come Up.
 */
final class DemoSetup {

    static final String CLUSTER = "Default";
    static final String TRUSTED_CLUSTER = "Trusted";
    /** Below this many hosts there is no trusted cluster: it would leave the plain one empty. */
    static final int MIN_HOSTS_FOR_TRUSTED_CLUSTER = 3;
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration REPORT = Duration.ofSeconds(10);

    private final URI hostsUrl;
    private final String authorization;
    private final Progress progress;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI clustersUrl;

    DemoSetup(URI apiUrl, String user, String password, Progress progress) {
        this.hostsUrl = URI.create(apiUrl + "/hosts");
        this.clustersUrl = URI.create(apiUrl + "/clusters");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.progress = progress;
    }

    /**
     * What a run did: the hosts it added (and waited for) and, in words, the demo hosts it found from an
     * earlier run, as the administrator left them.
     */
    record Outcome(List<String> addedHosts, int found, String foundDescription) {
        int added() {
            return addedHosts.size();
        }

        String summary() {
            int added = added();
            return added + " added" + (added > 0 ? " (" + String.join(", ", addedHosts) + ") and "
                    + (added == 1 ? "it is" : "all are") + " as expected" : "")
                    + (found == 0 ? "" : "; found from an earlier run: " + foundDescription);
        }
    }

    /**
     * Adds the demo hosts the engine does not know and waits until those are Up (the tampered one
     * NonOperational). A host the engine already knows, by name or by its agent's address, is left as the
     * administrator left it (in Maintenance, renamed, moved to another cluster ...): a second run never waits
     * on it, never fails for it, and only says what it found.
     */
    Outcome addHostsAndWait(List<SimulatedHost> hosts, Duration timeout) throws InterruptedException {
        return addHostsAndWait(hosts, List.of(), timeout);
    }

    /**
     * @param trustedExtra hosts that go to the trusted cluster and must come Up there (the swtpm host),
     *                     whatever the layout of {@code hosts}
     */
    Outcome addHostsAndWait(List<SimulatedHost> hosts, List<SimulatedHost> trustedExtra, Duration timeout)
            throws InterruptedException {
        boolean withTrusted = hosts.size() >= MIN_HOSTS_FOR_TRUSTED_CLUSTER;
        if (withTrusted || !trustedExtra.isEmpty()) {
            ensureTrustedCluster();
        }
        List<HostsXml.Host> known = engineHosts();
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> found = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            SimulatedHost host = hosts.get(i);
            boolean trusted = withTrusted && i >= hosts.size() - 2;
            boolean tampered = withTrusted && i == hosts.size() - 1;
            Optional<HostsXml.Host> earlier = known.stream()
                    .filter(h -> host.name().equals(h.name()) || h.at(host.address(), host.port())).findFirst();
            if (earlier.isPresent()) {
                HostsXml.Host h = earlier.get();
                found.add((host.name().equals(h.name()) ? host.name() : host.name() + " (now named " + h.name() + ")") + " " + h.status());
            } else {
                add(host, trusted ? TRUSTED_CLUSTER : CLUSTER);
                expected.put(host.name(), tampered ? "non_operational" : "up");
            }
        }
        for (SimulatedHost host : trustedExtra) {
            Optional<HostsXml.Host> earlier = known.stream()
                    .filter(h -> host.name().equals(h.name()) || h.at(host.address(), host.port())).findFirst();
            if (earlier.isPresent()) {
                found.add(host.name() + " " + earlier.get().status());
            } else {
                add(host, TRUSTED_CLUSTER);
                expected.put(host.name(), "up");
            }
        }
        awaitStatuses(expected, timeout);
        return new Outcome(List.copyOf(expected.keySet()), found.size(), String.join(", ", found));
    }

    static String hostXml(SimulatedHost host) {
        return hostXml(host, CLUSTER);
    }

    static String hostXml(SimulatedHost host, String cluster) {
        return "<host><name>" + escape(host.name()) + "</name><address>" + escape(host.address())
                + "</address><port>" + host.port() + "</port><cluster><name>" + escape(cluster) + "</name></cluster></host>";
    }

    /** The trusted compute pool of the demo, made once (a second run finds it). */
    private void ensureTrustedCluster() throws InterruptedException {
        HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(clustersUrl + "?search=name%3D" + TRUSTED_CLUSTER)).GET());
        if (list.statusCode() == 200 && list.body().contains("<name>" + TRUSTED_CLUSTER + "</name>")) {
            return;
        }
        String xml = "<cluster><name>" + TRUSTED_CLUSTER + "</name><description>Demo trusted compute pool</description>"
                + "<data_center><name>Default</name></data_center><cpu><type>Intel SandyBridge Family</type></cpu>"
                + "<trusted_service>true</trusted_service></cluster>";
        HttpResponse<String> r = send(HttpRequest.newBuilder(clustersUrl).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)));
        if (r.statusCode() / 100 != 2) {
            throw failure("creating the trusted cluster failed", r);
        }
    }

    private void add(SimulatedHost host, String cluster) throws InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(hostsUrl)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(hostXml(host, cluster), StandardCharsets.UTF_8)));
        if (r.statusCode() / 100 != 2) {
            throw failure("adding " + host.name() + " to the engine failed", r);
        }
    }

    /** Waits until every host has the status expected of it (up, or non_operational for the tampered one). */
    private void awaitStatuses(Map<String, String> expected, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + REPORT.toNanos();
        while (true) {
            Map<String, String> statuses = statuses();
            Map<String, String> waiting = new LinkedHashMap<>();
            expected.forEach((name, want) -> {
                String status = statuses.get(name);
                if (!want.equalsIgnoreCase(status)) {
                    waiting.put(name, status == null ? "not listed" : status);
                }
            });
            if (waiting.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            if (now > deadline) {
                throw new LaunchException("hosts not as expected after " + timeout.toSeconds() + " s: " + describe(waiting));
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
        Map<String, String> result = new LinkedHashMap<>();
        for (HostsXml.Host h : engineHosts()) {
            if (h.name() != null) {
                result.put(h.name(), h.status());
            }
        }
        return result;
    }

    /** Every host the engine knows. */
    private List<HostsXml.Host> engineHosts() throws InterruptedException {
        HttpResponse<String> r = send(HttpRequest.newBuilder(hostsUrl).GET());
        if (r.statusCode() != 200) {
            throw failure("listing the engine's hosts failed", r);
        }
        try {
            return HostsXml.parseHosts(r.body());
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
