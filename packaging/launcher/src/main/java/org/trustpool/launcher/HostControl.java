package org.trustpool.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@code trustpool tamper HOST} and {@code trustpool heal HOST}: the demo of continuous re-attestation. Tamper
 * changes a running simulated host's kernel measurement (PCR 19), as a rootkit loaded after boot would; heal
 * reboots it into its good boot chain. Only the launcher's own simulated hosts (listed in DATA/simulated-hosts
 * when it started them) can be named, and the call goes over the host channel's mutual TLS with the engine's
 * certificate: the simulator serves these controls to holders of an engine-CA certificate only.
 */
final class HostControl {
    static final String TAMPER = "tamper";
    static final String HEAL = "heal";
    /** Written by the launcher when it starts the simulator: "NAME URL" per line (no secrets). */
    static final String HOSTS_FILE = "simulated-hosts";
    static final String USAGE = String.join("\n",
            "Usage: trustpool tamper HOST [--data-dir DIR]   change the running host's kernel measurement (PCR 19)",
            "       trustpool heal HOST [--data-dir DIR]     reboot it into its good boot chain",
            "HOST is one of the simulated hosts the running `trustpool run` with that data directory started.");

    private HostControl() {
    }

    static void writeHostsFile(Path dataDir, List<SimulatedHost> hosts) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (SimulatedHost h : hosts) {
            sb.append(h.name()).append(' ').append(h.jsonRpcUrl()).append('\n');
        }
        Files.writeString(dataDir.resolve(HOSTS_FILE), sb.toString(), StandardCharsets.UTF_8);
    }

    static int execute(String command, List<String> args, PrintStream out, PrintStream err) {
        String host = null;
        Path dataDir = LaunchOptions.defaultDataDir();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return Launcher.OK;
            } else if (a.equals("--data-dir") && i + 1 < args.size()) {
                dataDir = Path.of(args.get(++i));
            } else if (a.startsWith("--data-dir=")) {
                dataDir = Path.of(a.substring("--data-dir=".length()));
            } else if (!a.startsWith("-") && host == null) {
                host = a;
            } else {
                err.println("trustpool: unexpected '" + a + "'");
                err.println(USAGE);
                return Launcher.USAGE;
            }
        }
        if (host == null) {
            err.println(USAGE);
            return Launcher.USAGE;
        }
        try {
            URI url = hosts(dataDir).get(host);
            if (url == null) {
                err.println("trustpool: " + host + " is not one of the simulated hosts of the Trustpool running with "
                        + dataDir + " (see " + dataDir.resolve(HOSTS_FILE) + ")");
                return Launcher.FAILURE;
            }
            String answer = command.equals(TAMPER) ? call(dataDir, url, "Host.tamper",
                    "{\"pcr\":19,\"digest\":\"" + HexFormat.of().formatHex(randomDigest()) + "\"}")
                    : call(dataDir, url, "Host.heal", "{}");
            out.println(command.equals(TAMPER)
                    ? host + ": PCR 19 changed (a kernel the whitelist does not know); the engine takes the host out of service"
                            + " at its next re-attestation and moves the VMs that need trust"
                    : host + ": rebooted into its good boot chain; the engine lets it back in at its next re-attestation");
            out.println("  agent answered: " + answer);
            return Launcher.OK;
        } catch (IOException | LaunchException e) {
            err.println("trustpool: " + e.getMessage());
            return Launcher.FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Launcher.FAILURE;
        }
    }

    static Map<String, URI> hosts(Path dataDir) throws IOException {
        Path file = dataDir.resolve(HOSTS_FILE);
        if (!Files.isRegularFile(file)) {
            throw new LaunchException("no simulated hosts recorded in " + dataDir + ": is `trustpool run` running with it?");
        }
        Map<String, URI> hosts = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.strip().split(" ");
            if (f.length == 2) {
                hosts.put(f[0], URI.create(f[1]));
            }
        }
        return hosts;
    }

    private static byte[] randomDigest() {
        byte[] d = new byte[32];
        new SecureRandom().nextBytes(d);
        return d;
    }

    private static String call(Path dataDir, URI url, String method, String params) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(engineContext(dataDir)).connectTimeout(Duration.ofSeconds(10)).build();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains("\"result\"")) {
            throw new LaunchException(method + " on " + url + " was refused: HTTP " + r.statusCode() + " " + r.body()
                    + " (was the simulator started with --allow-tamper-control?)");
        }
        return r.body();
    }

    /** The engine's client certificate and the engine CA as the only trust: what the engine itself presents to agents. */
    private static SSLContext engineContext(Path dataDir) throws IOException {
        Path pki = dataDir.resolve("pki");
        Path keys = pki.resolve(EngineCa.ENGINE_CLIENT);
        try (InputStream keyIn = Files.newInputStream(keys); InputStream caIn = Files.newInputStream(pki.resolve(EngineCa.CA_CERT))) {
            char[] password = Files.readString(Path.of(keys + EngineCa.PASSWORD_SUFFIX), StandardCharsets.UTF_8).strip().toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(keyIn, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("engine-ca", CertificateFactory.getInstance("X.509").generateCertificate(caIn));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new LaunchException("the engine's client certificate in " + pki + " cannot be used: " + e.getMessage(), e);
        }
    }
}
