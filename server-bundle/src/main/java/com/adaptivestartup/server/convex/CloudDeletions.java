package com.adaptivestartup.server.convex;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.resource.Catalogue;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Documents deleted in the cloud since the last import of the same deployment: reported, and removed when asked. */
final class CloudDeletions {
    private CloudDeletions() {
    }

    /**
     * What the last imports of this deployment brought and this one did not see was deleted in the cloud: counted per
     * table, and with {@code remove} removed here too (files' objects listed in {@code removedObjects} for after the
     * commit). Accounts, memberships, organizations and the audit trail are never removed by an import.
     */
    static void find(Sql.Tx tx, Catalogue catalogue, UUID deployment, ImportReport report, boolean remove,
                     List<String> removedObjects) throws SQLException {
        record Gone(String convexId, String table, String ourTable, UUID ourId) {
        }
        List<Gone> gone = tx.list("SELECT convex_id, convex_table, our_table, our_id FROM convex_documents"
                        + " WHERE deployment = ? AND last_import <> ? ORDER BY convex_table DESC",
                r -> new Gone(r.getString(1), r.getString(2), r.getString(3), Sql.uuid(r, 4)), deployment,
                report.importId);
        Set<String> tables = new HashSet<>();
        catalogue.all().forEach(r -> tables.add(r.table()));
        for (Gone g : gone) {
            if (g.convexId().startsWith("org:")) {
                continue; // organizations are never removed by an import
            }
            ImportReport.Table t = report.tables.containsKey(g.table()) ? report.tables.get(g.table())
                    : report.table(g.table(), g.ourTable());
            t.deletedInCloud++;
            if (!remove) {
                continue;
            }
            if (g.ourId() == null) {
                tx.update("DELETE FROM convex_documents WHERE convex_id = ?", g.convexId());
                continue;
            }
            // accounts, memberships and the activity log are never removed by an import; a record already gone
            // with what it belonged to (a key result with its goal) counts as removed
            boolean removable = true;
            if (g.ourTable() != null && tables.contains(g.ourTable())) {
                tx.update("DELETE FROM " + g.ourTable() + " WHERE id = ?", g.ourId());
            } else if ("files".equals(g.ourTable())) {
                tx.one("DELETE FROM files WHERE id = ? RETURNING object_key", r -> r.getString(1), g.ourId())
                        .ifPresent(removedObjects::add);
            } else if ("notifications".equals(g.ourTable())) {
                tx.update("DELETE FROM notifications WHERE id = ?", g.ourId());
            } else if ("ventures".equals(g.ourTable())) {
                tx.update("UPDATE ventures SET deleted_at = now() WHERE id = ? AND deleted_at IS NULL", g.ourId());
            } else {
                removable = false;
            }
            if (removable) {
                t.removed++;
                tx.update("DELETE FROM convex_documents WHERE convex_id = ?", g.convexId());
            }
        }
    }
}
