package com.adaptivestartup.console.outbound;

/**
 * A file to fetch and check: where it is ({@code url}, absolute or relative to the source it was listed by), the
 * name to keep it under, and the size and SHA-256 the signed document that listed it promised.
 */
public record Download(String url, String fileName, String sha256, long size) {
}
