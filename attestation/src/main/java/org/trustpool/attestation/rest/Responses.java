package org.trustpool.attestation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** JSON answers, and errors as {"error":"..."} with their status. */
final class Responses {

    private Responses() {
    }

    static Response json(int status, JsonNode body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.write(body)).build();
    }

    static Response error(int status, String message) {
        ObjectNode o = Json.object();
        o.put("error", message);
        return json(status, o);
    }

    static Response unauthorized(String message) {
        ObjectNode o = Json.object();
        o.put("error", message);
        return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", "Bearer realm=\"AttestationService\"")
                .entity(Json.write(o)).build();
    }
}
