package org.trustpool.attestation.enroll;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;

import org.trustpool.attestation.tpm.TpmtPublic;

/**
 * What an agent sends to enroll: its name and address, what it runs, its EK (public area and
 * certificate, with any vendor intermediates) and its AK's public area. Nothing here is
 * believed yet: {@link EnrollmentService} checks each part.
 */
public record EnrollmentRequest(String hostName, URI agentUrl, TpmtPublic ek, X509Certificate ekCertificate,
                                List<X509Certificate> intermediates, String ekCertificatePem, TpmtPublic ak,
                                String biosName, String biosVersion, String vmmName, String vmmVersion) {

    public EnrollmentRequest {
        intermediates = List.copyOf(intermediates);
    }
}
