package org.trustpool.restapi;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The API lives at /ovirt-engine/api (the WAR's context root is /ovirt-engine); /api is rewritten here by the server. */
@ApplicationPath("/api")
public class TrustpoolApplication extends Application {
}
