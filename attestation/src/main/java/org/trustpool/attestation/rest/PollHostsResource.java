package org.trustpool.attestation.rest;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.trustpool.attestation.poll.Verdict;
import org.trustpool.attestation.store.RegisteredHost;

/**
 * POST /AttestationService/resources/PollHosts, as oVirt and Nova call it. No token: the
 * engine of OpenAttestation's protocol sends none; the answer carries only verdicts, and the
 * work a caller can cause is bounded by the parallelism and the deadline.
 */
@Path("PollHosts")
@RequestScoped
public class PollHostsResource {

    @Inject
    AttestationRuntime runtime;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response poll(InputStream body) {
        List<String> names;
        try {
            names = PollHostsRequest.parse(Json.readBody(body));
        } catch (InvalidRequestException e) {
            return Responses.error(400, e.getMessage());
        }
        List<Verdict> verdicts = runtime.pollHosts().poll(names);
        // Which machine each name stood for: the engine compares it with the host it manages under that
        // name, so that a machine registered under someone else's name cannot answer for it.
        Map<String, RegisteredHost> registered = runtime.store().findHosts(names);
        ObjectNode answer = Json.object();
        ArrayNode hosts = answer.putArray("hosts");
        verdicts.forEach(v -> hosts.add(Views.pollEntry(v, registered.get(v.hostName()))));
        return Responses.json(200, answer);
    }
}
