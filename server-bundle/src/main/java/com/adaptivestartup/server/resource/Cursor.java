package com.adaptivestartup.server.resource;

import com.adaptivestartup.server.http.ApiError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a list ends: the last record's creation time and id (lists are in that order), opaque to the
 * client. Keyset paging: a page costs the same however deep, and records added meanwhile are neither skipped nor
 * shown twice.
 */
record Cursor(Instant createdAt, UUID id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 2);
            return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw ApiError.badRequest("'after' is not a position this list gave out; start again without it");
        }
    }
}
