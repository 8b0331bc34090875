package com.adaptivestartup.licensing.license;

import com.adaptivestartup.licensing.clock.TimeWitness;
import com.adaptivestartup.licensing.machine.MachineFingerprint;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentVerifier;
import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.adaptivestartup.licensing.signing.VerificationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Verifies a license offline: signature against the trusted vendor keys, then the body, the clock,
 * the validity window and the machine binding. Any text gives a verdict; nothing throws.
 */
public final class LicenseVerifier {
    /** How far the clock may lag behind a time already seen before it counts as set back. */
    public static final Duration DEFAULT_CLOCK_TOLERANCE = Duration.ofHours(2);

    private final DocumentVerifier documents;
    private final Clock clock;
    private final TimeWitness witness;
    private final Supplier<Optional<MachineFingerprint>> thisMachine;
    private final Duration clockTolerance;

    public LicenseVerifier(TrustedKeys trustedKeys, Clock clock, TimeWitness witness,
                           Supplier<Optional<MachineFingerprint>> thisMachine, Duration clockTolerance) {
        this.documents = new DocumentVerifier(trustedKeys);
        this.clock = clock;
        this.witness = witness;
        this.thisMachine = thisMachine;
        this.clockTolerance = clockTolerance;
    }

    public LicenseVerdict verify(String keyOrFileText) {
        VerificationResult result = documents.verify(keyOrFileText, DocumentKind.LICENSE);
        return switch (result) {
            case VerificationResult.Malformed m -> new LicenseVerdict.Malformed(m.problem(), m.where());
            case VerificationResult.UnknownKey u -> new LicenseVerdict.UnknownSigningKey(u.keyId(), u.trustedKeyIds());
            case VerificationResult.SignatureMismatch s -> new LicenseVerdict.Tampered(s.keyId());
            case VerificationResult.Verified v -> judge(v.document().body());
        };
    }

    private LicenseVerdict judge(com.fasterxml.jackson.databind.JsonNode body) {
        License license;
        try {
            license = LicenseJson.fromJson(body);
        } catch (MalformedDocumentException e) {
            return new LicenseVerdict.Malformed(e.problem(), "the license's " + e.where());
        }
        Instant now = clock.instant();
        Optional<Instant> latest = witness.latestSeen();
        if (latest.isPresent() && now.isBefore(latest.get().minus(clockTolerance))) {
            return new LicenseVerdict.ClockSetBack(license, now, latest.get(), LicenseVerdict.ClockSetBack.Evidence.SEEN_BEFORE);
        }
        if (now.isBefore(license.issuedAt().minus(clockTolerance))) {
            return new LicenseVerdict.ClockSetBack(license, now, license.issuedAt(),
                    LicenseVerdict.ClockSetBack.Evidence.LICENSE_ISSUED);
        }
        witness.observe(now);
        if (now.isBefore(license.notBefore())) {
            return new LicenseVerdict.NotYetValid(license);
        }
        if (license.isMachineBound()) {
            Optional<MachineFingerprint> here = thisMachine.get();
            if (here.isEmpty() || !here.get().value().equals(license.machineBinding())) {
                return new LicenseVerdict.BoundToAnotherMachine(license, here.isEmpty());
            }
        }
        if (!now.isBefore(license.expiresAt())) {
            return now.isBefore(license.graceEndsAt())
                    ? new LicenseVerdict.InGracePeriod(license, license.graceEndsAt())
                    : new LicenseVerdict.Expired(license, license.graceEndsAt());
        }
        return new LicenseVerdict.Valid(license, now);
    }
}
