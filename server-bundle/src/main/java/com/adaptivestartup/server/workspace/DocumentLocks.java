package com.adaptivestartup.server.workspace;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.resource.ChangeHook;
import com.adaptivestartup.server.resource.Resource;
import java.util.List;
import java.util.Objects;

/** A locked document keeps its title, type, content, folder and tags until someone unlocks it (the change rolls back). */
public final class DocumentLocks implements ChangeHook {
    private static final List<String> GUARDED = List.of("title", "type", "content", "folderId", "tags");

    @Override
    public boolean concerns(Resource resource) {
        return resource.path().equals("documents");
    }

    @Override
    public Runnable changed(Sql.Tx tx, Change change) {
        if (change.before() == null
                || !Boolean.TRUE.equals(change.before().get("isLocked")) || !Boolean.TRUE.equals(change.after().get("isLocked"))) {
            return null;
        }
        for (String field : GUARDED) {
            if (!Objects.equals(change.before().get(field), change.after().get(field))) {
                throw ApiError.conflict("the document is locked; unlock it to change it");
            }
        }
        return null;
    }
}
