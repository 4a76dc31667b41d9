package org.trustpool.restapi.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.trustpool.bll.EngineConfig;
import org.trustpool.bll.auditlog.AuditLogDirector;
import org.trustpool.bll.user.LoginService;
import org.trustpool.common.businessentities.DbUser;
import org.trustpool.common.businessentities.Role;
import org.trustpool.common.utils.PasswordHash;
import org.trustpool.dal.AuditLogDao;
import org.trustpool.dal.DbUserDao;
import org.trustpool.dal.LoginFailureStore;
import org.trustpool.dal.SsoTokenDao;
import org.trustpool.dal.VdcOptionDao;

class AuthFilterTest {
    private final DbUserDao users = mock(DbUserDao.class);
    private final SsoTokenDao tokens = mock(SsoTokenDao.class);
    private final AuthFilter filter = new AuthFilter();

    @BeforeEach
    void setUp() throws Exception {
        Field logins = AuthFilter.class.getDeclaredField("logins");
        logins.setAccessible(true);
        LoginFailureStore failures = mock(LoginFailureStore.class); // never backing off: each attempt is checked
        when(failures.waitFor(any(), any())).thenReturn(new LoginFailureStore.Wait(0, false));
        when(failures.recordFailure(any(), any(), anyInt(), anyInt(), anyInt(), anyInt())).thenReturn(new LoginFailureStore.Failure(1, 1, 1, 0));
        VdcOptionDao options = mock(VdcOptionDao.class); // no rate limit in the way of these tests' many checks
        when(options.get("LoginHashesPerSecond")).thenReturn(new org.trustpool.common.businessentities.VdcOption("LoginHashesPerSecond", "1000"));
        logins.set(filter, new LoginService(users, failures, new EngineConfig(options),
                new AuditLogDirector(mock(AuditLogDao.class)), Clock.systemUTC(), 1_000));
        Field tokenDao = AuthFilter.class.getDeclaredField("tokens");
        tokenDao.setAccessible(true);
        tokenDao.set(filter, tokens);
        when(tokens.getUser(Credentials.hashToken("good-token"))).thenReturn(user("viewer", Role.READ_ONLY, "look"));
        when(users.getByNameAndDomain("admin", "internal")).thenReturn(user("admin", Role.ADMIN, "secret"));
        when(users.getByNameAndDomain("viewer", "internal")).thenReturn(user("viewer", Role.READ_ONLY, "look"));
        when(users.getByNameAndDomain("nopass", "internal")).thenReturn(user("nopass", Role.ADMIN, null));
    }

    private static DbUser user(String name, Role role, String password) {
        DbUser u = new DbUser();
        u.setName(name);
        u.setRole(role);
        u.setPasswordHash(password == null ? null : PasswordHash.hash(password, 1_000));
        return u;
    }

    private static ContainerRequestContext request(String method, String authorization) {
        ContainerRequestContext request = mock(ContainerRequestContext.class);
        when(request.getMethod()).thenReturn(method);
        when(request.getHeaderString("Authorization")).thenReturn(authorization);
        return request;
    }

    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    private static int abortedWith(ContainerRequestContext request) {
        ArgumentCaptor<Response> response = ArgumentCaptor.forClass(Response.class);
        verify(request).abortWith(response.capture());
        return response.getValue().getStatus();
    }

    @Test
    void rightPasswordPassesAndNamesTheUser() {
        ContainerRequestContext request = request("POST", basic("admin@internal:secret"));
        filter.filter(request);
        verify(request, never()).abortWith(any());
        ArgumentCaptor<SecurityContext> security = ArgumentCaptor.forClass(SecurityContext.class);
        verify(request).setSecurityContext(security.capture());
        assertEquals("admin@internal", security.getValue().getUserPrincipal().getName());
        assertTrue(security.getValue().isUserInRole("ADMIN"));
    }

    @Test
    void missingWrongOrMalformedCredentialsAre401() {
        for (String header : new String[] {null, basic("admin@internal:wrong"), basic("ghost@internal:x"),
                basic("admin:secret"), "Basic !!!", "Bearer ", "Digest abc", basic("nopass@internal:")}) {
            ContainerRequestContext request = request("GET", header);
            filter.filter(request);
            assertEquals(401, abortedWith(request), String.valueOf(header));
        }
    }

    @Test
    void bearerTokenIsLookedUpByItsHash() {
        ContainerRequestContext request = request("GET", "Bearer good-token");
        filter.filter(request);
        verify(request, never()).abortWith(any());
        ContainerRequestContext unknown = request("GET", "Bearer other-token");
        filter.filter(unknown);
        assertEquals(401, abortedWith(unknown));
    }

    @Test
    void readOnlyUserReadsButCannotChange() {
        ContainerRequestContext read = request("GET", basic("viewer@internal:look"));
        filter.filter(read);
        verify(read, never()).abortWith(any());
        ContainerRequestContext write = request("DELETE", basic("viewer@internal:look"));
        filter.filter(write);
        assertEquals(403, abortedWith(write));
    }

    @Test
    void anAddressThatIsBackingOffGets429WithRetryAfterAndNoPasswordIsChecked() throws Exception {
        LoginFailureStore failures = mock(LoginFailureStore.class);
        when(failures.waitFor(any(), any())).thenReturn(new LoginFailureStore.Wait(8, false));
        Field logins = AuthFilter.class.getDeclaredField("logins");
        logins.setAccessible(true);
        logins.set(filter, new LoginService(users, failures, new EngineConfig(mock(VdcOptionDao.class)),
                new AuditLogDirector(mock(AuditLogDao.class)), Clock.systemUTC(), 1_000));
        ContainerRequestContext request = request("GET", basic("admin@internal:secret"));
        filter.filter(request);
        ArgumentCaptor<Response> response = ArgumentCaptor.forClass(Response.class);
        verify(request).abortWith(response.capture());
        assertEquals(429, response.getValue().getStatus());
        assertEquals("8", response.getValue().getHeaderString("Retry-After"));
        verify(failures, never()).recordFailure(any(), any(), anyInt(), anyInt(), anyInt(), anyInt());
    }
}
