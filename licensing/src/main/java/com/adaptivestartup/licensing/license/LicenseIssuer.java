package com.adaptivestartup.licensing.license;

import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.adaptivestartup.licensing.signing.SignedDocument;
import java.util.ArrayList;
import java.util.List;

/** The vendor side: turns a {@link License} into a signed key string or {@code .lic} file text. */
public final class LicenseIssuer {
    private final DocumentSigner signer;

    public LicenseIssuer(DocumentSigner signer) {
        this.signer = signer;
    }

    /** Signs the license after checking it reads back exactly as a console will read it. */
    public SignedDocument issue(License license) {
        var body = LicenseJson.toJson(license);
        try {
            LicenseJson.fromJson(body);
        } catch (MalformedDocumentException e) {
            throw new IllegalArgumentException("this license would not be accepted: " + e.problem(), e);
        }
        return signer.sign(DocumentKind.LICENSE, body);
    }

    /** The text of a {@code .lic} file: a readable summary (not trusted) above the signed block. */
    public static String licenseFileText(SignedDocument document, License license) {
        List<String> summary = new ArrayList<>();
        summary.add("Adaptive Startup license " + license.licenseId());
        summary.add("Customer:  " + license.customerName() + " (" + license.customerId() + ")");
        summary.add("Edition:   " + license.edition().wireName() + ", " + license.seats() + " seats");
        summary.add("Valid:     " + license.notBefore() + " to " + license.expiresAt());
        summary.add("Open the Adaptive Startup console and choose this file, or paste the block below.");
        return document.armored(summary);
    }
}
