package com.adaptivestartup.console.license;

import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The vendor public keys this console trusts: the ones built into it (listed in
 * {@code vendor-keys/index}), plus, for the demo and for tests, the PEM file or folder named by
 * {@code ADAPTIVE_TRUSTED_KEYS}. Anyone who can set that variable can already replace the program,
 * so it adds no new way in; it is reported wherever it is used.
 */
public final class VendorKeys {
    public static final String EXTRA_KEYS_VARIABLE = "ADAPTIVE_TRUSTED_KEYS";
    private static final String BUILT_IN = "vendor-keys/";

    private VendorKeys() {
    }

    /** What was loaded, and where from, so front ends can say so. */
    public record Loaded(TrustedKeys keys, Path extraKeysFrom) {
    }

    public static Loaded load(Map<String, String> env) throws IOException, GeneralSecurityException {
        TrustedKeys keys = builtIn();
        String extra = env.get(EXTRA_KEYS_VARIABLE);
        if (extra == null || extra.isBlank()) {
            return new Loaded(keys, null);
        }
        Path path = Path.of(extra);
        if (!Files.exists(path)) {
            throw new IOException(EXTRA_KEYS_VARIABLE + " names " + path + ", which does not exist");
        }
        return new Loaded(keys.plus(TrustedKeys.fromPemFiles(path)), path);
    }

    public static TrustedKeys builtIn() throws IOException, GeneralSecurityException {
        List<PublicKey> keys = new ArrayList<>();
        for (String name : resource("index").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            keys.add(Ed25519Keys.publicKeyFromPem(resource(name)));
        }
        return TrustedKeys.of(keys);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = VendorKeys.class.getResourceAsStream(BUILT_IN + name)) {
            if (in == null) {
                throw new IOException("built-in vendor key file missing: " + BUILT_IN + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
