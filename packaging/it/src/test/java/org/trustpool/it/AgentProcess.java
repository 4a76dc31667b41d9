package org.trustpool.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** One host-agent simulator process playing one host, which a test can kill like a crashed host. */
final class AgentProcess implements AutoCloseable {
    final Process process;
    final String name;
    final String id;
    final URI url;

    private AgentProcess(Process process, String name, String id, URI url) {
        this.process = process;
        this.name = name;
        this.id = id;
        this.url = url;
    }

    static AgentProcess start(Path jar, String namePrefix) throws IOException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--hosts", "1", "--base-port", "0", "--name-prefix", namePrefix)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String host = null;
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("HOST ")) {
                host = line;
            } else if (line.startsWith("READY")) {
                break;
            }
        }
        if (host == null) {
            process.destroyForcibly();
            throw new IllegalStateException("host agent did not start");
        }
        String[] parts = host.split(" ");
        return new AgentProcess(process, parts[1], parts[2], URI.create(parts[3]));
    }

    int port() {
        return url.getPort();
    }

    /** Host.getVMList straight from the agent: what really runs there. */
    String vmList() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Host.getVMList\",\"params\":{}}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
