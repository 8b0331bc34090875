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
import java.util.UUID;

/**
 * The append-only, hash-chained activity log of each organization. Every change is appended inside the
 * transaction that makes it, so the log and the data never disagree. The database refuses updates and
 * deletes; the chain makes a rewrite from outside visible.
 */
public final class ActivityLog {
    static final String GENESIS = "0".repeat(64);
    private final Sql sql;
    private final Clock clock;

    public ActivityLog(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public record Entry(long seq, UUID orgId, UUID actorId, String action, String entityType, String entityId,
                        String payload, String signedPayload, String signature, String publicKey, Instant createdAt,
                        String prevHash, String hash) {
        /** The hash this entry should have; length-prefixed fields, so no two entries share an input. */
        String computeHash() {
            StringBuilder in = new StringBuilder();
            for (Object f : new Object[]{prevHash, orgId, actorId, action, entityType, entityId, payload, signedPayload,
                    signature, publicKey, createdAt}) {
                String s = f == null ? "" : f.toString();
                in.append(s.length()).append(':').append(s).append(';');
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(in.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public void append(Sql.Tx tx, UUID orgId, UUID actorId, String action, String entityType, String entityId,
                       Map<String, ?> payload) throws SQLException {
        append(tx, orgId, actorId, action, entityType, entityId, Json.write(payload), null, null, null);
    }

    public Entry append(Sql.Tx tx, UUID orgId, UUID actorId, String action, String entityType, String entityId,
                        String payloadJson, String signedPayload, String signature, String publicKey) throws SQLException {
        // One writer per organization at a time, so the chain never forks.
        tx.one("SELECT pg_advisory_xact_lock(hashtext(?))", r -> r.getObject(1), orgId.toString());
        String prev = tx.one("SELECT hash FROM activity_log WHERE org_id = ? ORDER BY seq DESC LIMIT 1",
                r -> r.getString("hash"), orgId).orElse(GENESIS);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Entry draft = new Entry(0, orgId, actorId, action, entityType, entityId, payloadJson, signedPayload, signature,
                publicKey, now, prev, null);
        String hash = draft.computeHash();
        long seq = tx.one("INSERT INTO activity_log (org_id, actor_id, action, entity_type, entity_id, payload,"
                        + " signed_payload, signature, public_key, created_at, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq", r -> r.getLong(1),
                orgId, actorId, action, entityType, entityId, payloadJson, signedPayload, signature, publicKey, now,
                prev, hash).orElseThrow();
        return new Entry(seq, orgId, actorId, action, entityType, entityId, payloadJson, signedPayload, signature,
                publicKey, now, prev, hash);
    }

    public List<Entry> recent(UUID orgId, int limit) {
        return sql.list(SELECT + " WHERE org_id = ? ORDER BY seq DESC LIMIT ?", ActivityLog::map, orgId, limit);
    }

    public record ChainCheck(boolean intact, int entries, Long brokenAtSeq, String problem) {
    }

    /** Re-derives every hash of the organization's chain, oldest first. */
    public ChainCheck verify(UUID orgId) {
        List<Entry> all = sql.list(SELECT + " WHERE org_id = ? ORDER BY seq", ActivityLog::map, orgId);
        String expectedPrev = GENESIS;
        for (Entry e : all) {
            if (!e.prevHash().equals(expectedPrev)) {
                return new ChainCheck(false, all.size(), e.seq(), "entry " + e.seq() + " does not follow the one before it");
            }
            if (!e.computeHash().equals(e.hash())) {
                return new ChainCheck(false, all.size(), e.seq(), "entry " + e.seq() + " was changed after it was written");
            }
            expectedPrev = e.hash();
        }
        return new ChainCheck(true, all.size(), null, null);
    }

    private static final String SELECT = "SELECT seq, org_id, actor_id, action, entity_type, entity_id, payload,"
            + " signed_payload, signature, public_key, created_at, prev_hash, hash FROM activity_log";

    private static Entry map(java.sql.ResultSet r) throws SQLException {
        return new Entry(r.getLong("seq"), r.getObject("org_id", UUID.class), r.getObject("actor_id", UUID.class),
                r.getString("action"), r.getString("entity_type"), r.getString("entity_id"), r.getString("payload"),
                r.getString("signed_payload"), r.getString("signature"), r.getString("public_key"),
                Sql.instant(r, "created_at"), r.getString("prev_hash"), r.getString("hash"));
    }
}
