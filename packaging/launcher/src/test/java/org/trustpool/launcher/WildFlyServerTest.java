package org.trustpool.launcher;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WildFlyServerTest {

    @Test
    void theGistOfAFailedMarker() throws Exception {
        String marker;
        try (InputStream in = getClass().getResourceAsStream("trustpool.ear.failed")) {
            marker = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals("component HostMonitoring: javax.naming.NameNotFoundException: "
                + "env/org.trustpool.bll.cdi.EngineProducer/transactions -- service "
                + "jboss.naming.context.java.comp.trustpool.bll.HostMonitoring.env.\"org.trustpool.bll.cdi.EngineProducer\".transactions",
                WildFlyServer.deploymentFailure(marker));
    }

    @Test
    void aMarkerWithoutCauses() {
        assertEquals("WFLYSRV0153: Failed to process phase PARSE of deployment \"trustpool.ear\"",
                WildFlyServer.deploymentFailure("\"WFLYSRV0153: Failed to process phase PARSE of deployment \\\"trustpool.ear\\\"\""));
    }
}
