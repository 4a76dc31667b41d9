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
    private HttpClient client = HttpClient.newHttpClient();

    private AgentProcess(Process process, String name, String id, URI url) {
        this.process = process;
        this.name = name;
        this.id = id;
        this.url = url;
    }

    /**
     * An agent serving over mutual TLS with a certificate from the engine CA of this engine's data
     * directory, as an administrator sets up a real host (trustpool issue-host-cert); the test talks to
     * it with the engine's own client certificate.
     */
    static AgentProcess start(Path jar, String namePrefix, Path engineDataDir) throws IOException {
        Path tlsDir = engineDataDir.resolve("it-agents").resolve(namePrefix);
        org.trustpool.launcher.Launcher.issueHostCertificate(engineDataDir, namePrefix + "01", java.util.List.of("127.0.0.1"), tlsDir);
        AgentProcess agent = start(jar, namePrefix, "--tls-dir", tlsDir.toString());
        agent.client = HttpClient.newBuilder().sslContext(engineContext(engineDataDir)).build();
        return agent;
    }

    /** The engine's client certificate and the engine CA, as the engine itself uses them. */
    static javax.net.ssl.SSLContext engineContext(Path engineDataDir) throws IOException {
        Path pki = engineDataDir.resolve("pki");
        return context(pki.resolve("engine-client.p12"), pki.resolve("ca.pem"));
    }

    /** A TLS client context: this key store (null: no client certificate) and this CA as the only trust. */
    static javax.net.ssl.SSLContext context(Path keyStore, Path caPem) throws IOException {
        try {
            javax.net.ssl.KeyManager[] keys = null;
            if (keyStore != null) {
                char[] password = java.nio.file.Files.readString(Path.of(keyStore + ".password")).strip().toCharArray();
                java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
                try (var in = java.nio.file.Files.newInputStream(keyStore)) {
                    ks.load(in, password);
                }
                javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, password);
                keys = kmf.getKeyManagers();
            }
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (var in = java.nio.file.Files.newInputStream(caPem)) {
                trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext c = javax.net.ssl.SSLContext.getInstance("TLS");
            c.init(keys, tmf.getTrustManagers(), null);
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** An agent with the given channel options (--tls-dir DIR or --insecure-plain-http). */
    static AgentProcess start(Path jar, String namePrefix, String... channel) throws IOException {
        if (channel.length == 0) {
            // the simulator refuses to start without a channel; say so here rather than as "did not start"
            throw new IllegalArgumentException("give --tls-dir DIR or --insecure-plain-http, or use start(jar, prefix, engineDataDir)");
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--hosts", "1", "--base-port", "0", "--name-prefix", namePrefix));
        command.addAll(java.util.List.of(channel));
        Process process = new ProcessBuilder(command)
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
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
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
