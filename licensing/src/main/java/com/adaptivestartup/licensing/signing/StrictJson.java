package com.adaptivestartup.licensing.signing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The JSON reader for signed documents: duplicate keys, trailing data and deep nesting are refused,
 * because a signed document must mean exactly one thing to every reader.
 */
public final class StrictJson {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxStringLength(1 << 20)
                    .maxNumberLength(40)
                    .build())
            .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private StrictJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses bytes, or throws with a message a person can read (what is wrong and where). */
    public static JsonNode parse(byte[] json, String what) throws MalformedDocumentException {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new MalformedDocumentException(what + " is empty", what);
            }
            return node;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? what
                    : what + ", line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new MalformedDocumentException("not valid JSON: " + e.getOriginalMessage(), where);
        } catch (IOException e) {
            throw new MalformedDocumentException("cannot be read: " + e.getMessage(), what);
        }
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
