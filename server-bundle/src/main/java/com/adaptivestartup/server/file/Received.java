package com.adaptivestartup.server.file;

import com.adaptivestartup.server.http.ApiError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Bytes of an upload streamed into the object store under {@code key} (never held whole in memory): the length
 * required and within the limit, the type checked against the first bytes, the SHA-256 computed on the way.
 */
record Received(String contentType, long sizeBytes, String sha256) {

    static Received into(ObjectStore store, String key, String contentType, long length, long maxBytes, InputStream body)
            throws IOException {
        if (length < 0) {
            throw new ApiError(411, "length_required", "send the file with a Content-Length header");
        }
        if (length > maxBytes) {
            throw new ApiError(413, "too_large", "the file is " + length + " bytes; the limit is " + maxBytes);
        }
        BufferedInputStream buffered = new BufferedInputStream(body, 8192);
        buffered.mark(512);
        byte[] head = buffered.readNBytes((int) Math.min(512, length));
        buffered.reset();
        ContentTypes.problem(contentType, head).ifPresent(problem -> {
            throw new ApiError(415, "unsupported_type", problem);
        });
        String type = ContentTypes.normalized(contentType);
        MessageDigest sha = newDigest();
        store.put(key, new DigestInputStream(buffered, sha), length, type);
        return new Received(type, length, HexFormat.of().formatHex(sha.digest()));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
