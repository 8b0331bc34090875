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
 * checked again when used), the notices for admins, and the console's own releases (its installers, each
 * with its SHA-256, so a download is as trusted as this manifest), and the vendor's next signing keys ({@code nextKeys}).
 */
public record ChannelManifest(String channel, long sequence, Instant issuedAt, Instant expiresAt,
                              List<Release> releases, List<Notice> notices, List<ConsoleRelease> consoleReleases,
                              List<java.security.PublicKey> nextKeys) {
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,4}\\.\\d{1,4}\\.\\d{1,6}");
    private static final Pattern SEVERITY = Pattern.compile("info|warning|critical");
    /** Notice ids are kept (dismissed ones) in a comma-separated list: no commas, nothing odd. */
    public static final Pattern NOTICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern OS = Pattern.compile("windows|macos|linux");
    private static final Pattern INSTALLER_TYPE = Pattern.compile("msi|dmg|deb");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ABSOLUTE_URL = Pattern.compile("(https://[^/\\s]+|http://(localhost|127\\.[0-9.]+)(:\\d+)?)/[^\\s]{1,1000}");
    private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,500}");

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

    /** A release of the desktop console, with an installer per OS. */
    public record ConsoleRelease(String version, String notes, List<Installer> installers) {
    }

    /**
     * One installer: for which OS, its kind, where to get it ({@code https://...}, or a path relative to the
     * update source: the Brain's base URL or the offline folder), its SHA-256 and size in bytes.
     */
    public record Installer(String os, String type, String url, String sha256, long size) {
        public String fileName() {
            String name = url.substring(url.lastIndexOf('/') + 1);
            return name.matches("[A-Za-z0-9._-]{1,200}") ? name : "adaptive-startup-console." + type;
        }

        /** What to fetch, and what the signed channel promised it is. */
        public com.adaptivestartup.console.outbound.Download download() {
            return new com.adaptivestartup.console.outbound.Download(url, fileName(), sha256, size);
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
            notices.add(new Notice(f.matching("id", NOTICE_ID, "an id of letters, digits, '.', '_' or '-'"),
                    f.matching("severity", SEVERITY, "info, warning or critical"),
                    f.text("title"), f.optionalText("body"), optionalVersion(range, "from", at),
                    optionalVersion(range, "below", at), List.copyOf(editions),
                    n.hasNonNull("expiresAt") ? instant(n.get("expiresAt").asText(), at + ".expiresAt") : null));
        }
        return new ChannelManifest(channel, body.get("sequence").asLong(), instant(root.text("issuedAt"), "issuedAt"),
                instant(root.text("expiresAt"), "expiresAt"), List.copyOf(releases), List.copyOf(notices),
                consoleReleases(body.path("console")), nextKeys(body.path("keys").path("next")));
    }

    /**
     * {@code keys.next} (optional): the vendor's next signing keys (PEM, Ed25519), announced under the current key's
     * signature so a console trusts them before the vendor starts signing with them (decision 0003's rotation).
     */
    private static List<java.security.PublicKey> nextKeys(JsonNode list) throws MalformedDocumentException {
        List<java.security.PublicKey> keys = new ArrayList<>();
        int i = 0;
        for (JsonNode k : list) {
            try {
                keys.add(com.adaptivestartup.licensing.signing.Ed25519Keys.publicKeyFromPem(k.asText()));
            } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
                throw new MalformedDocumentException("an announced key is not an Ed25519 public key in PEM", "keys.next[" + i + "]");
            }
            i++;
        }
        return List.copyOf(keys);
    }

    private static List<ConsoleRelease> consoleReleases(JsonNode list) throws MalformedDocumentException {
        List<ConsoleRelease> out = new ArrayList<>();
        int i = 0;
        for (JsonNode r : list) {
            String at = "console[" + i++ + "]";
            JsonFields f = new JsonFields(r, at);
            List<Installer> installers = new ArrayList<>();
            int j = 0;
            for (JsonNode n : r.path("installers")) {
                String where = at + ".installers[" + j++ + "]";
                JsonFields g = new JsonFields(n, where);
                String url = g.text("url");
                boolean absolute = url.contains("://");
                if (absolute ? !ABSOLUTE_URL.matcher(url).matches() : !RELATIVE_PATH.matcher(url).matches() || url.contains("..")) {
                    throw new MalformedDocumentException("not an https URL, nor a path inside the update source: " + url,
                            where + ".url");
                }
                if (!n.path("size").canConvertToLong() || n.path("size").asLong() <= 0) {
                    throw new MalformedDocumentException("the installer's size must be a whole number of bytes", where + ".size");
                }
                installers.add(new Installer(g.matching("os", OS, "windows, macos or linux"),
                        g.matching("type", INSTALLER_TYPE, "msi, dmg or deb"), url,
                        g.matching("sha256", SHA256, "64 lowercase hex digits"), n.get("size").asLong()));
            }
            out.add(new ConsoleRelease(f.matching("version", VERSION, "a version such as 1.1.0"), f.optionalText("notes"),
                    List.copyOf(installers)));
        }
        return List.copyOf(out);
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
