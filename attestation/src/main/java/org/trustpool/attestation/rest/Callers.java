package org.trustpool.attestation.rest;

import jakarta.ws.rs.core.Response;

import org.trustpool.attestation.config.AttestationConfig;
import org.trustpool.attestation.config.CallerTokens;
import org.trustpool.attestation.config.Tokens;

/**
 * The engine's and the readers' doors (the admin's and the agents' are {@link Guard}'s).
 * Every comparison runs whatever the earlier ones found, so the time an answer takes does not
 * tell which token a guess came close to.
 */
final class Callers {

    /** What a door decides, as the HTTP status it answers with (0: let in). */
    enum Decision {
        ALLOWED(0), UNAUTHORIZED(401), NOT_CONFIGURED(503);

        final int status;

        Decision(int status) {
            this.status = status;
        }
    }

    private Callers() {
    }

    /**
     * PollHosts makes the service challenge hosts and store verdicts: only the engine may ask.
     * Not even the admin token: an administrator has no reason to drive attestation by hand, and
     * a token that can do everything is one a leaked script should not hold.
     */
    static Decision engineDecision(CallerTokens tokens, String authorization) {
        if (!tokens.engineTokenSet()) {
            return Decision.NOT_CONFIGURED;
        }
        return Tokens.matches(Tokens.bearer(authorization), tokens.engineToken()) ? Decision.ALLOWED : Decision.UNAUTHORIZED;
    }

    /**
     * The registered hosts (with their agents' addresses and the reasons of their verdicts) and the
     * whitelist tell an attacker which hosts are weak and which measurements pass: readers only.
     * The engine's and the admin's tokens read too.
     */
    static Decision readerDecision(CallerTokens tokens, AttestationConfig config, String authorization) {
        if (!tokens.readerTokenSet() && !tokens.engineTokenSet() && !config.adminTokenSet()) {
            return Decision.NOT_CONFIGURED;
        }
        String presented = Tokens.bearer(authorization);
        boolean reader = Tokens.matches(presented, tokens.readerToken());
        boolean engine = Tokens.matches(presented, tokens.engineToken());
        boolean admin = Tokens.matches(presented, config.adminToken());
        return reader | engine | admin ? Decision.ALLOWED : Decision.UNAUTHORIZED;
    }

    /** @return null when allowed, else the answer to send */
    static Response engine(CallerTokens tokens, String authorization) {
        return switch (engineDecision(tokens, authorization)) {
            case ALLOWED -> null;
            case NOT_CONFIGURED -> Responses.error(503, "no engine token is configured (trustpool.attestation.engineToken)");
            case UNAUTHORIZED -> Responses.unauthorized("PollHosts answers the engine only: Authorization: Bearer <engine token>");
        };
    }

    /** @return null when allowed, else the answer to send */
    static Response reader(CallerTokens tokens, AttestationConfig config, String authorization) {
        return switch (readerDecision(tokens, config, authorization)) {
            case ALLOWED -> null;
            case NOT_CONFIGURED -> Responses.error(503, "no reader token is configured (trustpool.attestation.readerToken)");
            case UNAUTHORIZED -> Responses.unauthorized("reading this needs the reader token (or the engine's or admin's):"
                    + " Authorization: Bearer <token>");
        };
    }
}
