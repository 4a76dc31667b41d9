package org.trustpool.hostagent;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Single place that decides how strictly JSON is read (shared by server and client). */
final class Json {

    private Json() {
    }

    static ObjectMapper newMapper() {
        return JsonMapper.builder()
                // "{..} junk" or duplicate keys are malformed input, not something to guess about.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }
}
