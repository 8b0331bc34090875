package com.adaptivestartup.console.license;

import com.adaptivestartup.console.state.ClockWitness;
import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentVerifier;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.adaptivestartup.licensing.signing.VerificationResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * The vendor's signed word on whether a license still stands for an installation (the Brain's answer to an
 * activation or a heartbeat), checked and kept per installation with the heartbeat's settings. Refused: a
 * bad or unknown signature, an answer for another license or installation, one dated in the future, and one
 * older than the answer already kept (a replay). A revocation stands until a newer signed answer says
 * otherwise; it turns updates off and never stops the stack.
 */
public final class LicenseStandings {
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private final DocumentVerifier verifier;
    private final StateDatabase db;
    private final Clock clock;

    public LicenseStandings(TrustedKeys keys, StateDatabase db, Clock clock) {
        this.verifier = new DocumentVerifier(keys);
        this.db = db;
        this.clock = clock;
    }

    /** A license's standing for one installation, as the vendor signed it. */
    public record Standing(String licenseId, String instanceId, String status, String reason, Instant issuedAt,
                           Instant validUntil) {
        public boolean revoked() {
            return "revoked".equals(status);
        }

        /** What the admin reads. */
        public String describe() {
            return revoked()
                    ? "revoked by the vendor on " + issuedAt + (reason.isBlank() ? "" : ": " + reason)
                    : "in good standing (the vendor said so on " + issuedAt + ")";
        }
    }

    /** The answer is refused; the message says why. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** The heartbeat's settings and last standing of an installation. */
    public record Record(boolean enabled, String instanceId, Instant activatedAt, Instant lastSentAt,
                         Optional<Standing> standing) {
    }

    /** Checks a signed answer for {@code licenseId} and this installation, and keeps it when it passes. */
    public Standing accept(String project, String licenseId, String text) {
        Record current = record(project);
        Standing s = verify(text.strip());
        if (!s.licenseId().equals(licenseId)) {
            throw new Refused("the Brain answered for license " + s.licenseId() + ", not this installation's " + licenseId
                    + "; the answer is refused");
        }
        if (!s.instanceId().equals(current.instanceId())) {
            throw new Refused("the Brain answered for another installation (" + s.instanceId() + "); the answer is refused");
        }
        if (s.issuedAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw new Refused("the Brain's answer is dated " + s.issuedAt() + ", in the future (is this machine's clock"
                    + " right?); it is refused");
        }
        current.standing().filter(kept -> kept.licenseId().equals(licenseId) && s.issuedAt().isBefore(kept.issuedAt()))
                .ifPresent(kept -> {
                    throw new Refused("the Brain's answer of " + s.issuedAt() + " is older than the one already kept ("
                            + kept.issuedAt() + "): an old answer is being replayed; it is refused");
                });
        update(project, "standing = ?", text.strip());
        new ClockWitness(db, clock).confirm(project, s.issuedAt(), "the vendor's signed answer about the license");
        return s;
    }

    /** The installation's heartbeat record, created (off, with a new random instance id) on first use. */
    public Record record(String project) {
        try (Connection c = db.connect()) {
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO heartbeat (project, instance_id) VALUES (?, ?) ON CONFLICT (project) DO NOTHING")) {
                ins.setString(1, project);
                ins.setString(2, UUID.randomUUID().toString());
                ins.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT enabled, instance_id, activated_at, last_sent_at, standing FROM heartbeat WHERE project = ?")) {
                s.setString(1, project);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    String standing = r.getString(5);
                    return new Record(r.getInt(1) == 1, r.getString(2), instant(r.getString(3)), instant(r.getString(4)),
                            standing == null ? Optional.empty() : Optional.of(verify(standing)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the heartbeat settings: " + e.getMessage(), e);
        }
    }

    /** The revocation that applies to this license on this installation, if the last answer was one. */
    public Optional<Standing> revocation(String project, String licenseId) {
        return record(project).standing().filter(s -> s.revoked() && s.licenseId().equals(licenseId));
    }

    void setEnabled(String project, boolean on) {
        record(project);
        update(project, "enabled = ?", on ? 1 : 0);
    }

    void markActivated(String project) {
        update(project, "activated_at = ?", clock.instant().toString());
    }

    void markSent(String project) {
        update(project, "last_sent_at = ?", clock.instant().toString());
    }

    private Standing verify(String text) {
        try {
            JsonNode body = switch (verifier.verify(text, DocumentKind.LICENSE_STANDING)) {
                case VerificationResult.Verified v -> v.document().body();
                case VerificationResult.Malformed x -> throw new Refused("the Brain's answer is not readable: " + x.problem());
                case VerificationResult.UnknownKey u -> throw new Refused("the Brain's answer is signed by a key this console"
                        + " does not trust (" + u.keyId() + "); it is refused");
                case VerificationResult.SignatureMismatch x -> throw new Refused("the Brain's answer was changed after the"
                        + " vendor signed it; it is refused");
            };
            String status = body.path("status").asText("");
            if (!status.equals("active") && !status.equals("revoked")) {
                throw new Refused("the Brain's answer has no status 'active' or 'revoked'; it is refused");
            }
            return new Standing(body.path("licenseId").asText(""), body.path("instanceId").asText(""), status,
                    body.path("reason").asText(""), Instant.parse(body.path("issuedAt").asText()),
                    Instant.parse(body.path("validUntil").asText()));
        } catch (DateTimeParseException e) {
            throw new Refused("the Brain's answer has no valid issuedAt/validUntil times; it is refused");
        }
    }

    private void update(String project, String assignment, Object value) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE heartbeat SET " + assignment + " WHERE project = ?")) {
            s.setObject(1, value);
            s.setString(2, project);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep the heartbeat settings: " + e.getMessage(), e);
        }
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
