package org.trustpool.attestation.store;

import java.net.URI;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;

/** A host as its agent registered it: where to challenge it, the AIK that must sign its quotes, what it runs. */
public record RegisteredHost(String name, URI agentUrl, RSAPublicKey aik, String aikPem, String aikFingerprint,
                             String biosName, String biosVersion, String vmmName, String vmmVersion,
                             Instant registeredAt, Instant updatedAt) {

    /** Same key and same data: a repeated registration that changes nothing. */
    public boolean sameRegistration(RegisteredHost o) {
        return name.equals(o.name) && agentUrl.equals(o.agentUrl) && aikFingerprint.equals(o.aikFingerprint)
                && biosName.equals(o.biosName) && biosVersion.equals(o.biosVersion) && vmmName.equals(o.vmmName)
                && vmmVersion.equals(o.vmmVersion);
    }
}
