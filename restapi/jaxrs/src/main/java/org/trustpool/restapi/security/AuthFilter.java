package org.trustpool.restapi.security;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import org.trustpool.bll.user.LoginResult;
import org.trustpool.bll.user.LoginService;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.dal.SsoTokenDao;
import org.trustpool.restapi.util.FaultException;

/**
 * HTTP Basic authentication against the users table, and the coarse role check: only an admin
 * changes anything. Runs before every resource; nothing is reachable without it.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthFilter implements ContainerRequestFilter {
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    private LoginService logins;

    @Inject
    private SsoTokenDao tokens;

    /** For the client's address (the per-source login limit); absent outside a servlet container. */
    @Context
    private HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        LoginResult result = authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (result.throttled()) {
            // Not checked at all: this address is backing off, or password checking is at its bound. 429 with
            // the wait, so a script knows to slow down; it says nothing about whether the account exists.
            request.abortWith(Response.fromResponse(FaultException.response(429, "Too Many Requests",
                    "Too many login attempts from this address for this account, or the engine is busy checking passwords;"
                            + " try again in " + result.retryAfterSeconds() + " seconds. Logins from other addresses are not affected."))
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(result.retryAfterSeconds())).build());
            return;
        }
        DbUser user = result.user();
        if (user == null) {
            // The same answer for unknown user and wrong password, so the API does not reveal which users exist.
            Response.ResponseBuilder unauthorized = Response.fromResponse(FaultException.response(401, "Unauthorized",
                    "Give a user and password with HTTP Basic authentication (e.g. admin@internal), or a token from /ovirt-engine/sso/oauth/token as Bearer."
                            + " After wrong passwords, further attempts from the same address wait a while."));
            // A browser page (the portal) handles 401 itself; the Basic challenge would make the browser pop up its own dialog.
            if (!"XMLHttpRequest".equals(request.getHeaderString("X-Requested-With"))) {
                unauthorized.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"RESTAPI\"");
            }
            request.abortWith(unauthorized.build());
            return;
        }
        if (!READ_METHODS.contains(request.getMethod()) && user.getRole() != Role.ADMIN) {
            request.abortWith(FaultException.response(403, "Forbidden", "User " + user.getLoginName() + " may only read."));
            return;
        }
        String login = user.getLoginName();
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override public Principal getUserPrincipal() { return () -> login; }
            @Override public boolean isUserInRole(String role) { return user.getRole().name().equals(role); }
            @Override public boolean isSecure() { return secure; }
            @Override public String getAuthenticationScheme() { return BASIC_AUTH; }
        });
    }

    private LoginResult authenticate(String header) {
        if (header == null) {
            return NOBODY;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // Tokens come from /ovirt-engine/sso/oauth/token (the oVirt SDKs use them); the table holds only hashes.
            // A token is a random 256-bit value looked up by its SHA-256: nothing to guess, no hashing to bound.
            String token = header.substring(7).trim();
            return new LoginResult(token.isEmpty() || token.length() > 512 ? null : tokens.getUser(Credentials.hashToken(token)), 0);
        }
        if (!header.regionMatches(true, 0, "Basic ", 0, 6) || header.length() > 4096) {
            return NOBODY;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return NOBODY;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? NOBODY : logins.login(decoded.substring(0, colon), decoded.substring(colon + 1),
                servletRequest == null ? null : servletRequest.getRemoteAddr());
    }

    private static final LoginResult NOBODY = new LoginResult(null, 0);
}
