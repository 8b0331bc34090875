package com.adaptivestartup.server.resource;

import com.adaptivestartup.server.db.Sql;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Told of every record created or changed, inside the change's transaction (what it writes commits or rolls back
 * with the change). Returns what to run once the change committed (a live push), or null.
 */
public interface ChangeHook {

    /** A record as it was ({@code before}, null for a new one) and as it is now. */
    record Change(UUID orgId, UUID actorId, UUID ventureId, Resource resource, Map<String, Object> before,
                  Map<String, Object> after) {
    }

    /** Whether changes of this kind of record matter to the hook (only then is it told, and the record read first). */
    boolean concerns(Resource resource);

    Runnable changed(Sql.Tx tx, Change change) throws SQLException;
}
