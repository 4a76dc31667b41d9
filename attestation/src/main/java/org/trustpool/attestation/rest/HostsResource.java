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
import org.trustpool.attestation.store.HostRecord;
import org.trustpool.attestation.store.RegisteredHost;

/**
 * Host registration by agents (registration token) and the hosts' records with their last
 * verdict and its reason (readers' token, or the engine's or admin's: see {@link Callers#reader}).
 * Deletion needs the admin token.
 */
@Path("hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HostsResource {

    private static final Logger LOG = Logger.getLogger(HostsResource.class.getName());

    @Inject
    AttestationRuntime runtime;

    @POST
    public Response register(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        Response denied = Guard.registration(runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        RegisteredHost host;
        try {
            host = HostRegistration.parse(Json.readBody(body));
        } catch (InvalidRequestException e) {
            return Responses.error(400, e.getMessage());
        }
        AttestationStore.Outcome outcome = runtime.store().register(host);
        HostRecord stored = runtime.store().host(host.name()).orElse(null);
        if (outcome == AttestationStore.Outcome.CONFLICT) {
            // An AIK swap is what an attacker who took over a host's name would try: the old
            // key's owner is the host we trusted. Only an administrator may re-key it.
            LOG.warning("registration of " + host.name() + " refused: it is registered with AIK "
                    + (stored != null ? stored.host().aikFingerprint() : "?") + ", the request brought " + host.aikFingerprint());
            return Responses.error(409, host.name() + " is registered with another AIK (sha256 "
                    + (stored != null ? stored.host().aikFingerprint() : "?") + "); an administrator must DELETE /hosts/"
                    + host.name() + " before it can register a new key");
        }
        if (stored == null) {
            return Responses.error(409, host.name() + " was deleted while it registered; register again");
        }
        LOG.info("host " + host.name() + " registration " + outcome.name().toLowerCase() + " (AIK " + host.aikFingerprint()
                + ", " + host.agentUrl() + ")");
        ObjectNode view = Views.host(stored);
        view.put("registration", outcome.name().toLowerCase());
        if (outcome == AttestationStore.Outcome.CREATED) {
            return Response.created(URI.create("hosts/" + host.name())).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Json.write(view)).build();
        }
        return Responses.json(200, view);
    }

    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Response denied = Callers.reader(runtime.callers(), runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        ObjectNode answer = Json.object();
        ArrayNode hosts = answer.putArray("hosts");
        runtime.store().hosts().forEach(r -> hosts.add(Views.host(r)));
        return Responses.json(200, answer);
    }

    @GET
    @Path("{name}")
    public Response get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        Response denied = Callers.reader(runtime.callers(), runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        return runtime.store().host(name).map(r -> Responses.json(200, Views.host(r)))
                .orElseGet(() -> Responses.error(404, "no registered host " + name));
    }

    @DELETE
    @Path("{name}")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        Response denied = Guard.admin(runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        if (!runtime.store().deleteHost(name)) {
            return Responses.error(404, "no registered host " + name);
        }
        LOG.info("host " + name + " deleted by the administrator; it may now register a new AIK");
        return Response.noContent().build();
    }
}
