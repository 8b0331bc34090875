package com.adaptivestartup.licensing.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two encodings of a signed document, and their decoding.
 *
 * <ul>
 *   <li>Compact: {@code PREFIX.base64url(envelope).base64url(signature)}, one line, copy-paste safe:
 *       whitespace anywhere (line breaks from an e-mail client, spaces, tabs, non-breaking spaces) is
 *       ignored.</li>
 *   <li>Armored: the compact text wrapped at 64 columns between {@code -----BEGIN LABEL-----} and
 *       {@code -----END LABEL-----}; lines before the block are for people and are not trusted.</li>
 * </ul>
 * The envelope is {@code {"typ": kind, "kid": key id, "body": {...}}}; the signature is Ed25519 over
 * the ASCII bytes of {@code PREFIX.base64url(envelope)}.
 */
public final class DocumentCodec {
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([^-\\r\\n]{1,80})-----");
    private static final Set<String> ENVELOPE_FIELDS = Set.of("typ", "kid", "body");
    private static final int SIGNATURE_BYTES = 64;

    private DocumentCodec() {
    }

    /** A document taken apart, before its signature is checked. */
    record Decoded(DocumentKind kind, String keyId, JsonNode body, String compact, byte[] signedBytes,
                   byte[] signature) {
        SignedDocument document() {
            return new SignedDocument(kind, keyId, body, compact);
        }
    }

    /** {@code PREFIX.base64url(envelope)}: the exact text the signature covers. */
    static String signedPart(DocumentKind kind, String keyId, JsonNode body) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("typ", kind.type());
        envelope.put("kid", keyId);
        envelope.set("body", body);
        return kind.prefix() + "." + Base64Url.encode(StrictJson.write(envelope));
    }

    static String armor(String compact, DocumentKind kind, List<String> commentLines) {
        StringBuilder out = new StringBuilder();
        for (String line : commentLines) {
            out.append(line.replace("-----", "- - -")).append('\n');
        }
        if (!commentLines.isEmpty()) {
            out.append('\n');
        }
        out.append("-----BEGIN ").append(kind.armorLabel()).append("-----\n");
        for (int i = 0; i < compact.length(); i += 64) {
            out.append(compact, i, Math.min(compact.length(), i + 64)).append('\n');
        }
        return out.append("-----END ").append(kind.armorLabel()).append("-----\n").toString();
    }

    /** Decodes without trusting: for inspection tools only. */
    public static SignedDocument decodeUntrusted(String text, DocumentKind kind) throws MalformedDocumentException {
        return decode(text, kind).document();
    }

    static Decoded decode(String text, DocumentKind kind) throws MalformedDocumentException {
        if (text == null || text.isBlank()) {
            throw new MalformedDocumentException("it is empty", "the " + kind.displayName());
        }
        if (text.length() > kind.maxEncodedChars()) {
            throw new MalformedDocumentException("it is " + text.length() + " characters long; a "
                    + kind.displayName() + " is at most " + kind.maxEncodedChars(), "the whole text");
        }
        String plain = MailText.unquote(text);
        String compact = plain.contains("-----BEGIN") ? unarmor(plain, kind) : MailText.bareKey(plain, kind.prefix());
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new MalformedDocumentException("it has " + parts.length + " part" + (parts.length == 1 ? "" : "s")
                    + " separated by '.', a " + kind.displayName() + " has 3 (it may be cut short or joined"
                    + " with other text)", "the whole " + kind.displayName());
        }
        checkPrefix(parts[0], kind);
        byte[] envelopeBytes = decodePart(parts[1], "part 2 of 3 (the payload)");
        byte[] signature = decodePart(parts[2], "part 3 of 3 (the signature)");
        if (signature.length != SIGNATURE_BYTES) {
            throw new MalformedDocumentException("the signature is " + signature.length + " bytes, an Ed25519 "
                    + "signature is 64 (the text may be cut short)", "part 3 of 3 (the signature)");
        }
        JsonNode envelope = StrictJson.parse(envelopeBytes, "the payload");
        String keyId = checkEnvelope(envelope, kind);
        String signedPart = parts[0] + "." + parts[1];
        return new Decoded(kind, keyId, envelope.get("body"), compact,
                signedPart.getBytes(StandardCharsets.US_ASCII), signature);
    }

    private static String unarmor(String text, DocumentKind kind) throws MalformedDocumentException {
        Matcher begin = BEGIN.matcher(text);
        if (!begin.find()) {
            throw new MalformedDocumentException("the BEGIN line is damaged", "the file's BEGIN line");
        }
        String label = begin.group(1);
        if (!label.equals(kind.armorLabel())) {
            String what = DocumentKind.byArmorLabel(label).map(k -> "a " + k.displayName())
                    .orElse("a '" + label + "' block");
            throw new MalformedDocumentException("this file holds " + what + ", not a " + kind.displayName(),
                    "the file's BEGIN line");
        }
        String endLine = "-----END " + label + "-----";
        int end = text.indexOf(endLine, begin.end());
        if (end < 0) {
            throw new MalformedDocumentException("the END line is missing (the file may be cut short)",
                    "the end of the file");
        }
        return withoutWhitespace(text.substring(begin.end(), end));
    }

    private static void checkPrefix(String prefix, DocumentKind kind) throws MalformedDocumentException {
        if (prefix.equals(kind.prefix())) {
            return;
        }
        String problem = DocumentKind.byPrefix(prefix)
                .map(other -> "this is a " + other.displayName() + ", not a " + kind.displayName())
                .orElse("a " + kind.displayName() + " starts with '" + kind.prefix() + ".'");
        throw new MalformedDocumentException(problem, "the start of the text");
    }

    private static byte[] decodePart(String part, String where) throws MalformedDocumentException {
        int bad = Base64Url.firstInvalidCharacter(part);
        if (bad >= 0) {
            throw new MalformedDocumentException("it contains '" + printable(part.charAt(bad))
                    + "', which cannot appear in a key", where + ", character " + (bad + 1));
        }
        if (part.isEmpty()) {
            throw new MalformedDocumentException("it is empty", where);
        }
        return Base64Url.decode(part).orElseThrow(() -> new MalformedDocumentException(
                "it is cut short or has a changed last character", where));
    }

    private static String checkEnvelope(JsonNode envelope, DocumentKind kind) throws MalformedDocumentException {
        if (!envelope.isObject()) {
            throw new MalformedDocumentException("the payload is not a JSON object", "the payload");
        }
        for (Iterator<String> names = envelope.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ENVELOPE_FIELDS.contains(name)) {
                throw new MalformedDocumentException("unexpected field '" + name + "'", "the payload");
            }
        }
        JsonNode typ = envelope.get("typ");
        JsonNode kid = envelope.get("kid");
        JsonNode body = envelope.get("body");
        if (typ == null || !typ.isTextual() || !typ.textValue().equals(kind.type())) {
            throw new MalformedDocumentException("the payload's type is " + (typ == null ? "missing" : typ)
                    + ", expected \"" + kind.type() + "\"", "the payload's 'typ'");
        }
        if (kid == null || !kid.isTextual() || kid.textValue().isEmpty()) {
            throw new MalformedDocumentException("the signing key id is missing", "the payload's 'kid'");
        }
        if (body == null || !body.isObject()) {
            throw new MalformedDocumentException("the body is missing or not an object", "the payload's 'body'");
        }
        return kid.textValue();
    }

    static String withoutWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isSpace(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whitespace as pasted from mail clients and word processors, invisible ones included. */
    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c)
                || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF';
    }

    private static String printable(char c) {
        return Character.isISOControl(c) || Character.isSurrogate(c)
                ? String.format("\\u%04X", (int) c) : String.valueOf(c);
    }
}
