package com.adaptivestartup.server.convex;

import com.adaptivestartup.server.db.Sql;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The archive and the map of Convex ids to ours ({@code convex_documents}), written in batches: each document of
 * the export as Convex wrote it, where it went, and which import saw it last (what no import sees any more was
 * deleted in the cloud).
 */
final class DocumentRows {
    private static final int BATCH = 500;
    private static final String UPSERT = "INSERT INTO convex_documents (convex_id, convex_table, document, our_table,"
            + " our_id, checksum, source_hash, first_import, last_import, deployment) VALUES (?, ?, ?::jsonb, ?, ?, ?, ?, ?,"
            + " ?, ?) ON CONFLICT (convex_id) DO UPDATE SET convex_table = EXCLUDED.convex_table, document = EXCLUDED.document,"
            + " our_table = EXCLUDED.our_table, our_id = EXCLUDED.our_id, checksum = EXCLUDED.checksum,"
            + " source_hash = EXCLUDED.source_hash, last_import = EXCLUDED.last_import";
    private static final String TOUCH = "UPDATE convex_documents SET last_import = ? WHERE convex_id = ?";

    /** What the last import knew of a document: its hash as exported and where it went. */
    record Prior(String sourceHash, String ourTable, UUID ourId) {
    }

    private final UUID importId;
    private final UUID deployment;
    private final List<Object[]> upserts = new ArrayList<>();
    private final List<Object[]> touches = new ArrayList<>();
    private final Map<String, Prior> prior = new HashMap<>();

    DocumentRows(UUID importId, UUID deployment) {
        this.importId = importId;
        this.deployment = deployment;
    }

    void loadPrior(Sql.Tx tx) throws SQLException {
        tx.list("SELECT convex_id, source_hash, our_table, our_id FROM convex_documents", r -> {
            prior.put(r.getString(1), new Prior(r.getString(2), r.getString(3), Sql.uuid(r, 4)));
            return null;
        });
    }

    Prior prior(String convexId) {
        return prior.get(convexId);
    }

    /** The document is what the last import saw, and went where it went then. */
    boolean unchanged(String convexId, String sourceHash) {
        Prior p = prior.get(convexId);
        return p != null && p.sourceHash().equals(sourceHash);
    }

    void keep(Sql.Tx tx, String convexId, String table, String raw, String ourTable, UUID ourId, String checksum,
              String sourceHash) throws SQLException {
        // PostgreSQL's jsonb holds no NUL character; one in a cloud string is kept as U+FFFD in the archive
        String safe = raw.contains("\\u0000") ? raw.replace("\\u0000", "\\ufffd") : raw;
        upserts.add(new Object[]{convexId, table, safe, ourTable, ourId, checksum, sourceHash, importId, importId, deployment});
        if (upserts.size() >= BATCH) {
            flush(tx);
        }
    }

    void touch(Sql.Tx tx, String convexId) throws SQLException {
        touches.add(new Object[]{importId, convexId});
        if (touches.size() >= BATCH) {
            flush(tx);
        }
    }

    void flush(Sql.Tx tx) throws SQLException {
        tx.batch(UPSERT, upserts);
        upserts.clear();
        tx.batch(TOUCH, touches);
        touches.clear();
    }
}
