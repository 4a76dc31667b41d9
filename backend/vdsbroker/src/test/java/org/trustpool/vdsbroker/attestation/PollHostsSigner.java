package org.trustpool.vdsbroker.attestation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Plays the attestation service's signing side for tests of the engine: a P-256 key and its
 * self-signed certificate (made by the JDK's keytool), and each PollHosts entry signed as the
 * service signs it (signer, request_nonce from the request, signature over the canonical form).
 */
public final class PollHostsSigner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "test-signing-store";

    private final PrivateKey key;
    private final String fingerprint;
    private final Path certificate;

    private PollHostsSigner(PrivateKey key, X509Certificate cert, Path certificate) throws Exception {
        this.key = key;
        this.fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        this.certificate = certificate;
    }

    /**
     * A new RSA-2048 key, as the launcher makes for the service (cheap for the engine to verify, once per entry);
     * its certificate is written to DIR/NAME.pem.
     */
    public static PollHostsSigner create(Path dir, String name) throws Exception {
        return create(dir, name, "RSA");
    }

    /** A new key of this algorithm: RSA (2048 bits) or EC (P-256, which services set up before RSA still use). */
    public static PollHostsSigner create(Path dir, String name, String keyAlgorithm) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Path pem = dir.resolve(name + ".pem");
        List<String> keyArgs = "EC".equals(keyAlgorithm) ? List.of("-keyalg", "EC", "-groupname", "secp256r1")
                : List.of("-keyalg", "RSA", "-keysize", "2048");
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", name));
        args.addAll(keyArgs);
        args.addAll(List.of("-dname", "CN=" + name,
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD));
        keytool(args.toArray(String[]::new));
        keytool("-exportcert", "-alias", name, "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-rfc", "-file", pem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return new PollHostsSigner((PrivateKey) ks.getKey(name, PASSWORD.toCharArray()), (X509Certificate) ks.getCertificate(name),
                pem);
    }

    public Path certificate() {
        return certificate;
    }

    public String fingerprint() {
        return fingerprint;
    }

    /**
     * The answer with each entry of its hosts list signed for this request (its nonce echoed);
     * anything that is not such a document is returned as it is.
     */
    public String sign(String answer, String request) {
        try {
            JsonNode doc = JSON.readTree(answer);
            String nonce = JSON.readTree(request).path("nonce").asText(null);
            if (doc == null || !doc.path("hosts").isArray()) {
                return answer;
            }
            for (JsonNode entry : doc.path("hosts")) {
                if (entry.isObject()) {
                    if (nonce != null && !entry.has("request_nonce")) {
                        ((ObjectNode) entry).put("request_nonce", nonce);
                    }
                    signEntry((ObjectNode) entry);
                }
            }
            return JSON.writeValueAsString(doc);
        } catch (IOException e) {
            return answer;
        }
    }

    public ObjectNode signEntry(ObjectNode entry) {
        entry.remove("signature");
        entry.put("signer", fingerprint);
        try {
            Signature s = Signature.getInstance(key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA");
            s.initSign(key);
            s.update(CanonicalJson.bytes(entry));
            entry.put("signature", Base64.getEncoder().encodeToString(s.sign()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return entry;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
