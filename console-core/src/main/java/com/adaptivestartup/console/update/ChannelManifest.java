package com.adaptivestartup.console.update;

import com.adaptivestartup.console.release.Versions;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.JsonFields;
import com.adaptivestartup.licensing.signing.MalformedDocumentException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the vendor publishes per update channel, signed ({@code ASC1}): a sequence number that only grows,
 * when it was issued and until when it may be trusted, the releases (each its own signed release manifest,
 * checked again when used) and the notices for admins.
 */
public record ChannelManifest(String channel, long sequence, Instant issuedAt, Instant expiresAt,
                              List<Release> releases, List<Notice> notices) {
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,6}");
    private static final Pattern SEVERITY = Pattern.compile("info|warning|critical");

    /** A release on the channel: its version and its signed release manifest, as text. */
    public record Release(String version, String signedManifest) {
    }

    /**
     * An announcement or advisory, for installs whose version is in [{@code fromVersion}, {@code belowVersion})
     * (either end open when null) and whose edition is listed (all when empty), until {@code expiresAt}.
     */
    public record Notice(String id, String severity, String title, String body, String fromVersion, String belowVersion,
                         List<String> editions, Instant expiresAt) {
        public boolean appliesTo(String version, String edition, Instant now) {
            return (fromVersion == null || Versions.compare(version, fromVersion) >= 0)
                    && (belowVersion == null || Versions.compare(version, belowVersion) < 0)
                    && (editions.isEmpty() || editions.contains(edition))
                    && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    public static ChannelManifest fromJson(JsonNode body) throws MalformedDocumentException {
        JsonFields root = new JsonFields(body, "");
        String channel = root.matching("channel", CHANNEL, "a channel name such as stable");
        if (!body.path("sequence").canConvertToLong() || body.path("sequence").asLong() < 0) {
            throw new MalformedDocumentException("the sequence must be a whole number, 0 or more", "sequence");
        }
        List<Release> releases = new ArrayList<>();
        int i = 0;
        for (JsonNode r : body.path("releases")) {
            String at = "releases[" + i++ + "]";
            JsonFields f = new JsonFields(r, at);
            String manifest = r.path("manifest").asText("");
            if (manifest.isBlank() || manifest.length() > DocumentKind.RELEASE_MANIFEST.maxEncodedChars()) {
                throw new MalformedDocumentException("each release needs its signed release manifest", at + ".manifest");
            }
            releases.add(new Release(f.matching("version", VERSION, "a version such as 1.1.0"), manifest));
        }
        List<Notice> notices = new ArrayList<>();
        i = 0;
        for (JsonNode n : body.path("notices")) {
            String at = "notices[" + i++ + "]";
            JsonFields f = new JsonFields(n, at);
            List<String> editions = new ArrayList<>();
            n.path("editions").forEach(e -> editions.add(e.asText()));
            JsonNode range = n.path("versions");
            notices.add(new Notice(f.text("id"), f.matching("severity", SEVERITY, "info, warning or critical"),
                    f.text("title"), f.optionalText("body"), optionalVersion(range, "from", at),
                    optionalVersion(range, "below", at), List.copyOf(editions),
                    n.hasNonNull("expiresAt") ? instant(n.get("expiresAt").asText(), at + ".expiresAt") : null));
        }
        return new ChannelManifest(channel, body.get("sequence").asLong(), instant(root.text("issuedAt"), "issuedAt"),
                instant(root.text("expiresAt"), "expiresAt"), List.copyOf(releases), List.copyOf(notices));
    }

    private static String optionalVersion(JsonNode range, String name, String at) throws MalformedDocumentException {
        if (!range.hasNonNull(name)) {
            return null;
        }
        String v = range.get(name).asText();
        if (!VERSION.matcher(v).matches()) {
            throw new MalformedDocumentException("not a version: " + v, at + ".versions." + name);
        }
        return v;
    }

    private static Instant instant(String text, String where) throws MalformedDocumentException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedDocumentException("not a time (ISO-8601, UTC): " + text, where);
        }
    }
}
