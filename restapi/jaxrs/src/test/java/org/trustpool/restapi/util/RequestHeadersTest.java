package org.trustpool.restapi.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.Test;
import org.trustpool.api.model.Fault;

class RequestHeadersTest {

    private static WebApplicationException refused(String value) {
        return assertThrows(WebApplicationException.class, () -> RequestHeaders.checkCorrelationId(value));
    }

    @Test
    void absentShortAndExactlyTheLimitAreTaken() {
        RequestHeaders.checkCorrelationId(null);
        RequestHeaders.checkCorrelationId("");
        RequestHeaders.checkCorrelationId("deploy-2026-12-02/42");
        RequestHeaders.checkCorrelationId("c".repeat(RequestHeaders.MAX_CORRELATION_ID));
    }

    @Test
    void oneCharacterOverTheLimitIs400AndSaysTheLimit() {
        WebApplicationException e = refused("c".repeat(RequestHeaders.MAX_CORRELATION_ID + 1));
        assertEquals(400, e.getResponse().getStatus());
        assertTrue(((Fault) e.getResponse().getEntity()).getDetail().contains("255"), String.valueOf(e.getResponse().getEntity()));
    }

    @Test
    void controlAndNonAsciiCharactersAre400() {
        assertEquals(400, refused("a\r\nforged log line").getResponse().getStatus());
        assertEquals(400, refused("tab\there").getResponse().getStatus());
        assertEquals(400, refused("caf\u00e9").getResponse().getStatus());
    }
}
