package com.adaptivestartup.licensing.signing;

import java.util.List;
import java.util.Optional;

/**
 * A kind of signed document. The prefix is part of the signed bytes and the type is repeated inside
 * the signed envelope, so a document of one kind can never be accepted as another (a release
 * manifest pasted where a license is expected is refused, and says what it is).
 *
 * @param prefix      first segment of the compact form, e.g. {@code ASL1}
 * @param type        the {@code typ} inside the envelope, e.g. {@code license}
 * @param armorLabel  the label of the PEM-like block, e.g. {@code ADAPTIVE STARTUP LICENSE}
 * @param displayName what a person calls it, e.g. "license key"
 * @param maxEncodedChars the longest text accepted before anything is decoded (a bomb guard)
 */
public record DocumentKind(String prefix, String type, String armorLabel, String displayName, int maxEncodedChars) {

    public static final DocumentKind LICENSE =
            new DocumentKind("ASL1", "license", "ADAPTIVE STARTUP LICENSE", "license key", 32 * 1024);
    public static final DocumentKind RELEASE_MANIFEST =
            new DocumentKind("ASR1", "release-manifest", "ADAPTIVE STARTUP RELEASE MANIFEST", "release manifest",
                    4 * 1024 * 1024);
    public static final DocumentKind CHANNEL_MANIFEST =
            new DocumentKind("ASC1", "channel-manifest", "ADAPTIVE STARTUP CHANNEL MANIFEST", "update channel manifest",
                    8 * 1024 * 1024);
    public static final DocumentKind BUNDLE_INDEX =
            new DocumentKind("ASB1", "bundle-index", "ADAPTIVE STARTUP BUNDLE INDEX", "offline bundle index",
                    8 * 1024 * 1024);

    /** The Brain's answer to an activation or a heartbeat: is this license still good for this installation. */
    public static final DocumentKind LICENSE_STANDING =
            new DocumentKind("ASV1", "license-standing", "ADAPTIVE STARTUP LICENSE STANDING", "license standing", 16 * 1024);

    public static final List<DocumentKind> KNOWN =
            List.of(LICENSE, RELEASE_MANIFEST, CHANNEL_MANIFEST, BUNDLE_INDEX, LICENSE_STANDING);

    public DocumentKind {
        if (prefix.isEmpty() || Base64Url.firstInvalidCharacter(prefix) >= 0 || prefix.contains("-")) {
            throw new IllegalArgumentException("a prefix is letters and digits only: " + prefix);
        }
    }

    public static Optional<DocumentKind> byPrefix(String prefix) {
        return KNOWN.stream().filter(k -> k.prefix.equals(prefix)).findFirst();
    }

    public static Optional<DocumentKind> byArmorLabel(String label) {
        return KNOWN.stream().filter(k -> k.armorLabel.equals(label)).findFirst();
    }
}
