package org.trustpool.restapi.util;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Checks the request headers the engine stores before any resource runs, so that a value the database
 * cannot hold is a 400 before anything changes rather than a change whose audit entry cannot be
 * written afterwards. Correlation-Id goes into audit_log.correlation_id (varchar(255)); it is also
 * echoed into logs, so only visible ASCII is taken (no line breaks to forge log lines with).
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestHeaders implements ContainerRequestFilter {
    public static final String CORRELATION_ID = "Correlation-Id";
    public static final int MAX_CORRELATION_ID = 255;

    @Override
    public void filter(ContainerRequestContext request) {
        try {
            if (request.getHeaders().containsKey(CORRELATION_ID) && request.getHeaders().get(CORRELATION_ID).size() > 1) {
                throw FaultException.badRequest("Give one Correlation-Id header, not several.");
            }
            checkCorrelationId(request.getHeaderString(CORRELATION_ID));
        } catch (FaultException e) {
            request.abortWith(e.getResponse());
        }
    }

    /** Null (absent) is fine; anything else must fit the audit log. */
    public static void checkCorrelationId(String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_CORRELATION_ID) {
            throw FaultException.badRequest("The Correlation-Id header is longer than " + MAX_CORRELATION_ID + " characters.");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw FaultException.badRequest("The Correlation-Id header may hold only printable ASCII characters.");
            }
        }
    }
}
