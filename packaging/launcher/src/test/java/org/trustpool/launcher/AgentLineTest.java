package org.trustpool.launcher;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentLineTest {

    @Test
    void hostLine() {
        AgentLine.Host h = assertInstanceOf(AgentLine.Host.class,
                AgentLine.parse("HOST host-01 211e30e8-74fe-4b71-90bd-b85f985f2a92 http://127.0.0.1:54321/jsonrpc"));
        assertEquals("host-01", h.host().name());
        assertEquals(UUID.fromString("211e30e8-74fe-4b71-90bd-b85f985f2a92"), h.host().id());
        assertEquals(URI.create("http://127.0.0.1:54321/jsonrpc"), h.host().jsonRpcUrl());
        assertEquals("127.0.0.1", h.host().address());
        assertEquals(54321, h.host().port());
    }

    @Test
    void readyLine() {
        assertEquals(new AgentLine.Ready(4), AgentLine.parse("READY 4"));
        assertEquals(new AgentLine.Ready(2), AgentLine.parse("READY 2  \r"));
    }

    @Test
    void anythingElseIsLogOutput() {
        assertInstanceOf(AgentLine.Other.class, AgentLine.parse("hostagent: started 2 host(s) on 127.0.0.1"));
        assertInstanceOf(AgentLine.Other.class, AgentLine.parse(""));
        assertInstanceOf(AgentLine.Other.class, AgentLine.parse("HOSTS are nice"));
    }

    @Test
    void brokenProtocolLinesAreNotGuessedAt() {
        assertMalformed("HOST host-01 http://127.0.0.1:1/jsonrpc", "expected HOST");
        assertMalformed("HOST host-01 not-a-uuid http://127.0.0.1:1/jsonrpc", "not a UUID");
        assertMalformed("HOST host-01 211e30e8-74fe-4b71-90bd-b85f985f2a92 ftp://h:1/x", "not an http(s) URL");
        assertMalformed("HOST host-01 211e30e8-74fe-4b71-90bd-b85f985f2a92 http://h/jsonrpc", "not an http(s) URL");
        assertMalformed("READY", "expected READY");
        assertMalformed("READY two", "expected READY");
    }

    private static void assertMalformed(String line, String reason) {
        AgentLine.Malformed m = assertInstanceOf(AgentLine.Malformed.class, AgentLine.parse(line));
        assertTrue(m.reason().contains(reason), m.reason());
    }
}
