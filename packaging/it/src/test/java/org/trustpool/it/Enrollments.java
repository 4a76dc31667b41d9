package org.trustpool.it;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.trustpool.hostagent.AikStore;
import org.trustpool.hostagent.SoftwareTpm;

/** What anyone can build from a host's published enrollment: its keys' public areas and an enrollment body. */
final class Enrollments {

    private Enrollments() {
    }

    static String body(String name, String agentUrl, byte[] ekArea, String ekCertPem, byte[] akArea) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("host_name", name);
        o.put("agent_url", agentUrl);
        o.put("ek_public", Base64.getEncoder().encodeToString(ekArea));
        o.put("ek_certificate_pem", ekCertPem);
        o.put("ak_public", Base64.getEncoder().encodeToString(akArea));
        o.put("bios_name", "TrustpoolBIOS");
        o.put("bios_version", "1.0");
        o.put("vmm_name", "TrustpoolVMM");
        o.put("vmm_version", "1.0");
        return o.toString();
    }

    /** The AK's TPMT_PUBLIC, rebuilt from the PEM the service publishes. */
    static byte[] akAreaOf(String pem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return SoftwareTpm.akPublicArea((RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
    }

    /** The EK's TPMT_PUBLIC (default template), rebuilt from its public certificate. */
    static byte[] ekAreaOf(String certPem) throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certPem.getBytes(StandardCharsets.US_ASCII)));
        // only the public half matters for the public area; the private half is a stand-in nobody uses
        return new SoftwareTpm(AikStore.generate(), new KeyPair(cert.getPublicKey(), AikStore.generate().getPrivate())).ekPublicArea();
    }
}
