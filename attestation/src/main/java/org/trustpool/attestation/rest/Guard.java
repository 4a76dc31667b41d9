package org.trustpool.attestation.rest;

import jakarta.ws.rs.core.Response;

import org.trustpool.attestation.config.AttestationConfig;
import org.trustpool.attestation.config.Tokens;

/** Who may do what: the admin token for the whitelist and deletions, the registration token (or admin's) for agents. */
final class Guard {

    private Guard() {
    }

    /** @return null when allowed, else the answer to send */
    static Response admin(AttestationConfig config, String authorization) {
        if (!config.adminTokenSet()) {
            return Responses.error(503, "no admin token is configured (trustpool.attestation.adminToken)");
        }
        return Tokens.matches(Tokens.bearer(authorization), config.adminToken()) ? null
                : Responses.unauthorized("this needs the admin token: Authorization: Bearer <token>");
    }

    static Response registration(AttestationConfig config, String authorization) {
        if (!config.registrationTokenSet() && !config.adminTokenSet()) {
            return Responses.error(503, "no registration token is configured (trustpool.attestation.registrationToken)");
        }
        String presented = Tokens.bearer(authorization);
        // both comparisons always run, so timing does not tell which token was tried
        boolean registration = Tokens.matches(presented, config.registrationToken());
        boolean admin = Tokens.matches(presented, config.adminToken());
        return registration | admin ? null
                : Responses.unauthorized("registering needs the registration token: Authorization: Bearer <token>");
    }
}
