package org.trustpool.hostagent;

import com.fasterxml.jackson.databind.JsonNode;

/** One entry of the method registry: named params in, result (any JSON value) out. */
@FunctionalInterface
public interface JsonRpcMethod {

    JsonNode call(Params params) throws JsonRpcException;
}
