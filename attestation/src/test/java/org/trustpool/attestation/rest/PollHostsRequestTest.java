package org.trustpool.attestation.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PollHostsRequestTest {

    private static List<String> parse(String body) throws InvalidRequestException {
        return PollHostsRequest.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCallersNonceIsReadIfSentAndRefusedIfMalformed() throws Exception {
        String nonce = "Ab".repeat(32);
        assertEquals(nonce.toLowerCase(), PollHostsRequest.requestNonce(
                ("{\"hosts\":[\"h1\"],\"nonce\":\"" + nonce + "\"}").getBytes(StandardCharsets.UTF_8)));
        assertNull(PollHostsRequest.requestNonce("{\"hosts\":[\"h1\"]}".getBytes(StandardCharsets.UTF_8)),
                "OpenAttestation's own request has none");
        for (String bad : new String[] {"\"abc\"", "\"" + "ab".repeat(8) + "a\"", "\"" + "zz".repeat(16) + "\"", "42",
                "\"" + "ab".repeat(65) + "\""}) {
            assertThrows(InvalidRequestException.class, () -> PollHostsRequest.requestNonce(
                    ("{\"hosts\":[\"h1\"],\"nonce\":" + bad + "}").getBytes(StandardCharsets.UTF_8)), bad);
        }
    }

    @Test
    void listOfHosts() throws Exception {
        assertEquals(List.of("h1", "h2"), parse("{\"count\":2,\"hosts\":[\"h1\",\"h2\"]}"));
    }

    @Test
    void bareStringIsOneHost() throws Exception {
        assertEquals(List.of("h1"), parse("{\"count\":1,\"hosts\":\"h1\"}"));
        assertEquals(List.of("h1"), parse("{\"hosts\":\"h1\"}"));
    }

    @Test
    void countMayBeLeftOutAndUnknownFieldsAreIgnored() throws Exception {
        assertEquals(List.of("a", "b", "c"), parse("{\"hosts\":[\"a\",\"b\",\"c\"],\"comment\":\"x\"}"));
        assertEquals(List.of(), parse("{\"count\":0,\"hosts\":[]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "not json",
            "[\"h1\"]",
            "\"h1\"",
            "{}",
            "{\"count\":1}",
            "{\"hosts\":null}",
            "{\"hosts\":42}",
            "{\"hosts\":{\"h1\":true}}",
            "{\"hosts\":[\"h1\",7]}",
            "{\"hosts\":[\"h1\",null]}",
            "{\"hosts\":[\"\"]}",
            "{\"hosts\":[\"a\\u0000b\"]}",
            "{\"count\":3,\"hosts\":[\"h1\",\"h2\"]}",
            "{\"count\":\"2\",\"hosts\":[\"h1\",\"h2\"]}",
            "{\"count\":2.5,\"hosts\":[\"h1\",\"h2\"]}",
            "{\"hosts\":[\"h1\"],\"hosts\":[\"h2\"]}",
            "{\"hosts\":[\"h1\"]} trailing",
            "{\"hosts\":[\"h1\"]",
    })
    void malformedBodiesAreRefusedWithAReason(String body) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parse(body));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void countContradictingTheListSaysSo() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> parse("{\"count\":3,\"hosts\":[\"h1\",\"h2\"]}"));
        assertEquals("count is 3 but 2 hosts were sent", e.getMessage());
    }

    @Test
    void tooManyHostsAreRefused() {
        StringBuilder sb = new StringBuilder("{\"hosts\":[");
        for (int i = 0; i <= PollHostsRequest.MAX_HOSTS; i++) {
            sb.append(i == 0 ? "" : ",").append("\"h").append(i).append('"');
        }
        sb.append("]}");
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> parse(sb.toString()));
        assertTrue(e.getMessage().contains("at most"), e.getMessage());
    }

    @Test
    void oversizedBodyIsRefusedNotTruncated() {
        byte[] big = new byte[Json.MAX_BODY_BYTES + 10];
        assertThrows(InvalidRequestException.class, () -> Json.readBody(new java.io.ByteArrayInputStream(big)));
    }
}
