package com.adaptivestartup.licensing.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The vendor public keys a verifier trusts, by key id. Holding several is how keys rotate: the
 * console ships the next key before the vendor starts signing with it.
 */
public final class TrustedKeys {
    private final Map<String, PublicKey> byKeyId;

    private TrustedKeys(Map<String, PublicKey> byKeyId) {
        this.byKeyId = Map.copyOf(byKeyId);
    }

    public static TrustedKeys of(PublicKey... keys) {
        return of(List.of(keys));
    }

    public static TrustedKeys of(Collection<PublicKey> keys) {
        Map<String, PublicKey> map = new LinkedHashMap<>();
        for (PublicKey key : keys) {
            map.put(Ed25519Keys.keyId(key), key);
        }
        return new TrustedKeys(map);
    }

    /** Every {@code *.pem} public key in a folder, or the one file named. */
    public static TrustedKeys fromPemFiles(Path fileOrFolder) throws IOException, GeneralSecurityException {
        List<Path> files;
        if (Files.isDirectory(fileOrFolder)) {
            try (Stream<Path> s = Files.list(fileOrFolder)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".pem")).sorted().toList();
            }
        } else {
            files = List.of(fileOrFolder);
        }
        Map<String, PublicKey> map = new LinkedHashMap<>();
        for (Path file : files) {
            try {
                PublicKey key = Ed25519Keys.publicKeyFromPem(Files.readString(file, StandardCharsets.US_ASCII));
                map.put(Ed25519Keys.keyId(key), key);
            } catch (GeneralSecurityException e) {
                throw new GeneralSecurityException(file + ": " + e.getMessage(), e);
            }
        }
        return new TrustedKeys(map);
    }

    public TrustedKeys plus(TrustedKeys other) {
        Map<String, PublicKey> map = new LinkedHashMap<>(byKeyId);
        map.putAll(other.byKeyId);
        return new TrustedKeys(map);
    }

    public Optional<PublicKey> find(String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    public List<String> keyIds() {
        return byKeyId.keySet().stream().sorted().toList();
    }

    public boolean isEmpty() {
        return byKeyId.isEmpty();
    }
}
