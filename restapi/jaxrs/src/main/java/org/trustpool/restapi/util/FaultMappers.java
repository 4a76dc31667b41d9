package org.trustpool.restapi.util;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.xml.bind.JAXBException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Every error leaves as a fault document with the right status, never a stack trace or an HTML page.
 */
public final class FaultMappers {
    private static final Logger LOG = Logger.getLogger(FaultMappers.class.getName());

    private FaultMappers() {
    }

    /** JAX-RS's own errors (404 no such path, 405, 415, 400 unreadable body): keep the status, write a fault. */
    @Provider
    public static class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            if (original != null && original.hasEntity()) {
                return original;
            }
            int status = original != null ? original.getStatus() : 500;
            String reason = Response.Status.fromStatusCode(status) != null ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Error";
            // A body the XML reader could not parse says so in its own words; other messages may leak internals.
            String detail = status == 400 ? "The request body is not a valid document: " + rootMessage(e) : reason;
            return FaultException.response(status, reason, detail);
        }
    }

    /** A body that is not well-formed XML, has a DOCTYPE (refused: XXE), or does not fit api.xsd. */
    @Provider
    public static class XmlBindingMapper implements ExceptionMapper<JAXBException> {
        @Override
        public Response toResponse(JAXBException e) {
            return FaultException.response(400, "Bad Request", "The request body is not a valid document: " + rootMessage(e));
        }
    }

    /** Bad values found while mapping (an id that is no UUID, a version without minor ...). */
    @Provider
    public static class IllegalArgumentMapper implements ExceptionMapper<IllegalArgumentException> {
        @Override
        public Response toResponse(IllegalArgumentException e) {
            return FaultException.response(400, "Invalid value", e.getMessage());
        }
    }

    /** Anything else is our bug: logged in full, answered without details. */
    @Provider
    public static class AnyExceptionMapper implements ExceptionMapper<Exception> {
        @Override
        public Response toResponse(Exception e) {
            LOG.log(Level.SEVERE, "request failed", e);
            return FaultException.response(500, "Internal Server Error", "The engine failed to process the request; see the engine log.");
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        // Parser messages are short and about the document; cut anything long to keep responses small.
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
