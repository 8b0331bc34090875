package com.adaptivestartup.brain.distribution;

import com.adaptivestartup.brain.Sql;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The signed channel manifests (docs/brain-api.md, {@code ASC1}) made from the records: for each customer a
 * {@code stable-<customer>} channel (their stable releases) and a {@code beta-<customer>} one (stable and beta), both
 * without what lies beyond the customer's pin, with every notice not yet expired, every console release and the vendor's
 * next signing keys (a console trusts them from then on, so the vendor can switch keys without a console release). Each
 * change
 * signs the customer's channels again with the next sequence number, in the transaction of the change; a manifest lives
 * {@link #LIFETIME} and is signed again (same content, next number) once less than {@link #RENEW_BEFORE} of it is left,
 * so a console never holds an expired one while the Brain runs.
 */
public final class ChannelDocuments {
    public static final Duration LIFETIME = Duration.ofDays(14);
    public static final Duration RENEW_BEFORE = Duration.ofDays(7);
    public static final List<String> TRACKS = List.of("stable", "beta");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DocumentSigner signer;
    private final Clock clock;
    private final List<java.security.PublicKey> nextKeys;

    /** {@code nextKeys}: the vendor's next signing keys, announced in every channel (decision 0003's rotation). */
    public ChannelDocuments(DocumentSigner signer, Clock clock, List<java.security.PublicKey> nextKeys) {
        this.signer = signer;
        this.clock = clock;
        this.nextKeys = List.copyOf(nextKeys);
    }

    /** The channel a customer's license names for a track. */
    public static String channel(String track, String customerKey) {
        return track + "-" + customerKey;
    }

    /** Signs the channels of {@code customers} again from the records (within the caller's transaction). */
    void sign(Connection c, Collection<String> customers) throws SQLException {
        for (String customer : new TreeSet<>(customers)) {
            for (String track : TRACKS) {
                signOne(c, customer, track);
            }
        }
    }

    /** Every customer the Brain knows: whoever holds a license or a release. */
    static Set<String> everyCustomer(Connection c) throws SQLException {
        return new TreeSet<>(Sql.list(c, "SELECT customer_key FROM licenses UNION SELECT customer_key FROM releases",
                r -> r.getString(1)));
    }

    /** Signs again each channel that expires within {@link #RENEW_BEFORE}; how many. */
    int renewExpiring(Connection c) throws SQLException {
        List<String[]> due = Sql.list(c, "SELECT customer_key, track FROM channels WHERE expires_at < ? FOR UPDATE",
                r -> new String[] {r.getString(1), r.getString(2)}, clock.instant().plus(RENEW_BEFORE));
        for (String[] d : due) {
            signOne(c, d[0], d[1]);
        }
        return due.size();
    }

    private void signOne(Connection c, String customer, String track) throws SQLException {
        String name = channel(track, customer);
        long sequence = Sql.first(c, "SELECT sequence FROM channels WHERE name = ? FOR UPDATE", r -> r.getLong(1) + 1, name)
                .orElse(1L);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(LIFETIME);
        ObjectNode body = JSON.createObjectNode();
        body.put("channel", name);
        body.put("sequence", sequence);
        body.put("issuedAt", now.toString());
        body.put("expiresAt", expires.toString());
        body.set("releases", releases(c, customer, track));
        body.set("console", consoleReleases(c));
        body.set("notices", notices(c, now));
        if (!nextKeys.isEmpty()) {
            ArrayNode next = body.putObject("keys").putArray("next");
            nextKeys.forEach(k -> next.add(com.adaptivestartup.licensing.signing.Ed25519Keys.toPem(k)));
        }
        String text = signer.sign(DocumentKind.CHANNEL_MANIFEST, body).compact();
        Sql.update(c, "INSERT INTO channels (name, customer_key, track, sequence, issued_at, expires_at, signed_text)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET sequence = excluded.sequence,"
                + " issued_at = excluded.issued_at, expires_at = excluded.expires_at, signed_text = excluded.signed_text",
                name, customer, track, sequence, now, expires, text);
    }

    private static ArrayNode releases(Connection c, String customer, String track) throws SQLException {
        String pin = Sql.first(c, "SELECT up_to FROM pins WHERE customer_key = ?", r -> r.getString(1), customer).orElse(null);
        List<String[]> rows = new ArrayList<>(Sql.list(c, "SELECT version, manifest_text FROM releases WHERE customer_key = ?"
                + (track.equals("stable") ? " AND track = 'stable'" : ""), r -> new String[] {r.getString(1), r.getString(2)},
                customer));
        rows.sort((a, b) -> Versions.ORDER.compare(a[0], b[0]));
        ArrayNode out = JSON.createArrayNode();
        for (String[] row : rows) {
            if (Versions.atMost(row[0], pin)) {
                out.addObject().put("version", row[0]).put("manifest", row[1]);
            }
        }
        return out;
    }

    private static ArrayNode consoleReleases(Connection c) throws SQLException {
        List<ObjectNode> rows = new ArrayList<>(Sql.list(c, "SELECT version, notes, installers FROM console_releases", r -> {
            ObjectNode release = JSON.createObjectNode().put("version", r.getString(1)).put("notes", r.getString(2));
            try {
                release.set("installers", JSON.readTree(r.getString(3)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new SQLException("a console release's installers are not JSON: " + e.getMessage(), e);
            }
            return release;
        }));
        rows.sort((a, b) -> Versions.ORDER.compare(a.path("version").asText(), b.path("version").asText()));
        return JSON.createArrayNode().addAll(rows);
    }

    private static ArrayNode notices(Connection c, Instant now) throws SQLException {
        ArrayNode out = JSON.createArrayNode();
        Sql.list(c, "SELECT id, severity, title, body, from_version, below_version, editions, expires_at FROM notices"
                + " WHERE expires_at > ? ORDER BY created_at, id", r -> {
                    ObjectNode n = out.addObject().put("id", r.getString(1)).put("severity", r.getString(2))
                            .put("title", r.getString(3)).put("body", r.getString(4));
                    ObjectNode versions = n.putObject("versions");
                    if (r.getString(5) != null) {
                        versions.put("from", r.getString(5));
                    }
                    if (r.getString(6) != null) {
                        versions.put("below", r.getString(6));
                    }
                    ArrayNode editions = n.putArray("editions");
                    for (String e : (String[]) r.getArray(7).getArray()) {
                        editions.add(e);
                    }
                    return n.put("expiresAt", r.getTimestamp(8).toInstant().truncatedTo(ChronoUnit.SECONDS).toString());
                }, now);
        return out;
    }
}
