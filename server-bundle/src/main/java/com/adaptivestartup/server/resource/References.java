package com.adaptivestartup.server.resource;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Ids a record names: each must be a record of the same venture (for people, a member of the organization; for
 * files, a file uploaded to the venture),
 * so nothing of another venture or organization can be linked; and when a record goes, lists naming it forget it.
 */
final class References {
    private final Catalogue catalogue;

    References(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    void check(Sql.Tx tx, Resource r, UUID orgId, UUID ventureId, Map<Field, Object> values) throws SQLException {
        for (Map.Entry<Field, Object> e : values.entrySet()) {
            Field f = e.getKey();
            if (e.getValue() == null) {
                continue;
            }
            switch (f.kind()) {
                case REF -> requireRecord(tx, f, orgId, ventureId, (UUID) e.getValue());
                case REFS -> {
                    for (UUID id : (UUID[]) e.getValue()) {
                        requireRecord(tx, f, orgId, ventureId, id);
                    }
                }
                case MEMBERS -> requireMembers(tx, f, orgId, (UUID[]) e.getValue());
                case FILE -> requireFiles(tx, f, orgId, ventureId, new UUID[]{(UUID) e.getValue()});
                case FILES -> requireFiles(tx, f, orgId, ventureId, (UUID[]) e.getValue());
                default -> {
                }
            }
        }
    }

    void forget(Sql.Tx tx, Resource deleted, UUID orgId, UUID ventureId, UUID id) throws SQLException {
        for (Resource r : catalogue.all()) {
            for (Field f : r.fields()) {
                if (f.kind() == Field.Kind.REFS && deleted.path().equals(f.target())) {
                    tx.update(catalogue.sql(r).forget(f, tx.dialect()), id, orgId, ventureId, id);
                }
            }
        }
    }

    private void requireRecord(Sql.Tx tx, Field f, UUID orgId, UUID ventureId, UUID id) throws SQLException {
        Resource target = catalogue.get(f.target());
        if (tx.one(catalogue.sql(target).exists(), row -> 1, orgId, ventureId, id).isEmpty()) {
            throw ApiError.badRequest("'" + f.name() + "' names " + id + ", which is no " + target.noun()
                    + " of this venture");
        }
    }

    private static void requireFiles(Sql.Tx tx, Field f, UUID orgId, UUID ventureId, UUID[] ids) throws SQLException {
        if (ids.length == 0) {
            return;
        }
        long found = tx.one("SELECT count(*) FROM files WHERE org_id = ? AND venture_id = ? AND "
                + tx.dialect().inArray("id"),
                row -> row.getLong(1), orgId, ventureId, ids).orElse(0L);
        if (found != ids.length) {
            throw ApiError.badRequest("'" + f.name() + "' names a file that was not uploaded to this venture");
        }
    }

    private static void requireMembers(Sql.Tx tx, Field f, UUID orgId, UUID[] ids) throws SQLException {
        if (ids.length == 0) {
            return;
        }
        long found = tx.one("SELECT count(*) FROM memberships WHERE org_id = ? AND "
                + tx.dialect().inArray("user_id"),
                row -> row.getLong(1), orgId, ids).orElse(0L);
        if (found != ids.length) {
            throw ApiError.badRequest("'" + f.name() + "' names someone who is not a member of this organization");
        }
    }
}
