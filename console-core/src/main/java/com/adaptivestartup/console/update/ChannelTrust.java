package com.adaptivestartup.console.update;

import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentVerifier;
import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.adaptivestartup.licensing.signing.VerificationResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides whether a channel manifest may be believed, and remembers the last one that was. Refused: a bad
 * or unknown signature, a manifest for another channel, an expired one (a freeze attack: someone keeps
 * serving an old manifest so a fix never arrives), and one whose sequence number is lower than the last
 * trusted one (a rollback attack: an older manifest replayed), or equal to it with different content.
 * When the source cannot be reached, the last trusted manifest is used while it has not expired.
 */
public final class ChannelTrust {
    private final DocumentVerifier verifier;
    private final StateDatabase db;
    private final Clock clock;

    public ChannelTrust(TrustedKeys keys, StateDatabase db, Clock clock) {
        this.verifier = new DocumentVerifier(keys);
        this.db = db;
        this.clock = clock;
    }

    /** The channel manifest is refused; the message says why. */
    public static final class Untrusted extends RuntimeException {
        public Untrusted(String message) {
            super(message);
        }
    }

    /** A believed manifest, and whether it is the one just fetched or the last one kept (the source was out of reach). */
    public record Trusted(ChannelManifest manifest, boolean fromLastKnown, Instant verifiedAt, String offlineReason) {
    }

    /** Checks freshly fetched text, and keeps it as the last trusted manifest of its channel when it passes. */
    public Trusted accept(String channel, String text) {
        ChannelManifest m = verify(channel, text);
        Optional<Stored> last = stored(channel);
        if (last.isPresent()) {
            if (m.sequence() < last.get().sequence()) {
                throw new Untrusted("the update channel sent manifest number " + m.sequence() + ", older than number "
                        + last.get().sequence() + " already seen: an old copy is being replayed; it is refused");
            }
            if (m.sequence() == last.get().sequence() && !last.get().document().equals(text.strip())) {
                throw new Untrusted("the update channel sent a different manifest under the same number " + m.sequence()
                        + " as one already seen; it is refused");
            }
        }
        Instant now = clock.instant();
        if (last.isEmpty() || m.sequence() > last.get().sequence()) {
            save(channel, m.sequence(), text.strip(), now);
        }
        new AnnouncedKeys(db).record(channel, m.nextKeys(), now);
        return new Trusted(m, false, now, null);
    }

    /** The last trusted manifest, for when the source cannot be reached; still refused once it has expired. */
    public Trusted lastKnown(String channel, String whyOffline) {
        Stored s = stored(channel).orElseThrow(() -> new Untrusted(whyOffline + "; and no manifest of the channel '"
                + channel + "' was ever received, so nothing is known about updates"));
        ChannelManifest m = verify(channel, s.document());
        return new Trusted(m, true, s.verifiedAt(), whyOffline);
    }

    private ChannelManifest verify(String channel, String text) {
        ChannelManifest m;
        try {
            m = switch (verifier.verify(text.strip(), DocumentKind.CHANNEL_MANIFEST)) {
                case VerificationResult.Verified v -> ChannelManifest.fromJson(v.document().body());
                case VerificationResult.Malformed x -> throw new Untrusted("the update channel's manifest is not readable: "
                        + x.problem() + " (at " + x.where() + ")");
                case VerificationResult.UnknownKey u -> throw new Untrusted("the update channel's manifest is signed by a key"
                        + " this console does not trust (" + u.keyId() + "); it is refused");
                case VerificationResult.SignatureMismatch x -> throw new Untrusted("the update channel's manifest was changed"
                        + " after the vendor signed it; it is refused");
            };
        } catch (MalformedDocumentException e) {
            throw new Untrusted("the update channel's manifest is signed but incomplete: " + e.problem() + " (at " + e.where() + ")");
        }
        if (!m.channel().equals(channel)) {
            throw new Untrusted("asked for the channel '" + channel + "' but got the manifest of '" + m.channel() + "'; it is refused");
        }
        if (!clock.instant().isBefore(m.expiresAt())) {
            throw new Untrusted("the update channel's manifest expired on " + m.expiresAt() + " (number " + m.sequence()
                    + "): the source keeps serving an old copy, or this machine's clock is wrong; it is refused");
        }
        return m;
    }

    private record Stored(long sequence, String document, Instant verifiedAt) {
    }

    private Optional<Stored> stored(String channel) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT sequence, document, verified_at FROM channel_state WHERE channel = ?")) {
            s.setString(1, channel);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Stored(r.getLong(1), r.getString(2), Instant.parse(r.getString(3))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the last trusted update channel: " + e.getMessage(), e);
        }
    }

    private void save(String channel, long sequence, String document, Instant at) {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("""
                INSERT INTO channel_state (channel, sequence, document, verified_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (channel) DO UPDATE SET sequence = excluded.sequence, document = excluded.document,
                    verified_at = excluded.verified_at""")) {
            s.setString(1, channel);
            s.setLong(2, sequence);
            s.setString(3, document);
            s.setString(4, at.toString());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep the trusted update channel: " + e.getMessage(), e);
        }
    }
}
