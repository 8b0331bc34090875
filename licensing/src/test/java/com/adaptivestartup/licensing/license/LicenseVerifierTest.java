package com.adaptivestartup.licensing.license;

import static com.adaptivestartup.licensing.license.LicenseFixtures.EXPIRES;
import static com.adaptivestartup.licensing.license.LicenseFixtures.ISSUED;
import static org.assertj.core.api.Assertions.assertThat;

import com.adaptivestartup.licensing.clock.InMemoryTimeWitness;
import com.adaptivestartup.licensing.machine.MachineFingerprint;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LicenseVerifierTest {
    private static final MachineFingerprint HERE = MachineFingerprint.fromMachineId("0123456789abcdef0123456789abcdef");
    private final KeyPair vendor = LicenseFixtures.vendorKey();
    private final InMemoryTimeWitness witness = new InMemoryTimeWitness();

    private LicenseVerifier verifierAt(Instant now) {
        return new LicenseVerifier(TrustedKeys.of(vendor.getPublic()), Clock.fixed(now, ZoneOffset.UTC), witness,
                () -> Optional.of(HERE), LicenseVerifier.DEFAULT_CLOCK_TOLERANCE);
    }

    private String key(License license) {
        return LicenseFixtures.sign(vendor, license).compact();
    }

    @Test
    void aCurrentLicenseIsValidAndReadBack() {
        LicenseVerdict verdict = verifierAt(ISSUED.plus(Duration.ofDays(10))).verify(key(LicenseFixtures.license()));
        assertThat(verdict).isInstanceOfSatisfying(LicenseVerdict.Valid.class, v -> {
            assertThat(v.usable()).isTrue();
            assertThat(v.expiresSoon()).isFalse();
            assertThat(v.license()).isEqualTo(LicenseFixtures.license());
            assertThat(v.message()).isEqualTo(
                    "Valid license for Acme Robotics GmbH (standard, 25 seats), expires 2027-11-01.");
        });
    }

    @Test
    void warnsThirtyDaysBeforeExpiry() {
        LicenseVerdict verdict = verifierAt(EXPIRES.minus(Duration.ofDays(12))).verify(key(LicenseFixtures.license()));
        assertThat(verdict).isInstanceOfSatisfying(LicenseVerdict.Valid.class, v -> {
            assertThat(v.expiresSoon()).isTrue();
            assertThat(v.message()).endsWith("in 12 days: renew it soon.");
        });
    }

    @Test
    void underADayLeftIsSaidInHoursNotAsZeroDays() {
        LicenseVerdict verdict = verifierAt(EXPIRES.minus(Duration.ofHours(23))).verify(key(LicenseFixtures.license()));
        assertThat(verdict.message()).endsWith("in 23 hours: renew it soon.");
    }

    @Test
    void aKeyQuotedInAnEmailReplyIsRead() {
        String armored = LicenseFixtures.sign(vendor, LicenseFixtures.license()).armored(java.util.List.of("Acme's key"));
        String reply = "Hi Ana, here it is again.\n\nOn Mon, 30 Nov 2026 at 09:12, Vendor Support <support@example.com> wrote:\n"
                + armored.lines().map(l -> "> " + l).reduce((a, b) -> a + "\n" + b).orElseThrow()
                + "\n>\n> Best regards\n> --\n> Support\n";
        assertThat(verifierAt(ISSUED.plus(Duration.ofDays(10))).verify(reply)).isInstanceOf(LicenseVerdict.Valid.class);

        String compact = key(LicenseFixtures.license());
        StringBuilder wrapped = new StringBuilder("Your key:\n\n");
        for (int i = 0; i < compact.length(); i += 64) {
            wrapped.append(">> ").append(compact, i, Math.min(compact.length(), i + 64)).append('\n');
        }
        wrapped.append(">> \n>> -- \n>> Vendor Support\n");
        assertThat(verifierAt(ISSUED.plus(Duration.ofDays(10))).verify(wrapped.toString()))
                .as("a bare key wrapped in a twice-quoted mail, with a signature").isInstanceOf(LicenseVerdict.Valid.class);
    }

    @Test
    void afterExpiryTheGracePeriodKeepsItUsableThenItStops() {
        String key = key(LicenseFixtures.license());
        LicenseVerdict inGrace = verifierAt(EXPIRES.plus(Duration.ofDays(3))).verify(key);
        assertThat(inGrace).isInstanceOf(LicenseVerdict.InGracePeriod.class);
        assertThat(inGrace.usable()).isTrue();
        assertThat(inGrace.message()).contains("expired on 2027-11-01").contains("until 2027-11-15");

        LicenseVerdict expired = verifierAt(EXPIRES.plus(Duration.ofDays(14))).verify(key);
        assertThat(expired).isInstanceOf(LicenseVerdict.Expired.class);
        assertThat(expired.usable()).isFalse();
        assertThat(expired.message()).contains("grace period ended on 2027-11-15");
    }

    @Test
    void notYetValidBeforeNotBefore() {
        License l = LicenseFixtures.license();
        License later = new License(l.licenseId(), l.customerId(), l.customerName(), l.edition(), l.seats(),
                l.features(), ISSUED, ISSUED.plus(Duration.ofDays(30)), EXPIRES, 14, "stable", null, null,
                l.registry(), null);
        LicenseVerdict verdict = verifierAt(ISSUED.plus(Duration.ofDays(1))).verify(key(later));
        assertThat(verdict).isInstanceOf(LicenseVerdict.NotYetValid.class);
        assertThat(verdict.usable()).isFalse();
        assertThat(verdict.readLicense()).contains(later);
    }

    @Test
    void aClockSetBackBeyondToleranceIsReportedNotBelieved() {
        String key = key(LicenseFixtures.license());
        Instant seen = EXPIRES.plus(Duration.ofDays(60));
        assertThat(verifierAt(seen).verify(key)).isInstanceOf(LicenseVerdict.Expired.class);
        // Within the tolerance (clock drift, time zone confusion) nothing is said.
        assertThat(verifierAt(seen.minus(Duration.ofMinutes(90))).verify(key))
                .isInstanceOf(LicenseVerdict.Expired.class);
        LicenseVerdict back = verifierAt(ISSUED.plus(Duration.ofDays(100))).verify(key);
        assertThat(back).isInstanceOfSatisfying(LicenseVerdict.ClockSetBack.class, c -> {
            assertThat(c.evidence()).isEqualTo(seen);
            assertThat(c.usable()).isFalse();
            assertThat(c.message()).contains("earlier than a time this console has already seen")
                    .contains("If the clock is wrong, set it").contains("adaptivectl license reset-clock");
            assertThat(c.readLicense()).as("read, so the vendor can still be asked for the time").isPresent();
        });
    }

    @Test
    void aClockBeforeTheIssueDateIsReported() {
        LicenseVerdict verdict = verifierAt(ISSUED.minus(Duration.ofDays(300))).verify(key(LicenseFixtures.license()));
        assertThat(verdict).isInstanceOfSatisfying(LicenseVerdict.ClockSetBack.class,
                c -> assertThat(c.message()).contains("the time this license was issued")
                        .contains("Set the clock to the correct time").doesNotContain("reset-clock"));
        assertThat(witness.latestSeen()).isEmpty();
    }

    @Test
    void aMachineBoundLicenseWorksOnlyOnItsMachine() {
        Instant now = ISSUED.plus(Duration.ofDays(1));
        assertThat(verifierAt(now).verify(key(LicenseFixtures.withMachine(HERE.value()))))
                .isInstanceOf(LicenseVerdict.Valid.class);
        String other = MachineFingerprint.fromMachineId("ffffffffffffffffffffffffffffffff").value();
        assertThat(verifierAt(now).verify(key(LicenseFixtures.withMachine(other))))
                .isInstanceOfSatisfying(LicenseVerdict.BoundToAnotherMachine.class,
                        b -> assertThat(b.message()).contains("bound to another machine"));
        var unknownMachine = new LicenseVerifier(TrustedKeys.of(vendor.getPublic()), Clock.fixed(now, ZoneOffset.UTC),
                witness, Optional::empty, Duration.ofHours(2));
        assertThat(unknownMachine.verify(key(LicenseFixtures.withMachine(HERE.value()))))
                .isInstanceOfSatisfying(LicenseVerdict.BoundToAnotherMachine.class,
                        b -> assertThat(b.thisMachineUnknown()).isTrue());
    }

    @Test
    void signatureProblemsAreNamedPlainly() {
        KeyPair stranger = LicenseFixtures.vendorKey();
        LicenseVerdict unknown = verifierAt(ISSUED).verify(LicenseFixtures.sign(stranger, LicenseFixtures.license()).compact());
        assertThat(unknown).isInstanceOf(LicenseVerdict.UnknownSigningKey.class);
        assertThat(unknown.message()).contains("signed by a key this console does not know");

        String key = key(LicenseFixtures.license());
        int sig = key.lastIndexOf('.') + 5;
        String flipped = key.substring(0, sig) + (key.charAt(sig) == 'A' ? 'B' : 'A') + key.substring(sig + 1);
        LicenseVerdict tampered = verifierAt(ISSUED).verify(flipped);
        assertThat(tampered).isInstanceOf(LicenseVerdict.Tampered.class);
        assertThat(tampered.message()).contains("changed after it was issued");
    }

    @Test
    void aSignedButIncompleteBodyIsMalformedAndSaysWhichField() {
        ObjectNode body = LicenseJson.toJson(LicenseFixtures.license());
        body.remove("seats");
        String key = new DocumentSigner(vendor.getPrivate()).sign(DocumentKind.LICENSE, body).compact();
        LicenseVerdict verdict = verifierAt(ISSUED).verify(key);
        assertThat(verdict).isInstanceOfSatisfying(LicenseVerdict.Malformed.class, m -> {
            assertThat(m.problem()).isEqualTo("field 'seats' is missing");
            assertThat(m.message()).startsWith("This is not a readable license key: field 'seats' is missing");
        });
        body.put("seats", 0);
        key = new DocumentSigner(vendor.getPrivate()).sign(DocumentKind.LICENSE, body).compact();
        assertThat(verifierAt(ISSUED).verify(key)).isInstanceOfSatisfying(LicenseVerdict.Malformed.class,
                m -> assertThat(m.problem()).isEqualTo("field 'seats' must be a whole number from 1 to 1000000"));
    }

    @Test
    void aNewerLicenseFormatAsksForANewerConsole() {
        ObjectNode body = LicenseJson.toJson(LicenseFixtures.license()).put("schema", 2);
        String key = new DocumentSigner(vendor.getPrivate()).sign(DocumentKind.LICENSE, body).compact();
        assertThat(verifierAt(ISSUED).verify(key)).isInstanceOfSatisfying(LicenseVerdict.Malformed.class,
                m -> assertThat(m.problem()).contains("update the console first"));
    }

    @Test
    void theRegistryPasswordNeverAppearsInTextForPeople() {
        License license = LicenseFixtures.license();
        assertThat(license.toString()).doesNotContain("s3cret-pull-password");
        LicenseVerdict verdict = verifierAt(ISSUED).verify(key(license));
        assertThat(verdict.message()).doesNotContain("s3cret");
    }
}
