package org.trustpool.attestation.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class QuoteAnswerParserTest {

    private final QuoteAnswerParser parser = new QuoteAnswerParser(new ObjectMapper());
    private static final String HEX = "00".repeat(32);

    private AgentAnswer parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8), 7);
    }

    private static String answer(String result) {
        return "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + result + "}";
    }

    @Test
    void aWellFormedAnswerIsEvidence() {
        AgentAnswer a = parse(answer("{\"quote\":\"AAEC\",\"signature\":\"AwQ=\",\"hashAlg\":\"sha256\","
                + "\"pcrValues\":{\"0\":\"" + HEX + "\",\"17\":\"" + HEX + "\"},\"aikPublicPem\":\"ignored\"}"));
        AgentAnswer.Answered answered = assertInstanceOf(AgentAnswer.Answered.class, a);
        assertEquals(3, answered.evidence().quote().length);
        assertEquals(java.util.List.of(0, 17), java.util.List.copyOf(answered.evidence().pcrValues().keySet()));
    }

    @Test
    void malformedAnswersAreRefusedWithAReason() {
        String[] bad = {
                answer("{\"quote\":\"!!!\",\"signature\":\"AwQ=\",\"hashAlg\":\"sha256\",\"pcrValues\":{}}"),
                answer("{\"quote\":\"AAEC\",\"signature\":\"AwQ=\",\"hashAlg\":\"sha256\",\"pcrValues\":{\"x\":\"" + HEX + "\"}}"),
                answer("{\"quote\":\"AAEC\",\"signature\":\"AwQ=\",\"hashAlg\":\"sha256\",\"pcrValues\":{\"99\":\"" + HEX + "\"}}"),
                answer("{\"quote\":\"AAEC\",\"signature\":\"AwQ=\",\"hashAlg\":\"sha256\",\"pcrValues\":{\"0\":\"zz\"}}"),
                answer("{\"quote\":\"AAEC\",\"signature\":\"AwQ=\",\"pcrValues\":{}}"),
                answer("{\"signature\":\"AwQ=\",\"hashAlg\":\"sha256\",\"pcrValues\":{}}"),
                answer("[]"),
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"result\":{}}",
                "{\"jsonrpc\":\"1.0\",\"id\":7,\"result\":{}}",
                "[1,2]",
                "",
        };
        for (String body : bad) {
            AgentAnswer.Refused r = assertInstanceOf(AgentAnswer.Refused.class, parse(body), body);
            assertTrue(!r.reason().isBlank());
        }
    }
}
