package org.trustpool.attestation.rest;

import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Pattern;

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

import org.trustpool.attestation.enroll.EkCertificates;
import org.trustpool.attestation.store.AttestationStore;
import org.trustpool.attestation.store.Enrollment;

/**
 * The trusted EK CAs (TPM vendors' certificates, the demo's manufacturer CA): only EK
 * certificates that chain to one of them can enroll. Every call needs the admin token: who may
 * change this list decides which machines may be called TPMs.
 */
@Path("ekcas")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class EkCasResource {

    private static final Logger LOG = Logger.getLogger(EkCasResource.class.getName());
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @Inject
    AttestationRuntime runtime;

    @GET
    public Response list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Response denied = Guard.admin(runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        ObjectNode answer = Json.object();
        ArrayNode cas = answer.putArray("ekcas");
        runtime.store().ekCas().forEach(ca -> cas.add(view(ca)));
        return Responses.json(200, answer);
    }

    /** {"certificate_pem": "-----BEGIN CERTIFICATE-----..."}: a CA certificate (basicConstraints CA), not expired. */
    @POST
    public Response add(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, InputStream body) {
        Response denied = Guard.admin(runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        X509Certificate cert;
        try {
            ObjectNode o = Json.readObject(Json.readBody(body));
            List<X509Certificate> certs = EkCertificates.parse(Json.text(o, "certificate_pem", 64 * 1024, true));
            if (certs.size() != 1) {
                return Responses.error(400, "certificate_pem must hold one certificate; add each CA of a chain on its own");
            }
            cert = certs.get(0);
        } catch (InvalidRequestException e) {
            return Responses.error(400, e.getMessage());
        } catch (IllegalArgumentException e) {
            return Responses.error(400, "certificate_pem: " + e.getMessage());
        }
        // An end-entity certificate as an anchor would let its key's owner sign "EK certificates".
        if (cert.getBasicConstraints() < 0) {
            return Responses.error(400, "not a CA certificate (basicConstraints CA:TRUE is missing): "
                    + cert.getSubjectX500Principal().getName());
        }
        if (cert.getNotAfter().toInstant().isBefore(Instant.now())) {
            return Responses.error(400, "the CA certificate expired on " + cert.getNotAfter().toInstant());
        }
        String pem = pem(cert);
        Enrollment.EkCa ca = new Enrollment.EkCa(EkCertificates.fingerprint(cert), cert.getSubjectX500Principal().getName(),
                cert.getNotAfter().toInstant(), pem, null, cert);
        AttestationStore.Outcome outcome = runtime.store().addEkCa(ca);
        LOG.info("EK CA " + ca.subject() + " (sha256 " + ca.sha256() + ") " + (outcome == AttestationStore.Outcome.CREATED
                ? "is trusted now" : "was trusted already"));
        ObjectNode view = view(ca);
        view.put("outcome", outcome.name().toLowerCase());
        return Responses.json(outcome == AttestationStore.Outcome.CREATED ? 201 : 200, view);
    }

    @DELETE
    @Path("{sha256}")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("sha256") String sha256) {
        Response denied = Guard.admin(runtime.config(), authorization);
        if (denied != null) {
            return denied;
        }
        if (!SHA256.matcher(sha256).matches() || !runtime.store().deleteEkCa(sha256)) {
            return Responses.error(404, "no trusted EK CA " + sha256);
        }
        // Hosts enrolled under it stay enrolled: their EK was proven; new enrollments need another CA.
        LOG.info("EK CA " + sha256 + " is no longer trusted");
        return Response.noContent().build();
    }

    static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode view(Enrollment.EkCa ca) {
        ObjectNode o = Json.object();
        o.put("sha256", ca.sha256());
        o.put("subject", ca.subject());
        o.put("not_after", Views.time(ca.notAfter()));
        o.put("certificate_pem", ca.certificatePem());
        if (ca.addedAt() != null) {
            o.put("added_at", Views.time(ca.addedAt()));
        }
        return o;
    }
}
