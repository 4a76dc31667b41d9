package org.trustpool.attestation.rest;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.trustpool.attestation.store.StoreException;

/** Every failure leaves as {"error":"..."}: never a stack trace or an HTML page. */
final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    @Provider
    public static class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse() != null ? e.getResponse().getStatus() : 500;
            String message = switch (status) {
                case 404 -> "no such resource";
                case 405 -> "method not allowed here";
                case 415 -> "unsupported media type; send application/json";
                case 406 -> "only application/json is answered";
                default -> e.getMessage() != null ? e.getMessage() : "HTTP " + status;
            };
            return Responses.error(status, message);
        }
    }

    @Provider
    public static class Store implements ExceptionMapper<StoreException> {
        @Override
        public Response toResponse(StoreException e) {
            LOG.log(Level.SEVERE, e.getMessage(), e);
            return Responses.error(503, e.getMessage() + " (database unavailable; see the server log)");
        }
    }

    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override
        public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException w) {
                return new WebApplication().toResponse(w);
            }
            if (e instanceof StoreException s) {
                return new Store().toResponse(s);
            }
            LOG.log(Level.SEVERE, "unexpected failure", e);
            return Responses.error(500, "internal error: " + e.getClass().getSimpleName() + " (see the server log)");
        }
    }
}
