package com.adaptivestartup.brain.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;

/**
 * A Stripe event as the Brain reads it from the signed payload: its id (the same on every retry), its type, when
 * Stripe made it, and the object it is about. Read with Jackson rather than stripe-java's models, so an event of a newer
 * Stripe API version than the library's still reads (the fields used are the same in both).
 */
record StripeEvent(String id, String type, Instant created, JsonNode object, String payload) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The event in {@code payload}; an {@link IllegalArgumentException} with a sentence when it is not one. */
    static StripeEvent parse(String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload is not JSON");
        }
        if (root == null || !"event".equals(root.path("object").asText()) || !root.path("id").asText().startsWith("evt_")
                || root.path("type").asText().isEmpty() || !root.path("created").canConvertToLong()
                || !root.path("data").path("object").isObject()) {
            throw new IllegalArgumentException("the payload is not a Stripe event (an object \"event\" with an id evt_...,"
                    + " a type, a time and data.object)");
        }
        return new StripeEvent(root.get("id").asText(), root.get("type").asText(),
                Instant.ofEpochSecond(root.get("created").asLong()), root.get("data").get("object"), payload);
    }

    /** A field that is an id or an expanded object with one ({@code customer}, {@code subscription}); null when absent. */
    static String idOf(JsonNode field) {
        if (field == null || field.isNull() || field.isMissingNode()) {
            return null;
        }
        return field.isObject() ? field.path("id").asText(null) : field.asText(null);
    }
}
