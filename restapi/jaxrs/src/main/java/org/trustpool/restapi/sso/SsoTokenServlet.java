package org.trustpool.restapi.sso;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.user.LoginResult;
import org.trustpool.bll.user.LoginService;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.dal.SsoTokenDao;
import org.trustpool.restapi.security.Credentials;

/**
 * oVirt's SSO token endpoint, as the official SDKs call it: POST form grant_type=password,
 * scope=ovirt-app-api, username, password; answers JSON with access_token, or error/error_code.
 */
@WebServlet("/sso/oauth/token")
public class SsoTokenServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(SsoTokenServlet.class.getName());
    static final String SCOPE = "ovirt-app-api";

    @Inject
    private LoginService logins;

    @Inject
    private SsoTokenDao tokens;

    @Inject
    private EngineConfig config;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Credentials only in the body of a POST: a password in a URL ends up in logs and histories.
        if (request.getQueryString() != null && request.getQueryString().contains("password")) {
            Json.error(response, 400, "invalid_request", "Send the password in the request body, not in the URL.");
            return;
        }
        String grantType = request.getParameter("grant_type");
        if (!"password".equals(grantType)) {
            Json.error(response, 400, "unsupported_grant_type", "Only grant_type=password is supported.");
            return;
        }
        String scope = request.getParameter("scope");
        if (scope != null && !scope.isBlank() && !scope.contains(SCOPE)) {
            Json.error(response, 400, "invalid_scope", "The scope must include " + SCOPE + ".");
            return;
        }
        String username = request.getParameter("username");
        LoginResult login = logins.login(username, request.getParameter("password"), request.getRemoteAddr());
        if (login.throttled()) {
            response.setHeader("Retry-After", String.valueOf(login.retryAfterSeconds()));
            Json.error(response, 429, "temporarily_unavailable", "Too many login attempts from this address for this account, or the engine"
                    + " is busy checking passwords; try again in " + login.retryAfterSeconds() + " seconds.");
            return;
        }
        DbUser user = login.user();
        if (user == null) {
            LOG.info("SSO login refused for '" + username + "'");
            Json.error(response, 401, "access_denied", "Cannot authenticate user '" + username + "': wrong user name or password.");
            return;
        }
        tokens.removeExpired();
        String token = Credentials.newToken();
        Instant expires = Instant.now().plus(config.getInt("SsoTokenLifetimeMinutes", 600), ChronoUnit.MINUTES);
        tokens.save(Credentials.hashToken(token), user.getId(), SCOPE, expires);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("scope", SCOPE);
        body.put("exp", String.valueOf(expires.toEpochMilli()));
        body.put("token_type", "bearer");
        Json.write(response, 200, body);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Json.error(response, 405, "invalid_request", "Use POST with a form body.");
    }
}
