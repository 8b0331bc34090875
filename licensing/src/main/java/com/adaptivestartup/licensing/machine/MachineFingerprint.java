package com.adaptivestartup.licensing.machine;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A machine's identity for license binding: the OS machine id, keyed-hashed with this application's
 * own label (as systemd's app-specific machine id does), so the value reveals nothing about the id
 * and is useless to any other program. Never from MAC addresses or disk serials, which change.
 *
 * @param value {@code mfp1-} and 32 hex digits
 */
public record MachineFingerprint(String value) {
    private static final byte[] APP_LABEL =
            "adaptive-startup-console/machine-binding/v1".getBytes(StandardCharsets.US_ASCII);

    public static MachineFingerprint fromMachineId(String machineId) {
        String normalized = machineId.strip().toLowerCase(java.util.Locale.ROOT);
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException("empty machine id");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(normalized.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(APP_LABEL);
            return new MachineFingerprint("mfp1-" + HexFormat.of().formatHex(digest, 0, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** This machine's fingerprint, or empty when the OS does not give a machine id. */
    public static Optional<MachineFingerprint> ofThisMachine() {
        return MachineIdSources.forThisOs().read().map(MachineFingerprint::fromMachineId);
    }
}
