package com.adaptivestartup.server.venture;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A venture ("project" in the cloud app); {@code data} holds its free-form module documents (up to 1.1.0 the lean
 * canvas too). {@code profile} is null on releases before 1.2.0; its fields are shown beside the others.
 */
public record Venture(UUID id, UUID orgId, String name, String hypothesis, JsonNode data, int revision,
                      UUID createdBy, Instant createdAt, Instant updatedAt, @JsonUnwrapped VentureProfile profile) {
}
