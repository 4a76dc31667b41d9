package org.trustpool.attestation.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.trustpool.attestation.enroll.EkCertificates;
import org.trustpool.attestation.enroll.EnrollmentRequest;
import org.trustpool.attestation.tpm.MalformedStructureException;
import org.trustpool.attestation.tpm.TpmtPublic;

/** The bodies of POST /hosts (enrollment) and POST /hosts/activate, checked field by field. */
public final class HostRegistration {

    /** Host names as DNS and the engine know them (letters, digits, dot, dash, underscore, colon). */
    static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,254}");
    static final Pattern CHALLENGE_ID = Pattern.compile("[0-9a-f]{32}");
    static final int MAX_URL = 2048;
    static final int MAX_TEXT = 255;

    private HostRegistration() {
    }

    /**
     * The enrollment request: host_name, agent_url, bios/vmm name and version, ek_public and
     * ak_public (base64 of each key's TPMT_PUBLIC), ek_certificate_pem (the EK certificate first,
     * then any vendor intermediates).
     */
    public static EnrollmentRequest parse(byte[] body) throws InvalidRequestException {
        ObjectNode o = Json.readObject(body);
        String name = Json.text(o, "host_name", MAX_TEXT);
        if (!HOST_NAME.matcher(name).matches()) {
            throw new InvalidRequestException("host_name '" + name + "' is not a host name (letters, digits, . _ : -)");
        }
        URI agentUrl = agentUrl(Json.text(o, "agent_url", MAX_URL));
        TpmtPublic ek = tpmPublic(o, "ek_public");
        TpmtPublic ak = tpmPublic(o, "ak_public");
        String certPem = Json.text(o, "ek_certificate_pem", 64 * 1024, true);
        List<X509Certificate> certs;
        try {
            certs = EkCertificates.parse(certPem);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("ek_certificate_pem: " + e.getMessage());
        }
        return new EnrollmentRequest(name, agentUrl, ek, certs.get(0), certs.subList(1, certs.size()), certPem, ak,
                Json.text(o, "bios_name", MAX_TEXT), Json.text(o, "bios_version", MAX_TEXT),
                Json.text(o, "vmm_name", MAX_TEXT), Json.text(o, "vmm_version", MAX_TEXT));
    }

    /** POST /hosts/activate: {"challenge_id": "32 hex", "secret": "base64"} */
    public static String challengeId(ObjectNode o) throws InvalidRequestException {
        String id = Json.text(o, "challenge_id", 64);
        if (!CHALLENGE_ID.matcher(id).matches()) {
            throw new InvalidRequestException("challenge_id must be 32 lowercase hex digits");
        }
        return id;
    }

    public static byte[] secret(ObjectNode o) throws InvalidRequestException {
        try {
            byte[] secret = Base64.getDecoder().decode(Json.text(o, "secret", 128));
            if (secret.length == 0 || secret.length > 64) {
                throw new InvalidRequestException("secret must be 1..64 bytes");
            }
            return secret;
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("secret is not base64");
        }
    }

    private static TpmtPublic tpmPublic(ObjectNode o, String field) throws InvalidRequestException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(Json.text(o, field, 4 * TpmtPublic.MAX_BYTES));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(field + " is not base64");
        }
        try {
            return TpmtPublic.parse(bytes);
        } catch (MalformedStructureException e) {
            throw new InvalidRequestException(field + ": " + e.getMessage());
        }
    }

    /** Where we will send challenges: plain http(s) to a host and port, nothing that hides where it goes. */
    static URI agentUrl(String s) throws InvalidRequestException {
        URI uri;
        try {
            uri = new URI(s);
        } catch (URISyntaxException e) {
            throw new InvalidRequestException("agent_url is not a URL: " + e.getReason());
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new InvalidRequestException("agent_url must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new InvalidRequestException("agent_url must name a host, without user info or fragment");
        }
        return uri;
    }
}
