package com.adaptivestartup.console.update;

import com.adaptivestartup.console.state.StateDatabase;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The vendor's next signing keys, as trusted channel manifests announced them (decision 0003's rotation): kept in the
 * state database and trusted beside the keys built into the console, so documents the vendor signs with the next key
 * verify once any channel has been read since it was announced. Only a manifest that passed {@link ChannelTrust} is
 * taken, so a key is as trusted as the key that announced it.
 */
public final class AnnouncedKeys {
    private final StateDatabase db;

    public AnnouncedKeys(StateDatabase db) {
        this.db = db;
    }

    /** Keeps the keys a trusted manifest of {@code channel} announced (already kept ones stay as first announced). */
    void record(String channel, List<PublicKey> keys, Instant at) {
        try (Connection c = db.connect(); PreparedStatement i = c.prepareStatement(
                "INSERT INTO announced_keys (kid, public_key, channel, announced_at) VALUES (?, ?, ?, ?) ON CONFLICT (kid) DO NOTHING")) {
            for (PublicKey k : keys) {
                i.setString(1, Ed25519Keys.keyId(k));
                i.setString(2, Ed25519Keys.toPem(k));
                i.setString(3, channel);
                i.setString(4, at.toString());
                i.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot keep the vendor's announced keys: " + e.getMessage(), e);
        }
    }

    /** Every announced key, to trust beside the built-in ones. */
    public TrustedKeys keys() {
        List<PublicKey> keys = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement q = c.prepareStatement("SELECT public_key FROM announced_keys");
             ResultSet r = q.executeQuery()) {
            while (r.next()) {
                keys.add(Ed25519Keys.publicKeyFromPem(r.getString(1)));
            }
        } catch (SQLException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the vendor's announced keys: " + e.getMessage(), e);
        }
        return TrustedKeys.of(keys);
    }
}
