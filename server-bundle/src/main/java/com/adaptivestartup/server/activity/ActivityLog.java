package com.adaptivestartup.server.activity;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The append-only, hash-chained activity log of each organization. Every change is appended inside the
 * transaction that makes it, so the log and the data never disagree. The database refuses updates, deletes
 * and truncation, and the server's runtime role may only insert and read. From release 1.2.0, with an
 * {@link AuditKey}, each entry's hash is an HMAC with a key the database does not hold, so an entry cannot be
 * rewritten and re-chained from inside the database; older entries keep their plain SHA-256 and say so.
 */
public final class ActivityLog {
    static final String GENESIS = "0".repeat(64);
    public static final String PLAIN = "sha256";
    public static final String KEYED = "hmac-sha256";
    private final Sql sql;
    private final Clock clock;
    private final Optional<AuditKey> key;
    private final boolean chainColumn;

    /**
     * @param key         the chain's key; without one (a release before 1.2.0, or none configured) entries are
     *                    chained with plain SHA-256
     * @param chainColumn whether the schema records each entry's kind of hash (schema 6, release 1.2.0)
     */
    public ActivityLog(Sql sql, Clock clock, Optional<AuditKey> key, boolean chainColumn) {
        this.sql = sql;
        this.clock = clock;
        this.key = chainColumn ? key : Optional.empty();
        this.chainColumn = chainColumn;
    }

    public record Entry(long seq, UUID orgId, UUID actorId, String action, String entityType, String entityId,
                        String payload, String signedPayload, String signature, String publicKey, Instant createdAt,
                        String prevHash, String hash, String chain) {
        /** What the hash covers: length-prefixed fields, so no two entries share an input. */
        String hashInput() {
            StringBuilder in = new StringBuilder();
            for (Object f : new Object[]{prevHash, orgId, actorId, action, entityType, entityId, payload, signedPayload,
                    signature, publicKey, createdAt}) {
                String s = f == null ? "" : f.toString();
                in.append(s.length()).append(':').append(s).append(';');
            }
            return in.toString();
        }

        /** The hash this entry should have, by its own kind; empty when it is keyed and no key is at hand. */
        Optional<String> expectedHash(Optional<AuditKey> key) {
            if (KEYED.equals(chain)) {
                return key.map(k -> k.hmacHex(hashInput()));
            }
            return Optional.of(sha256Hex(hashInput()));
        }
    }

    public void append(Sql.Tx tx, UUID orgId, UUID actorId, String action, String entityType, String entityId,
                       Map<String, ?> payload) throws SQLException {
        append(tx, orgId, actorId, action, entityType, entityId, Json.write(payload), null, null, null);
    }

    public Entry append(Sql.Tx tx, UUID orgId, UUID actorId, String action, String entityType, String entityId,
                        String payloadJson, String signedPayload, String signature, String publicKey) throws SQLException {
        // One writer per organization at a time, so the chain never forks.
        String lock = tx.dialect().chainLock();
        if (lock != null) {
            tx.one(lock, r -> r.getObject(1), orgId.toString());
        }
        String prev = tx.one("SELECT hash FROM activity_log WHERE org_id = ? ORDER BY seq DESC LIMIT 1",
                r -> r.getString("hash"), orgId).orElse(GENESIS);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String chain = key.isPresent() ? KEYED : PLAIN;
        Entry draft = new Entry(0, orgId, actorId, action, entityType, entityId, payloadJson, signedPayload, signature,
                publicKey, now, prev, null, chain);
        String hash = draft.expectedHash(key).orElseThrow();
        String columns = "org_id, actor_id, action, entity_type, entity_id, payload, signed_payload, signature,"
                + " public_key, created_at, prev_hash, hash" + (chainColumn ? ", chain" : "");
        Object[] values = chainColumn
                ? new Object[]{orgId, actorId, action, entityType, entityId, payloadJson, signedPayload, signature, publicKey,
                        now, prev, hash, chain}
                : new Object[]{orgId, actorId, action, entityType, entityId, payloadJson, signedPayload, signature, publicKey,
                        now, prev, hash};
        long seq = tx.one("INSERT INTO activity_log (" + columns + ") VALUES (" + "?, ".repeat(values.length - 1)
                + "?) RETURNING seq", r -> r.getLong(1), values).orElseThrow();
        return new Entry(seq, orgId, actorId, action, entityType, entityId, payloadJson, signedPayload, signature,
                publicKey, now, prev, hash, chain);
    }

    public List<Entry> recent(UUID orgId, int limit) {
        return sql.list(select() + " WHERE org_id = ? ORDER BY seq DESC LIMIT ?", this::map, orgId, limit);
    }

    /**
     * The result of re-deriving an organization's chain. {@code head} is its newest entry (what an anchor
     * records); {@code notes} say what is true but not wrong (entries an older release wrote without the key).
     */
    public record ChainCheck(boolean intact, long entries, Long brokenAtSeq, String problem, Head head, List<String> notes) {
    }

    /** An organization's newest entry, or (seq 0, the genesis hash) when its log is empty. */
    public record Head(UUID orgId, long seq, String hash) {
    }

    /** Re-derives every hash of the organization's chain, oldest first, reading it in batches. */
    public ChainCheck verify(UUID orgId) {
        ChainWalk walk = new ChainWalk(orgId, key);
        sql.each(select() + " WHERE org_id = ? ORDER BY seq", this::map, walk, orgId);
        return walk.result();
    }

    /** Whether the entry at {@code seq} exists with exactly this hash: how anchors kept outside are checked. */
    public Optional<String> hashAt(UUID orgId, long seq) {
        return sql.one("SELECT hash FROM activity_log WHERE org_id = ? AND seq = ?", r -> r.getString(1), orgId, seq);
    }

    private String select() {
        return "SELECT seq, org_id, actor_id, action, entity_type, entity_id, payload, signed_payload, signature,"
                + " public_key, created_at, prev_hash, hash, " + (chainColumn ? "chain" : "'" + PLAIN + "' AS chain")
                + " FROM activity_log";
    }

    private Entry map(java.sql.ResultSet r) throws SQLException {
        return new Entry(r.getLong("seq"), Sql.uuid(r, "org_id"), Sql.uuid(r, "actor_id"),
                r.getString("action"), r.getString("entity_type"), r.getString("entity_id"), r.getString("payload"),
                r.getString("signed_payload"), r.getString("signature"), r.getString("public_key"),
                Sql.instant(r, "created_at"), r.getString("prev_hash"), r.getString("hash"), r.getString("chain"));
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
