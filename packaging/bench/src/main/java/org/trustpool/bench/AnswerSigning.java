package org.trustpool.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.trustpool.vdsbroker.attestation.PollHostsSigner;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stand-in services sign their PollHosts answers as the real attestation service does (every entry, for the
 * engine's request nonce), and the engine is told their certificate: the engine counts no unsigned answer, so
 * a benchmark without this would measure verdicts that are all UNKNOWN. One key per benchmark JVM.
 */
final class AnswerSigning {
    private static final PollHostsSigner SIGNER = create();

    private AnswerSigning() {
    }

    private static PollHostsSigner create() {
        try {
            Path dir = Files.createTempDirectory("bench-signer");
            dir.toFile().deleteOnExit();
            return PollHostsSigner.create(dir, "bench-attestation-service");
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the stand-in service's signing key: " + e, e);
        }
    }

    /** The PEM file the engine's AttestationServiceCertificate option names. */
    static Path certificate() {
        return SIGNER.certificate();
    }

    /** One host entry signed for the request whose nonce this is (as PollHostsResource signs each entry). */
    static ObjectNode signEntry(ObjectNode entry, String requestNonce) {
        if (requestNonce != null) {
            entry.put("request_nonce", requestNonce);
        }
        return SIGNER.signEntry(entry);
    }

    /** The answer (JSON) with each host entry signed for the request it answers. */
    static byte[] signed(byte[] answer, byte[] request) {
        return SIGNER.sign(new String(answer, StandardCharsets.UTF_8), new String(request, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }
}
