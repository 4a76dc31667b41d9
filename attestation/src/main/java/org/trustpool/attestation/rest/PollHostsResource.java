package org.trustpool.attestation.rest;

import java.io.InputStream;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.trustpool.attestation.poll.Verdict;
import org.trustpool.attestation.store.RegisteredHost;

/**
 * POST /AttestationService/resources/PollHosts, as oVirt and Nova call it, with two additions:
 * the engine's token (only the engine may make the service challenge hosts; without it 401), and
 * a signature on every entry of the answer (see {@link #poll}). The work a caller can cause is
 * bounded by the parallelism and the deadline.
 */
@Path("PollHosts")
@RequestScoped
public class PollHostsResource {

    @Inject
    AttestationRuntime runtime;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response poll(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        Response denied = Callers.engine(runtime.callers(), authorization);
        if (denied != null) {
            return denied;
        }
        if (runtime.signer() == null) {
            // an unsigned verdict is worth nothing to the engine (it reads it as unknown): say why here
            return Responses.error(503, "no signing key is configured (trustpool.attestation.signingKey/signingCert)");
        }
        List<String> names;
        String requestNonce;
        try {
            byte[] bytes = Json.readBody(body);
            names = PollHostsRequest.parse(bytes);
            requestNonce = PollHostsRequest.requestNonce(bytes);
        } catch (InvalidRequestException e) {
            return Responses.error(400, e.getMessage());
        }
        // Which machine each name stood for: the engine compares it with the host it manages under that
        // name, so that a machine registered under someone else's name cannot answer for it. The poll
        // challenges these very registrations (one read), so the agent_url reported is the one challenged.
        Map<String, RegisteredHost> registered = runtime.store().findHosts(names);
        // Each entry is signed as soon as its verdict is known, while the poll still waits for slower hosts, so
        // signing adds little to the answer's time; an entry is used only for the very verdict the poll returns.
        Map<Verdict, ObjectNode> signed = new IdentityHashMap<>();
        List<Verdict> verdicts = runtime.pollHosts().poll(names, registered, v -> signed.put(v, signedEntry(v, registered, requestNonce)));
        ObjectNode answer = Json.object();
        ArrayNode hosts = answer.putArray("hosts");
        for (Verdict v : verdicts) {
            ObjectNode entry = signed.get(v);
            hosts.add(entry != null ? entry : signedEntry(v, registered, requestNonce));
        }
        return Responses.json(200, answer);
    }

    private ObjectNode signedEntry(Verdict v, Map<String, RegisteredHost> registered, String requestNonce) {
        ObjectNode entry = Views.pollEntry(v, registered.get(v.hostName()));
        // What the signature binds, besides the verdict itself: the challenge whose quote was
        // verified, and the engine's nonce for this request. Without the latter a man in the
        // middle could replay an old signed "trusted" (recorded before the host was tampered
        // with) for as long as its vtime looks fresh; with it, an answer counts only for the
        // request it was made for. Signing comes last, so it covers every field of the entry.
        if (v.challenge() != null) {
            entry.put("challenge", v.challenge());
        }
        if (requestNonce != null) {
            entry.put("request_nonce", requestNonce);
        }
        return runtime.signer().sign(entry);
    }
}
