package com.adaptivestartup.licensing.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentVerifierTest {
    private final KeyPair vendor = Ed25519Keys.generate();
    private final DocumentSigner signer = new DocumentSigner(vendor.getPrivate());
    private final DocumentVerifier verifier = new DocumentVerifier(TrustedKeys.of(vendor.getPublic()));

    private static ObjectNode body() {
        return JsonNodeFactory.instance.objectNode().put("version", "1.1.0").put("note", "héllo ✓");
    }

    @Test
    void verifiesWhatItSignsAndKeepsTheBody() {
        SignedDocument doc = signer.sign(DocumentKind.RELEASE_MANIFEST, body());
        assertThat(doc.compact()).startsWith("ASR1.");
        var result = verifier.verify(doc.compact(), DocumentKind.RELEASE_MANIFEST);
        assertThat(result).isInstanceOfSatisfying(VerificationResult.Verified.class, v -> {
            assertThat(v.document().body()).isEqualTo(body());
            assertThat(v.document().keyId()).isEqualTo(Ed25519Keys.keyId(vendor.getPublic()));
        });
    }

    @Test
    void survivesLineBreaksAndInvisibleSpacesFromMailClients() {
        String compact = signer.sign(DocumentKind.LICENSE, body()).compact();
        StringBuilder mangled = new StringBuilder("  \r\n\t");
        for (int i = 0; i < compact.length(); i++) {
            mangled.append(compact.charAt(i));
            if (i % 50 == 49) {
                mangled.append(i % 100 == 49 ? "\r\n" : "\u00A0\u200B\n ");
            }
        }
        mangled.append("\uFEFF \n");
        assertThat(verifier.verify(mangled.toString(), DocumentKind.LICENSE))
                .isInstanceOf(VerificationResult.Verified.class);
    }

    @Test
    void armoredFormVerifiesAndIgnoresTheUntrustedSummaryAboveIt() {
        SignedDocument doc = signer.sign(DocumentKind.LICENSE, body());
        String file = doc.armored(List.of("Customer: anyone can edit this line", "-----BEGIN tricks"));
        assertThat(file).contains("-----BEGIN ADAPTIVE STARTUP LICENSE-----").doesNotContain("-----BEGIN tricks");
        assertThat(file.lines().filter(l -> !l.startsWith("-----")).mapToInt(String::length).max().orElse(0))
                .isLessThanOrEqualTo(64);
        assertThat(verifier.verify(file, DocumentKind.LICENSE)).isInstanceOf(VerificationResult.Verified.class);
    }

    @Test
    void aDocumentOfAnotherKindIsRefusedAndNamed() {
        String manifest = signer.sign(DocumentKind.RELEASE_MANIFEST, body()).compact();
        assertThat(verifier.verify(manifest, DocumentKind.LICENSE)).isInstanceOfSatisfying(
                VerificationResult.Malformed.class,
                m -> assertThat(m.problem()).isEqualTo("this is a release manifest, not a license key"));
        String armored = signer.sign(DocumentKind.RELEASE_MANIFEST, body()).armored(List.of());
        assertThat(verifier.verify(armored, DocumentKind.LICENSE)).isInstanceOfSatisfying(
                VerificationResult.Malformed.class,
                m -> assertThat(m.problem()).isEqualTo("this file holds a release manifest, not a license key"));
    }

    @Test
    void theTypeInsideTheSignedEnvelopeMustMatchThePrefix() throws Exception {
        // Same signed envelope (typ=release-manifest), relabelled as a license, re-signed by the vendor key:
        // the prefix says license, the envelope says otherwise, and that is refused.
        String signedPart = "ASL1." + DocumentCodec.signedPart(DocumentKind.RELEASE_MANIFEST,
                Ed25519Keys.keyId(vendor.getPublic()), body()).substring(5);
        String forged = signedPart + "." + Base64Url.encode(sign(signedPart));
        assertThat(verifier.verify(forged, DocumentKind.LICENSE)).isInstanceOfSatisfying(
                VerificationResult.Malformed.class, m -> assertThat(m.where()).isEqualTo("the payload's 'typ'"));
    }

    @Test
    void anUnknownKeyIsNamedAndATrustedRotationKeyWorks() {
        KeyPair next = Ed25519Keys.generate();
        String doc = new DocumentSigner(next.getPrivate()).sign(DocumentKind.LICENSE, body()).compact();
        assertThat(verifier.verify(doc, DocumentKind.LICENSE)).isInstanceOfSatisfying(
                VerificationResult.UnknownKey.class,
                u -> assertThat(u.keyId()).isEqualTo(Ed25519Keys.keyId(next.getPublic())));
        var rotated = new DocumentVerifier(TrustedKeys.of(vendor.getPublic(), next.getPublic()));
        assertThat(rotated.verify(doc, DocumentKind.LICENSE)).isInstanceOf(VerificationResult.Verified.class);
        assertThat(rotated.verify(signer.sign(DocumentKind.LICENSE, body()).compact(), DocumentKind.LICENSE))
                .isInstanceOf(VerificationResult.Verified.class);
    }

    @Test
    void aChangedBodyWithItsKeyIdKeptIsTampered() {
        String doc = signer.sign(DocumentKind.LICENSE, body()).compact();
        String[] parts = doc.split("\\.");
        String json = new String(Base64Url.decode(parts[1]).orElseThrow(), StandardCharsets.UTF_8)
                .replace("1.1.0", "9.9.9");
        String altered = parts[0] + "." + Base64Url.encode(json.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(verifier.verify(altered, DocumentKind.LICENSE))
                .isInstanceOf(VerificationResult.SignatureMismatch.class);
    }

    @Test
    void duplicateKeysInTheEnvelopeAreRefusedEvenWhenSigned() throws Exception {
        String kid = Ed25519Keys.keyId(vendor.getPublic());
        String json = "{\"typ\":\"license\",\"kid\":\"" + kid + "\",\"body\":{\"seats\":1,\"seats\":9999}}";
        String signedPart = "ASL1." + Base64Url.encode(json.getBytes(StandardCharsets.UTF_8));
        String doc = signedPart + "." + Base64Url.encode(sign(signedPart));
        assertThat(verifier.verify(doc, DocumentKind.LICENSE)).isInstanceOfSatisfying(
                VerificationResult.Malformed.class, m -> assertThat(m.problem()).contains("Duplicate field 'seats'"));
    }

    @Test
    void hugeAndEmptyInputsAreRefusedBeforeDecoding() {
        assertThat(verifier.verify("ASL1." + "A".repeat(40_000), DocumentKind.LICENSE)).isInstanceOfSatisfying(
                VerificationResult.Malformed.class, m -> assertThat(m.problem()).contains("at most 32768"));
        assertThat(verifier.verify(" \n ", DocumentKind.LICENSE)).isInstanceOfSatisfying(
                VerificationResult.Malformed.class, m -> assertThat(m.problem()).isEqualTo("it is empty"));
        assertThat(verifier.verify(null, DocumentKind.LICENSE)).isInstanceOf(VerificationResult.Malformed.class);
    }

    @Test
    void saysWhereACharacterDoesNotBelong() {
        String doc = signer.sign(DocumentKind.LICENSE, body()).compact();
        String bad = doc.substring(0, 20) + "*" + doc.substring(21);
        assertThat(verifier.verify(bad, DocumentKind.LICENSE)).isInstanceOfSatisfying(
                VerificationResult.Malformed.class, m -> {
                    assertThat(m.problem()).isEqualTo("it contains '*', which cannot appear in a key");
                    assertThat(m.where()).isEqualTo("part 2 of 3 (the payload), character 16");
                });
        assertThat(verifier.verify(doc.substring(0, doc.lastIndexOf('.')), DocumentKind.LICENSE))
                .isInstanceOfSatisfying(VerificationResult.Malformed.class,
                        m -> assertThat(m.problem()).startsWith("it has 2 parts"));
    }

    private byte[] sign(String text) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(vendor.getPrivate());
        s.update(text.getBytes(StandardCharsets.US_ASCII));
        return s.sign();
    }
}
