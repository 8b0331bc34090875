package com.adaptivestartup.licensing.license;

import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.SignedDocument;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Set;

/** A known-good license and the key that signs it, for tests. */
public final class LicenseFixtures {
    public static final Instant ISSUED = Instant.parse("2026-11-01T00:00:00Z");
    public static final Instant EXPIRES = Instant.parse("2027-11-01T00:00:00Z");

    private LicenseFixtures() {
    }

    public static License license() {
        return new License("lic-0001", "acme", "Acme Robotics GmbH", Edition.STANDARD, 25,
                Set.of("airgap", "ai"), ISSUED, ISSUED, EXPIRES, 14, "stable", "1.9.0", null,
                new RegistryAccess("127.0.0.1:5000", "acme", "acme-pull", "s3cret-pull-password"), null);
    }

    public static License withMachine(String fingerprint) {
        License l = license();
        return new License(l.licenseId(), l.customerId(), l.customerName(), l.edition(), l.seats(), l.features(),
                l.issuedAt(), l.notBefore(), l.expiresAt(), l.graceDays(), l.updateChannel(), l.maxVersion(),
                l.updatesUntil(), l.registry(), fingerprint);
    }

    public static SignedDocument sign(KeyPair vendor, License license) {
        return new LicenseIssuer(new DocumentSigner(vendor.getPrivate())).issue(license);
    }

    public static KeyPair vendorKey() {
        return Ed25519Keys.generate();
    }
}
