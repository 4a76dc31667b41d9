package org.trustpool.attestation.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.interfaces.RSAPublicKey;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.trustpool.attestation.store.RegisteredHost;
import org.trustpool.attestation.verify.Aik;

/** The body of POST /hosts, checked field by field. */
public final class HostRegistration {

    /** Host names as DNS and the engine know them (letters, digits, dot, dash, underscore, colon). */
    static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,254}");
    static final int MAX_URL = 2048;
    static final int MAX_TEXT = 255;

    private HostRegistration() {
    }

    public static RegisteredHost parse(byte[] body) throws InvalidRequestException {
        ObjectNode o = Json.readObject(body);
        String name = Json.text(o, "host_name", MAX_TEXT);
        if (!HOST_NAME.matcher(name).matches()) {
            throw new InvalidRequestException("host_name '" + name + "' is not a host name (letters, digits, . _ : -)");
        }
        URI agentUrl = agentUrl(Json.text(o, "agent_url", MAX_URL));
        RSAPublicKey aik;
        try {
            aik = Aik.parsePem(Json.text(o, "aik_public_pem", 8192, true));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        return new RegisteredHost(name, agentUrl, aik, Aik.toPem(aik), Aik.fingerprint(aik),
                Json.text(o, "bios_name", MAX_TEXT), Json.text(o, "bios_version", MAX_TEXT),
                Json.text(o, "vmm_name", MAX_TEXT), Json.text(o, "vmm_version", MAX_TEXT), null, null);
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
