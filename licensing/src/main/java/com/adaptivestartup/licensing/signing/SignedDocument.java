package com.adaptivestartup.licensing.signing;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A document whose signature has been checked against a trusted key (or, from
 * {@link DocumentCodec#decodeUntrusted}, one that has merely been decoded).
 *
 * @param kind    what kind of document it is
 * @param keyId   the RFC 7638 thumbprint of the key that signed it
 * @param body    the signed JSON body; treat it as read-only
 * @param compact the canonical compact text, {@code PREFIX.payload.signature}
 */
public record SignedDocument(DocumentKind kind, String keyId, JsonNode body, String compact) {

    /** The same document as a PEM-like block, with optional human-readable lines before it. */
    public String armored(java.util.List<String> commentLines) {
        return DocumentCodec.armor(compact, kind, commentLines);
    }
}
