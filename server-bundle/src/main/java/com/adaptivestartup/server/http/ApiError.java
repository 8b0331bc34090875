package com.adaptivestartup.server.http;

/**
 * A request the server refuses, with the HTTP status, a stable code and a sentence for people.
 * Rendered as {@code {"error": code, "message": ...}}; nothing is written when one is thrown.
 */
public final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;
    private final java.util.Map<String, String> headers;

    public ApiError(int status, String code, String message) {
        this(status, code, message, java.util.Map.of());
    }

    private ApiError(int status, String code, String message, java.util.Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    /** The same refusal with a response header (Retry-After on a 429). */
    public ApiError withHeader(String name, String value) {
        java.util.Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiError(status, code, getMessage(), java.util.Map.copyOf(more));
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message);
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "not_found", what + " was not found");
    }

    public static ApiError conflict(String message) {
        return new ApiError(409, "conflict", message);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "too_large", message);
    }
}
