package org.trustpool.restapi.security;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.common.utils.PasswordHash;
import org.trustpool.dal.DbUserDao;
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
    private DbUserDao userDao;

    @Override
    public void filter(ContainerRequestContext request) {
        DbUser user = authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (user == null) {
            // The same answer for unknown user and wrong password, so the API does not reveal which users exist.
            request.abortWith(Response.fromResponse(FaultException.response(401, "Unauthorized",
                    "Give a user and password with HTTP Basic authentication, e.g. admin@internal."))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"RESTAPI\"").build());
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

    private DbUser authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        int at = colon < 0 ? -1 : decoded.lastIndexOf('@', colon);
        if (colon < 0 || at <= 0) {
            return null;
        }
        DbUser user = userDao.getByNameAndDomain(decoded.substring(0, at), decoded.substring(at + 1, colon));
        // A user without a password hash (admin before the launcher set one) can never log in.
        if (user == null || user.getPasswordHash() == null
                || !PasswordHash.verify(decoded.substring(colon + 1), user.getPasswordHash())) {
            return null;
        }
        return user;
    }
}
