package com.adaptivestartup.server.workspace;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.resource.ChangeHook;
import com.adaptivestartup.server.resource.Resource;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;

/** Refuses moving a folder into itself or one of its own subfolders (the change rolls back). */
public final class FolderCycles implements ChangeHook {

    @Override
    public boolean concerns(Resource resource) {
        return resource.path().equals("folders");
    }

    @Override
    public Runnable changed(Sql.Tx tx, Change change) throws SQLException {
        Object parent = change.after().get("parentId");
        if (parent == null || change.before() != null && Objects.equals(parent, change.before().get("parentId"))) {
            return null;
        }
        boolean cycle = tx.one("WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM folders WHERE id = ?"
                + " UNION SELECT f.id, f.parent_id FROM folders f JOIN up ON f.id = up.parent_id)"
                + " SELECT EXISTS (SELECT 1 FROM up WHERE id = ?)", r -> r.getBoolean(1), parent,
                change.after().get("id")).orElse(false);
        if (cycle) {
            throw ApiError.badRequest("a folder cannot be moved into itself or one of its own subfolders");
        }
        return null;
    }
}
