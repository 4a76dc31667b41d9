package org.trustpool.attestation.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** OpenAttestation's layout: /AttestationService/resources/... */
@ApplicationPath("resources")
public class AttestationApplication extends Application {
}
