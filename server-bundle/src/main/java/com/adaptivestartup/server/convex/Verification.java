package com.adaptivestartup.server.convex;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.resource.Catalogue;
import com.adaptivestartup.server.resource.Field;
import com.adaptivestartup.server.resource.RecordImport;
import com.adaptivestartup.server.resource.Resource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** An import's proof before it commits: records read back as mapped, references resolving, files as Convex had them. */
final class Verification {
    /** A record an import wrote and the fingerprint of what was mapped into it. */
    record Written(Resource resource, UUID id, String fingerprint) {
    }

    private Verification() {
    }

    /**
     * Before the commit: every record written reads back with the fingerprint of what was mapped, every reference of
     * this import's records resolves, and every file has the SHA-256 Convex recorded and its bytes in the store.
     */
    static void check(Sql.Tx tx, Catalogue catalogue, List<Written> written, FileImport files, boolean dryRun,
                      ImportReport.Verification v) throws SQLException {
        Map<Resource, List<UUID>> ids = new LinkedHashMap<>();
        for (Written w : written) {
            v.records++;
            Optional<Map<String, Object>> stored = RecordImport.read(tx, w.resource(), w.id());
            if (stored.isPresent() && RecordImport.fingerprintOf(w.resource(), stored.get()).equals(w.fingerprint())) {
                v.matching++;
            } else if (v.problems.size() < 20) {
                v.problems.add(w.resource().noun() + " " + w.id() + (stored.isEmpty() ? " was not stored"
                        : " was stored with other values than mapped"));
            }
            ids.computeIfAbsent(w.resource(), r -> new ArrayList<>()).add(w.id());
        }
        for (Map.Entry<Resource, List<UUID>> e : ids.entrySet()) {
            Resource r = e.getKey();
            UUID[] mine = e.getValue().toArray(UUID[]::new);
            for (Field f : r.writable()) {
                String target = switch (f.kind()) {
                    case REF, REFS -> catalogue.get(f.target()).table();
                    case FILE, FILES -> "files";
                    case MEMBERS -> "memberships";
                    default -> null;
                };
                if (target == null) {
                    continue;
                }
                boolean many = f.kind() == Field.Kind.REFS || f.kind() == Field.Kind.FILES || f.kind() == Field.Kind.MEMBERS;
                String elements = many ? tx.dialect().eachElement("t." + f.column(), "refs") : "";
                String x = many ? tx.dialect().element("refs") : "t." + f.column();
                String exists = f.kind() == Field.Kind.MEMBERS
                        ? "EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = t.org_id AND m.user_id = " + x + ")"
                        : "EXISTS (SELECT 1 FROM " + target + " y WHERE y.id = " + x + ")";
                long[] counts = tx.one("SELECT count(*), count(*) FILTER (WHERE NOT " + exists + ") FROM "
                                + r.table() + " t" + elements + " WHERE " + tx.dialect().inArray("t.id") + " AND " + x
                                + " IS NOT NULL",
                        row -> new long[]{row.getLong(1), row.getLong(2)}, (Object) mine).orElse(new long[2]);
                v.references += counts[0];
                v.unresolved += counts[1];
                if (counts[1] > 0 && v.problems.size() < 20) {
                    v.problems.add(counts[1] + " " + f.name() + " of " + r.path() + " refer to nothing");
                }
            }
        }
        for (FileImport.Written f : files.written) {
            v.files++;
            Optional<String[]> stored = tx.one("SELECT sha256, object_key, size_bytes FROM files WHERE id = ?",
                    r -> new String[]{r.getString(1), r.getString(2), String.valueOf(r.getLong(3))}, f.fileId());
            boolean same = stored.isPresent() && (f.expectedSha256() == null || f.expectedSha256().equals(stored.get()[0]))
                    && (dryRun || files.storedSize(stored.get()[1]) == Long.parseLong(stored.get()[2]));
            if (same) {
                v.filesMatching++;
            } else if (v.problems.size() < 20) {
                v.problems.add("file " + f.fileId() + " does not have the bytes Convex recorded");
            }
        }
        v.ok = v.matching == v.records && v.unresolved == 0 && v.filesMatching == v.files;
        if (!v.ok) {
            throw new ImportFailure("the import did not verify (" + String.join("; ", v.problems) + "), so it was"
                    + " rolled back: nothing was imported. Send the support bundle to your vendor");
        }
    }
}
