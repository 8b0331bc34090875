package com.adaptivestartup.server.venture;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/** A venture ("project" in the cloud app); {@code data} holds its module documents (lean canvas, OKRs...). */
public record Venture(UUID id, UUID orgId, String name, String hypothesis, JsonNode data, int revision,
                      UUID createdBy, Instant createdAt, Instant updatedAt) {
}
