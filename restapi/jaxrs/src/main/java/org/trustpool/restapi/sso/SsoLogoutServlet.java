package org.trustpool.restapi.sso;

import java.io.IOException;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.trustpool.dal.SsoTokenDao;
import org.trustpool.restapi.security.Credentials;

/** Where the oVirt SDKs revoke their token on close: the token stops working at once. */
@WebServlet("/services/sso-logout")
public class SsoLogoutServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    private SsoTokenDao tokens;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String token = request.getParameter("token");
        if (token != null && !token.isBlank()) {
            // Knowing a token is the proof needed to end it; revoking someone else's token needs that token.
            tokens.remove(Credentials.hashToken(token));
        }
        Json.write(response, 200, Map.of());
    }
}
