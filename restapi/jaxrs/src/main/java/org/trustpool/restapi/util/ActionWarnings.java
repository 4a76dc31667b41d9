package org.trustpool.restapi.util;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Hands the caller the warnings of the actions its request ran (an action that succeeded but whose
 * audit entry could not be written, ...) as HTTP Warning headers (RFC 7234, code 199 "miscellaneous"),
 * so a script sees them beside its 200/201 and they are never only in the server's log.
 */
@Provider
public class ActionWarnings implements ContainerResponseFilter {
    private static final String ATTRIBUTE = ActionWarnings.class.getName();

    @Context
    private HttpServletRequest servletRequest;

    /** Called by a resource for each warning of an action it ran in this request. */
    @SuppressWarnings("unchecked")
    public static void add(HttpServletRequest request, List<String> warnings) {
        if (request == null || warnings.isEmpty()) {
            return;
        }
        List<String> all = (List<String>) request.getAttribute(ATTRIBUTE);
        if (all == null) {
            all = new ArrayList<>();
            request.setAttribute(ATTRIBUTE, all);
        }
        all.addAll(warnings);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        List<String> warnings = servletRequest == null ? null : (List<String>) servletRequest.getAttribute(ATTRIBUTE);
        if (warnings == null) {
            return;
        }
        for (String warning : warnings) {
            response.getHeaders().add("Warning", header(warning));
        }
    }

    /** 199 - "text", with the text made safe for a quoted header value. */
    static String header(String warning) {
        StringBuilder text = new StringBuilder();
        for (char c : warning.toCharArray()) {
            text.append(c < 0x20 || c > 0x7e ? ' ' : c == '"' || c == '\\' ? '\'' : c);
        }
        return "199 - \"" + text + "\"";
    }
}
