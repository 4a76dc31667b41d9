package org.trustpool.attestation.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.Base64;
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

import org.trustpool.attestation.enroll.EnrollmentRequest;
import org.trustpool.attestation.enroll.EnrollmentService;
import org.trustpool.attestation.store.AttestationStore;
import org.trustpool.attestation.store.HostRecord;
import org.trustpool.attestation.store.RegisteredHost;

/**
 * Host enrollment by agents (registration token, then proof by credential activation) and the
 * hosts' records with their last verdict and its reason (readers' token, or the engine's or admin's:
 * see {@link Callers#reader}). Deletion, approval and rejection need the admin token.
 */
@Path("hosts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HostsResource {

    private static final Logger LOG = Logger.getLogger(HostsResource.class.getName());

    @Inject
    AttestationRuntime runtime;

    /**
     * Step one of enrollment: checks the EK certificate and the AK, and answers 202 with a
     * credential challenge ({@code challenge_id}, {@code credential_blob}: tpm2-tools' credential
     * file, base64) that only the TPM holding both keys can open; or 200 "unchanged" when the name
     * is already bound to exactly this; or the reason for refusing (400, 403, 409, 503).
     */
    @POST
    public Response register(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        Response denied = Guard.registration(runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        EnrollmentRequest request;
        try {
            request = HostRegistration.parse(Json.readBody(body));
        } catch (InvalidRequestException e) {
            return Responses.error(400, e.getMessage());
        }
        return answer(runtime.enrollment().begin(request));
    }

    /** Step two: {"challenge_id", "secret"}; the name is bound only if the secret is the one we wrapped. */
    @POST
    @Path("activate")
    public Response activate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        Response denied = Guard.registration(runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        String id;
        byte[] secret;
        try {
            ObjectNode o = Json.readObject(Json.readBody(body));
            id = HostRegistration.challengeId(o);
            secret = HostRegistration.secret(o);
        } catch (InvalidRequestException e) {
            return Responses.error(400, e.getMessage());
        }
        return answer(runtime.enrollment().finish(id, secret));
    }

    private static Response answer(EnrollmentService.Result result) {
        if (result instanceof EnrollmentService.Refused r) {
            return Responses.error(r.status(), r.reason());
        }
        if (result instanceof EnrollmentService.Challenge c) {
            ObjectNode o = Json.object();
            o.put("challenge_id", c.challengeId());
            o.put("credential_blob", Base64.getEncoder().encodeToString(c.credentialBlob()));
            o.put("expires_at", Views.time(c.expiresAt()));
            o.put("ek_sha256", c.ekFingerprint());
            return Responses.json(202, o);
        }
        EnrollmentService.Enrolled e = (EnrollmentService.Enrolled) result;
        if (e.host() == null) {
            return Responses.error(409, "the host was deleted while it enrolled; register again");
        }
        ObjectNode view = Views.host(e.host());
        view.put("registration", e.outcome().name().toLowerCase());
        if (e.outcome() == AttestationStore.Outcome.CREATED) {
            return Response.created(URI.create("hosts/" + e.host().host().name())).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(Json.write(view)).build();
        }
        return Responses.json(200, view);
    }

    /** The approval policy's manual mode: an administrator lets a held EK's verdicts count ... */
    @POST
    @Path("{name}/approve")
    public Response approve(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        return setApproval(authorization, name, RegisteredHost.Approval.APPROVED);
    }

    /** ... or refuses it: the host stays untrusted until approved (or deleted and enrolled anew). */
    @POST
    @Path("{name}/reject")
    public Response reject(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("name") String name) {
        return setApproval(authorization, name, RegisteredHost.Approval.REJECTED);
    }

    private Response setApproval(String authorization, String name, RegisteredHost.Approval approval) {
        Response denied = Guard.admin(runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        if (!runtime.store().setApproval(name, approval)) {
            return Responses.error(404, "no registered host " + name);
        }
        HostRecord r = runtime.store().host(name).orElse(null);
        if (r == null) {
            return Responses.error(404, "no registered host " + name);
        }
        LOG.info("host " + name + " (EK " + EnrollmentService.ekOf(r.host()) + ") " + approval.wire() + " by the administrator");
        return Responses.json(200, Views.host(r));
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
        HostRecord before = runtime.store().host(name).orElse(null);
        if (before == null || !runtime.store().deleteHost(name)) {
            return Responses.error(404, "no registered host " + name);
        }
        LOG.info("host " + name + " (EK " + EnrollmentService.ekOf(before.host()) + ") deleted by the administrator; the name may now enroll with another TPM");
        return Response.noContent().build();
    }
}
