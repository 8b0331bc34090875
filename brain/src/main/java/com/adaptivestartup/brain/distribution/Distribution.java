package com.adaptivestartup.brain.distribution;

import com.adaptivestartup.brain.Sql;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.DocumentVerifier;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import com.adaptivestartup.licensing.signing.VerificationResult;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What vendor staff change in the updates customers are offered: a customer's signed release published on a track, a
 * pin (never offer a customer beyond a version), a notice for a range of versions and editions, a console release.
 * Each change and the channel manifests it changes ({@link ChannelDocuments}) are one transaction; a bad input is refused
 * in words and changes nothing.
 */
public final class Distribution {
    private static final Pattern NOTICE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CUSTOMER = LicenseDesk.CUSTOMER_KEY;
    private final DataSource db;
    private final DocumentVerifier releases;
    private final ChannelDocuments channels;

    private final DocumentSigner signer;

    public Distribution(DataSource db, DocumentSigner signer, TrustedKeys vendorKeys, java.time.Clock clock) {
        this(db, signer, vendorKeys, clock, List.of());
    }

    /** {@code nextKeys}: the vendor's next signing keys, announced in every channel; releases signed by them are taken. */
    public Distribution(DataSource db, DocumentSigner signer, TrustedKeys vendorKeys, java.time.Clock clock,
                        List<java.security.PublicKey> nextKeys) {
        this.db = db;
        this.signer = signer;
        this.releases = new DocumentVerifier(vendorKeys.plus(TrustedKeys.of(nextKeys)));
        this.channels = new ChannelDocuments(signer, clock, nextKeys);
    }

    /** A notice as staff write it; {@code from} and {@code below} make a half-open range, either may be absent. */
    public record Notice(String id, String severity, String title, String body, String from, String below,
                         List<String> editions, Instant expiresAt) {
    }

    /** An installer of a console release: {@code url} https, or a path under the Brain's address. */
    public record Installer(String os, String type, String url, long size, String sha256) {
    }

    /**
     * Publishes a release: its manifest must be signed by a vendor key and name the customer it was built for;
     * {@code track} is stable or beta. The same version again replaces it (a re-signed manifest, a promotion to
     * stable). Returns the customer it was published for.
     */
    public String publish(String manifestText, String track) throws SQLException {
        if (!ChannelDocuments.TRACKS.contains(track)) {
            throw new IllegalArgumentException("a release is published on stable or beta, not " + Versions.quoted(track));
        }
        VerificationResult verified = releases.verify(manifestText == null ? "" : manifestText.strip(),
                DocumentKind.RELEASE_MANIFEST);
        if (!(verified instanceof VerificationResult.Verified ok)) {
            throw new IllegalArgumentException("this is not a release manifest signed by a vendor key: " + switch (verified) {
                case VerificationResult.Malformed m -> m.problem() + (m.where() == null ? "" : " (at " + m.where() + ")");
                case VerificationResult.UnknownKey u -> "it is signed by key " + u.keyId() + ", which is not the Brain's";
                case VerificationResult.SignatureMismatch m -> "its signature does not match its content (changed after signing)";
                case VerificationResult.Verified v -> "";
            });
        }
        JsonNode body = ok.document().body();
        String version = Versions.checked(body.path("version").asText(null), "the release manifest's version");
        String customer = body.path("customerId").asText("");
        if (!CUSTOMER.matcher(customer).matches()) {
            throw new IllegalArgumentException("the release " + version + " was built for " + Versions.quoted(customer)
                    + ", not for a customer of the Brain (c- and 16 hex digits, or an invoiced customer's key); publish"
                    + " the customer's own build");
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            store(c, customer, version, track, ok.document().compact());
            c.commit();
        }
        return customer;
    }

    /**
     * Signs the release the customer's build reported (its unsigned manifest, as images/build.sh writes it) and
     * publishes it on stable, within the caller's transaction: the manifest must be this customer's and this version's,
     * and name exactly the images the build reported, digest for digest.
     */
    public void publishBuilt(Connection c, String customer, String version, JsonNode body, JsonNode reportedImages)
            throws SQLException {
        if (!customer.equals(body.path("customerId").asText()) || !version.equals(body.path("version").asText())) {
            throw new IllegalArgumentException("the build's release manifest is for " + body.path("customerId").asText("nobody")
                    + " " + body.path("version").asText("no version") + ", not " + customer + " " + version);
        }
        JsonNode images = body.path("images");
        if (!images.isObject() || images.size() != reportedImages.size()) {
            throw new IllegalArgumentException("the build's release manifest names other images than the build reported");
        }
        for (var e : reportedImages.properties()) {
            String said = images.path(e.getKey()).path("digest").asText("");
            if (!said.equals(e.getValue().path("digest").asText())) {
                throw new IllegalArgumentException("the release manifest's " + e.getKey() + " image is " + Versions.quoted(said)
                        + ", the build reported " + e.getValue().path("digest").asText());
            }
        }
        store(c, customer, version, "stable", signer.sign(DocumentKind.RELEASE_MANIFEST, body).compact());
    }

    private void store(Connection c, String customer, String version, String track, String manifest) throws SQLException {
        Sql.update(c, "INSERT INTO releases (customer_key, version, track, manifest_text) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (customer_key, version) DO UPDATE SET track = excluded.track,"
                + " manifest_text = excluded.manifest_text, published_at = now()", customer, version, track, manifest);
        channels.sign(c, List.of(customer));
    }

    /** Pins a customer to {@code upTo} (null: unpins), with the reason staff give. */
    public void pin(String customer, String upTo, String reason) throws SQLException {
        if (customer == null || !CUSTOMER.matcher(customer).matches()) {
            throw new IllegalArgumentException("a customer is c- and 16 hex digits or an invoiced customer's key, not "
                    + Versions.quoted(customer));
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            if (upTo == null) {
                Sql.update(c, "DELETE FROM pins WHERE customer_key = ?", customer);
            } else {
                Versions.checked(upTo, "a pin");
                if (reason == null || reason.isBlank()) {
                    throw new IllegalArgumentException("say why the customer is pinned (it is shown to staff beside the pin)");
                }
                Sql.update(c, "INSERT INTO pins (customer_key, up_to, reason) VALUES (?, ?, ?) ON CONFLICT (customer_key)"
                        + " DO UPDATE SET up_to = excluded.up_to, reason = excluded.reason, pinned_at = now()",
                        customer, upTo, reason.strip());
            }
            channels.sign(c, List.of(customer));
            c.commit();
        }
    }

    /** Adds or replaces a notice; every customer's channels carry it until it expires. */
    public void notice(Notice n) throws SQLException {
        if (n.id() == null || !NOTICE_ID.matcher(n.id()).matches()) {
            throw new IllegalArgumentException("a notice's id is 1 to 64 letters, digits, '.', '_' or '-', not "
                    + Versions.quoted(n.id()));
        }
        if (!List.of("info", "warning", "critical").contains(n.severity())) {
            throw new IllegalArgumentException("a notice's severity is info, warning or critical, not " + Versions.quoted(n.severity()));
        }
        if (n.title() == null || n.title().isBlank() || n.title().length() > 200) {
            throw new IllegalArgumentException("a notice needs a title of at most 200 characters");
        }
        if (n.from() != null) {
            Versions.checked(n.from(), "the first version the notice is for");
        }
        if (n.below() != null) {
            Versions.checked(n.below(), "the version the notice stops at");
        }
        if (n.from() != null && n.below() != null && !Versions.atMost(n.from(), n.below()) || n.from() != null
                && n.from().equals(n.below())) {
            throw new IllegalArgumentException("the notice's versions are from " + n.from() + " up to below " + n.below()
                    + ": no version is in that range");
        }
        for (String e : n.editions()) {
            if (com.adaptivestartup.licensing.license.Edition.fromWireName(e).isEmpty()) {
                throw new IllegalArgumentException("an edition is trial, standard or enterprise, not " + Versions.quoted(e));
            }
        }
        if (n.expiresAt() == null) {
            throw new IllegalArgumentException("a notice needs the time it expires");
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            Sql.update(c, "INSERT INTO notices (id, severity, title, body, from_version, below_version, editions, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET severity = excluded.severity,"
                    + " title = excluded.title, body = excluded.body, from_version = excluded.from_version,"
                    + " below_version = excluded.below_version, editions = excluded.editions, expires_at = excluded.expires_at",
                    n.id(), n.severity(), n.title().strip(), n.body() == null ? "" : n.body(), n.from(), n.below(),
                    n.editions().toArray(String[]::new), n.expiresAt());
            channels.sign(c, ChannelDocuments.everyCustomer(c));
            c.commit();
        }
    }

    /** Withdraws a notice; false when there was none by that id. */
    public boolean withdraw(String noticeId) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            int removed = Sql.update(c, "DELETE FROM notices WHERE id = ?", noticeId);
            if (removed > 0) {
                channels.sign(c, ChannelDocuments.everyCustomer(c));
            }
            c.commit();
            return removed > 0;
        }
    }

    /** Adds a release of the desktop console with its installers, offered on every channel. */
    public void consoleRelease(String version, String notes, List<Installer> installers) throws SQLException {
        Versions.checked(version, "the console's version");
        if (installers.isEmpty()) {
            throw new IllegalArgumentException("a console release needs at least one installer");
        }
        com.fasterxml.jackson.databind.node.ArrayNode json = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        for (Installer i : installers) {
            if (!List.of("windows", "macos", "linux").contains(i.os()) || !List.of("msi", "dmg", "deb").contains(i.type())) {
                throw new IllegalArgumentException("an installer is for windows, macos or linux and is an msi, dmg or deb, not "
                        + i.os() + "/" + i.type());
            }
            if (i.sha256() == null || !i.sha256().matches("[0-9a-f]{64}") || i.size() <= 0) {
                throw new IllegalArgumentException("an installer needs its size and its SHA-256 (64 lowercase hex digits): "
                        + i.url());
            }
            if (i.url() == null || !(i.url().startsWith("https://") || i.url().matches("[A-Za-z0-9._/-]+") && !i.url().contains(".."))) {
                throw new IllegalArgumentException("an installer's address is https://... or a path under the Brain's, not "
                        + Versions.quoted(i.url()));
            }
            json.addObject().put("os", i.os()).put("type", i.type()).put("url", i.url()).put("size", i.size())
                    .put("sha256", i.sha256());
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            Sql.update(c, "INSERT INTO console_releases (version, notes, installers) VALUES (?, ?, ?::jsonb)"
                    + " ON CONFLICT (version) DO UPDATE SET notes = excluded.notes, installers = excluded.installers",
                    version, notes == null ? "" : notes, json.toString());
            channels.sign(c, ChannelDocuments.everyCustomer(c));
            c.commit();
        }
    }

    /** Signs again the channels near their end; how many (run hourly by the Brain). */
    public int renewExpiring() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            int n = channels.renewExpiring(c);
            c.commit();
            return n;
        }
    }

    /**
     * A channel's signed manifest as it is served, if the Brain has one by that name; a licensed customer's channel
     * not yet made (nothing published for them so far) is signed on its first read.
     */
    public Optional<String> channel(String name) throws SQLException {
        try (Connection c = db.getConnection()) {
            Optional<String> stored = stored(c, name);
            if (stored.isPresent()) {
                return stored;
            }
            for (String track : ChannelDocuments.TRACKS) {
                String customer = name.startsWith(track + "-") ? name.substring(track.length() + 1) : "";
                if (CUSTOMER.matcher(customer).matches() && ChannelDocuments.everyCustomer(c).contains(customer)) {
                    c.setAutoCommit(false);
                    channels.sign(c, List.of(customer));
                    c.commit();
                    return stored(c, name);
                }
            }
            return Optional.empty();
        }
    }

    private static Optional<String> stored(Connection c, String name) throws SQLException {
        return Sql.first(c, "SELECT signed_text FROM channels WHERE name = ?", r -> r.getString(1), name);
    }
}
