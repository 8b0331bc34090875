package com.adaptivestartup.ui.wizard;

import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.licensing.clock.InMemoryTimeWitness;
import com.adaptivestartup.licensing.license.Edition;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseIssuer;
import com.adaptivestartup.licensing.license.RegistryAccess;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

/** A real vendor key, real license keys and the real LicenseService over them, for the UI's tests. */
final class Licenses {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private final KeyPair vendor = Ed25519Keys.generate();
    final LicenseService service;

    Licenses(Path dir) throws Exception {
        Path pub = Files.writeString(dir.resolve("vendor.pem"), Ed25519Keys.toPem(vendor.getPublic()));
        service = new LicenseService(TrustedKeys.fromPemFiles(pub), Clock.fixed(NOW, ZoneOffset.UTC),
                new InMemoryTimeWitness(), Optional::empty);
    }

    String key(String customer, Instant expires) {
        Instant issued = expires.minusSeconds(400L * 86400);
        License l = new License("lic-1", "acme", customer, Edition.STANDARD, 25, Set.of(), issued, issued, expires, 7,
                "stable", null, null, new RegistryAccess("127.0.0.1:5000", "acme", "acme", "pull-secret"), null);
        return new LicenseIssuer(new DocumentSigner(vendor.getPrivate())).issue(l).compact();
    }
}
