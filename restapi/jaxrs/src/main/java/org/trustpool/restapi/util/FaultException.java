package org.trustpool.restapi.util;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.trustpool.api.model.Fault;

/** Ends a request with an oVirt fault document and the given status. */
public class FaultException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    public FaultException(Response.Status status, String reason, String detail) {
        super(detail, response(status.getStatusCode(), reason, detail));
    }

    public static Response response(int status, String reason, String detail) {
        Fault fault = new Fault();
        fault.setReason(reason);
        fault.setDetail(detail);
        return Response.status(status).type(MediaType.APPLICATION_XML_TYPE).entity(fault).build();
    }

    public static FaultException badRequest(String detail) {
        return new FaultException(Response.Status.BAD_REQUEST, "Incomplete parameters", detail);
    }

    public static FaultException notFound(String detail) {
        return new FaultException(Response.Status.NOT_FOUND, "Not Found", detail);
    }
}
