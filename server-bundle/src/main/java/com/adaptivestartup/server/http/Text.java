package com.adaptivestartup.server.http;


/** Checks on free text from requests: present, not blank, not too long, no control characters. */
public final class Text {
    private Text() {
    }

    public static String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw ApiError.badRequest("'" + field + "' is required");
        }
        return optional(field, value, maxLength).strip();
    }

    public static String optional(String field, String value, int maxLength) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxLength) {
            throw ApiError.badRequest("'" + field + "' is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r') {
                throw ApiError.badRequest("'" + field + "' contains a control character");
            }
        }
        return value;
    }
}
