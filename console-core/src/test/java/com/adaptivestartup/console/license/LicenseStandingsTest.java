package com.adaptivestartup.console.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which answers of the Brain about a license's standing are believed, against a real SQLite state. */
class LicenseStandingsTest {
    static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    @TempDir
    Path dir;
    private final KeyPair vendor = Ed25519Keys.generate();
    private LicenseStandings standings;
    private StateDatabase db;
    private String instance;

    @BeforeEach
    void open() throws Exception {
        Path pub = Files.writeString(dir.resolve("vendor.pem"), Ed25519Keys.toPem(vendor.getPublic()));
        db = StateDatabase.open(dir.resolve("state"));
        standings = new LicenseStandings(TrustedKeys.fromPemFiles(pub), db, Clock.fixed(NOW, ZoneOffset.UTC));
        instance = standings.record("acme").instanceId();
    }

    private String answer(KeyPair key, String license, String instanceId, String status, Instant issued) {
        var body = new ObjectMapper().createObjectNode().put("licenseId", license).put("instanceId", instanceId)
                .put("status", status).put("reason", status.equals("revoked") ? "refunded on request" : "")
                .put("issuedAt", issued.toString()).put("validUntil", issued.plus(Duration.ofDays(7)).toString());
        return new DocumentSigner(key.getPrivate()).sign(DocumentKind.LICENSE_STANDING, body).compact();
    }

    private String answer(String status, Instant issued) {
        return answer(vendor, "lic-1", instance, status, issued);
    }

    @Test
    void eachInstallationGetsItsOwnIdAndStartsWithTheHeartbeatOff() {
        LicenseStandings.Record r = standings.record("acme");
        assertThat(r.enabled()).isFalse();
        assertThat(r.standing()).isEmpty();
        assertThat(standings.record("acme").instanceId()).isEqualTo(instance);
        assertThat(standings.record("other").instanceId()).isNotEqualTo(instance);
    }

    @Test
    void aRevocationIsKeptUntilANewerAnswerLiftsIt() {
        assertThat(standings.accept("acme", "lic-1", answer("active", NOW.minusSeconds(60))).revoked()).isFalse();
        assertThat(standings.revocation("acme", "lic-1")).isEmpty();
        LicenseStandings.Standing revoked = standings.accept("acme", "lic-1", answer("revoked", NOW.minusSeconds(30)));
        assertThat(revoked.describe()).isEqualTo("revoked by the vendor on 2026-11-28T11:59:30Z: refunded on request");
        assertThat(standings.revocation("acme", "lic-1")).contains(revoked);
        assertThat(standings.revocation("acme", "lic-2")).as("a replaced license is not the revoked one").isEmpty();
        standings.accept("acme", "lic-1", answer("active", NOW));
        assertThat(standings.revocation("acme", "lic-1")).isEmpty();
    }

    @Test
    void aFreshAnswerConfirmsAClockThatTheClockCheckDoubted() {
        var witness = new com.adaptivestartup.console.state.ClockWitness(db, Clock.fixed(NOW, ZoneOffset.UTC));
        witness.observe(NOW.plus(Duration.ofDays(20)));
        standings.accept("acme", "lic-1", answer("active", NOW.minusSeconds(5)));
        assertThat(witness.ahead()).isEmpty();
        assertThat(witness.latestSigned()).contains(NOW.minusSeconds(5));
    }

    @Test
    void anOlderAnswerReplayedIsRefusedAndTheRevocationStands() {
        String old = answer("active", NOW.minusSeconds(600));
        standings.accept("acme", "lic-1", old);
        standings.accept("acme", "lic-1", answer("revoked", NOW.minusSeconds(60)));
        assertThatThrownBy(() -> standings.accept("acme", "lic-1", old)).isInstanceOf(LicenseStandings.Refused.class)
                .hasMessageContaining("an old answer is being replayed");
        assertThat(standings.revocation("acme", "lic-1")).isPresent();
    }

    @Test
    void answersForAnotherLicenseOrInstallationOrFromTheFutureAreRefused() {
        assertThatThrownBy(() -> standings.accept("acme", "lic-1", answer(vendor, "lic-9", instance, "revoked", NOW)))
                .hasMessageContaining("answered for license lic-9, not this installation's lic-1");
        assertThatThrownBy(() -> standings.accept("acme", "lic-1", answer(vendor, "lic-1", "someone-else", "revoked", NOW)))
                .hasMessageContaining("answered for another installation");
        assertThatThrownBy(() -> standings.accept("acme", "lic-1", answer("revoked", NOW.plus(Duration.ofHours(2)))))
                .hasMessageContaining("in the future");
        assertThat(standings.record("acme").standing()).isEmpty();
    }

    @Test
    void answersNotSignedByTheVendorAreRefused() {
        KeyPair stranger = Ed25519Keys.generate();
        assertThatThrownBy(() -> standings.accept("acme", "lic-1", answer(stranger, "lic-1", instance, "revoked", NOW)))
                .hasMessageContaining("signed by a key this console does not trust");
        String good = answer("active", NOW);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThatThrownBy(() -> standings.accept("acme", "lic-1", tampered)).isInstanceOf(LicenseStandings.Refused.class);
        var other = new ObjectMapper().createObjectNode().put("channel", "stable");
        String wrongKind = new DocumentSigner(vendor.getPrivate()).sign(DocumentKind.CHANNEL_MANIFEST, other).compact();
        assertThatThrownBy(() -> standings.accept("acme", "lic-1", wrongKind)).isInstanceOf(LicenseStandings.Refused.class);
        assertThatThrownBy(() -> standings.accept("acme", "lic-1", answer("suspended", NOW)))
                .hasMessageContaining("no status 'active' or 'revoked'");
    }
}
