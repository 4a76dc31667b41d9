package org.trustpool.attestation.poll;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.trustpool.attestation.verify.Evidence;

/**
 * Reads an agent's JSON-RPC 2.0 answer to Host.getQuote into {@link Evidence}. The agent is not
 * trusted yet: anything missing, of the wrong type or not decodable is a refusal with a reason.
 * The aikPublicPem it may send along is ignored on purpose: only the registered key counts.
 */
public final class QuoteAnswerParser {

    private static final int MAX_PCR_INDEX = 23;

    private final ObjectMapper mapper;

    public QuoteAnswerParser(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public AgentAnswer parse(byte[] body, long expectedId) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return refused("the agent's answer is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            return refused("the agent's answer cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return refused("the agent's answer is not a JSON-RPC response object");
        }
        if (!"2.0".equals(text(root, "jsonrpc"))) {
            return refused("the agent's answer is not JSON-RPC 2.0");
        }
        JsonNode id = root.get("id");
        if (id == null || !id.canConvertToLong() || id.asLong() != expectedId) {
            return refused("the agent's answer has id " + id + ", the challenge had " + expectedId);
        }
        JsonNode error = root.get("error");
        if (error != null && !error.isNull()) {
            String message = error.path("message").asText("");
            return new AgentAnswer.Refused("agent-error", "the agent refused Host.getQuote: "
                    + (error.has("code") ? "code " + error.get("code").asText() + " " : "") + limit(message, 300));
        }
        JsonNode result = root.get("result");
        if (result == null || !result.isObject()) {
            return refused("the agent's answer has no result object");
        }
        byte[] quote;
        byte[] signature;
        try {
            quote = base64(result, "quote");
            signature = base64(result, "signature");
        } catch (IllegalArgumentException e) {
            return refused(e.getMessage());
        }
        String hashAlg = text(result, "hashAlg");
        if (hashAlg == null) {
            return refused("the answer has no hashAlg");
        }
        JsonNode pcrs = result.get("pcrValues");
        if (pcrs == null || !pcrs.isObject()) {
            return refused("the answer has no pcrValues object");
        }
        Map<Integer, byte[]> values = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = pcrs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int index;
            try {
                index = Integer.parseInt(e.getKey());
            } catch (NumberFormatException ex) {
                return refused("pcrValues has the key '" + limit(e.getKey(), 20) + "', not a PCR number");
            }
            if (index < 0 || index > MAX_PCR_INDEX || !e.getKey().equals(Integer.toString(index))) {
                return refused("pcrValues has the key '" + limit(e.getKey(), 20) + "', not a PCR number 0-" + MAX_PCR_INDEX);
            }
            if (!e.getValue().isTextual()) {
                return refused("pcrValues[" + index + "] is not a hex string");
            }
            try {
                values.put(index, HexFormat.of().parseHex(e.getValue().asText()));
            } catch (IllegalArgumentException ex) {
                return refused("pcrValues[" + index + "] is not hex");
            }
        }
        return new AgentAnswer.Answered(new Evidence(quote, signature, values, hashAlg));
    }

    private static byte[] base64(JsonNode result, String field) {
        JsonNode n = result.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException("the answer has no " + field + " string");
        }
        try {
            return Base64.getDecoder().decode(n.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the answer's " + field + " is not base64");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static AgentAnswer refused(String reason) {
        return new AgentAnswer.Refused("answer", reason);
    }

    static String limit(String s, int max) {
        String clean = s.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > max ? clean.substring(0, max) + "..." : clean;
    }
}
