package com.adaptivestartup.licensing.signing;

import java.util.Base64;
import java.util.Optional;

/**
 * Unpadded base64url, decoded strictly: a string decodes only if it is the one canonical encoding of
 * its bytes. The JDK's decoder ignores the unused low bits of the last character, which would let two
 * different strings carry the same signature; a signed document must have exactly one spelling.
 */
public final class Base64Url {
    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The decoded bytes, or empty when {@code text} is not canonical unpadded base64url. */
    public static Optional<byte[]> decode(String text) {
        if (firstInvalidCharacter(text) >= 0 || text.length() % 4 == 1) {
            return Optional.empty();
        }
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        return encode(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
    }

    /** Index of the first character outside the base64url alphabet, or -1 when there is none. */
    public static int firstInvalidCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                return i;
            }
        }
        return -1;
    }
}
