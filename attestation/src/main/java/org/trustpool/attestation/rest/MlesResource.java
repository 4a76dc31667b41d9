package org.trustpool.attestation.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.trustpool.attestation.store.AttestationStore;
import org.trustpool.attestation.whitelist.Mle;

/** The whitelist ("good/known database"): changed with the admin token only, read with a reader's token. */
@Path("mles")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MlesResource {

    private static final Logger LOG = Logger.getLogger(MlesResource.class.getName());

    @Inject
    AttestationRuntime runtime;

    @POST
    public Response add(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        Response denied = Guard.admin(runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        Mle mle;
        try {
            mle = MleRequest.parse(Json.readBody(body));
        } catch (InvalidRequestException e) {
            return Responses.error(400, e.getMessage());
        }
        AttestationStore.MleOutcome outcome = runtime.store().addMle(mle);
        Mle stored = outcome.mle();
        switch (outcome.outcome()) {
            case CREATED -> {
                LOG.info("whitelisted " + stored.type() + " '" + stored.name() + "' " + stored.version() + " as MLE "
                        + stored.id() + " " + stored.pcrs());
                return Response.created(URI.create("mles/" + stored.id())).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Json.write(Views.mle(stored))).build();
            }
            case UNCHANGED -> {
                return Responses.json(200, Views.mle(stored));
            }
            default -> {
                // Replacing values in place would silently change what existing verdicts meant:
                // a new version is a new MLE, an old one is deleted explicitly.
                ObjectNode error = Json.object();
                error.put("error", stored.type() + " '" + stored.name() + "' " + stored.version()
                        + " is whitelisted with other PCR values as MLE " + stored.id()
                        + "; delete it first or whitelist another version");
                error.set("existing", Views.mle(stored));
                return Responses.json(409, error);
            }
        }
    }

    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Response denied = Callers.reader(runtime.callers(), runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        ObjectNode answer = Json.object();
        ArrayNode mles = answer.putArray("mles");
        runtime.store().mles().forEach(m -> mles.add(Views.mle(m)));
        return Responses.json(200, answer);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id) {
        Response denied = Guard.admin(runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        long mleId;
        try {
            mleId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Responses.error(400, "an MLE id is a number, not '" + id + "'");
        }
        if (!runtime.store().deleteMle(mleId)) {
            return Responses.error(404, "no MLE " + mleId);
        }
        LOG.info("MLE " + mleId + " removed from the whitelist");
        return Response.noContent().build();
    }
}
