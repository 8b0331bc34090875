package com.adaptivestartup.server.workspace;

import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.notification.Notifications;
import com.adaptivestartup.server.resource.ChangeHook;
import com.adaptivestartup.server.resource.Field;
import com.adaptivestartup.server.resource.Resource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Notifies people of what concerns them: being assigned to a record (added to one of its people fields) and a
 * comment on an initiative they are assigned to. Nobody is notified of their own doing.
 */
public final class AssignmentNotices implements ChangeHook {
    private final Notifications notifications;

    public AssignmentNotices(Notifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public boolean concerns(Resource resource) {
        return resource.path().equals("initiative-comments")
                || resource.fields().stream().anyMatch(f -> f.kind() == Field.Kind.MEMBERS);
    }

    @Override
    public Runnable changed(Sql.Tx tx, Change change) throws SQLException {
        List<Notifications.Draft> drafts = new ArrayList<>();
        String title = String.valueOf(change.after().getOrDefault("title", change.after().get("name")));
        for (Field f : change.resource().fields()) {
            if (f.kind() != Field.Kind.MEMBERS) {
                continue;
            }
            Set<Object> added = new LinkedHashSet<>(people(change.after(), f));
            if (change.before() != null) {
                added.removeAll(people(change.before(), f));
            }
            added.remove(change.actorId());
            for (Object user : added) {
                drafts.add(new Notifications.Draft((UUID) user, change.ventureId(), "assigned",
                        "You were assigned to the " + change.resource().noun() + " “" + title + "”",
                        change.resource().path(), (UUID) change.after().get("id"), change.actorId()));
            }
        }
        if (change.before() == null && change.resource().path().equals("initiative-comments")) {
            UUID initiative = (UUID) change.after().get("initiativeId");
            var target = tx.one("SELECT title, assigned_to FROM initiatives WHERE id = ?",
                    r -> Map.entry(r.getString(1), Sql.strings(r, 2).stream().map(UUID::fromString).toList()), initiative).orElseThrow();
            for (UUID user : target.getValue()) {
                if (!user.equals(change.actorId())) {
                    drafts.add(new Notifications.Draft(user, change.ventureId(), "comment",
                            "New comment on the initiative “" + target.getKey() + "”", "initiatives", initiative,
                            change.actorId()));
                }
            }
        }
        return drafts.isEmpty() ? null : notifications.add(tx, change.orgId(), drafts);
    }

    private static List<?> people(Map<String, Object> record, Field f) {
        Object value = record.get(f.name());
        return value instanceof List<?> list ? list : List.of();
    }
}
