package com.adaptivestartup.server.notification;

import com.adaptivestartup.server.access.OrgAccess;
import com.adaptivestartup.server.auth.Principal;
import com.adaptivestartup.server.auth.Role;
import com.adaptivestartup.server.db.Sql;
import com.adaptivestartup.server.http.ApiError;
import com.adaptivestartup.server.realtime.LiveUpdates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Each person's notifications in an organization: written inside the transaction of the change they tell of,
 * pushed to that person's open pages only after it committed, listed newest first, marked read one by one or all.
 */
public final class Notifications {
    private static final String COLUMNS = "id, org_id, venture_id, kind, title, resource, record_id, actor_id, read_at, created_at";
    public static final int MAX_PAGE = 100;
    private final Sql sql;
    private final OrgAccess access;
    private final LiveUpdates live;

    public Notifications(Sql sql, OrgAccess access, LiveUpdates live) {
        this.sql = sql;
        this.access = access;
        this.live = live;
    }

    /** A notification to write: for whom, and what. */
    public record Draft(UUID userId, UUID ventureId, String kind, String title, String resource, UUID recordId, UUID actorId) {
    }

    /** Writes them in the caller's transaction; returns what to run after it commits (the live push). */
    public Runnable add(Sql.Tx tx, UUID orgId, List<Draft> drafts) throws SQLException {
        List<Notification> written = new java.util.ArrayList<>();
        for (Draft d : drafts) {
            UUID id = UUID.randomUUID();
            String title = d.title().length() > 300 ? d.title().substring(0, 297) + "..." : d.title();
            tx.update("INSERT INTO notifications (id, org_id, user_id, venture_id, kind, title, resource, record_id, actor_id)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", id, orgId, d.userId(), d.ventureId(), d.kind(), title,
                    d.resource(), d.recordId(), d.actorId());
            written.add(tx.one("SELECT " + COLUMNS + " FROM notifications WHERE id = ?", Notifications::map, id).orElseThrow());
        }
        List<UUID> to = drafts.stream().map(Draft::userId).toList();
        return () -> {
            for (int i = 0; i < written.size(); i++) {
                live.publishTo(orgId, to.get(i), "notification.created", written.get(i));
            }
        };
    }

    /** The caller's notifications here, newest first; {@code before} an id of the last page for the next. */
    public Map<String, Object> list(Principal p, UUID orgId, boolean unreadOnly, Integer limit) {
        access.require(p, orgId, Role.VIEWER);
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw ApiError.badRequest("'limit' must be between 1 and " + MAX_PAGE);
        }
        List<Notification> items = sql.list("SELECT " + COLUMNS + " FROM notifications WHERE user_id = ? AND org_id = ?"
                + (unreadOnly ? " AND read_at IS NULL" : "") + " ORDER BY created_at DESC, id DESC LIMIT ?",
                Notifications::map, p.userId(), orgId, size);
        long unread = sql.one("SELECT count(*) FROM notifications WHERE user_id = ? AND org_id = ? AND read_at IS NULL",
                r -> r.getLong(1), p.userId(), orgId).orElse(0L);
        return Map.of("items", items, "unread", unread);
    }

    public void markRead(Principal p, UUID orgId, UUID id) {
        access.require(p, orgId, Role.VIEWER);
        if (sql.update("UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE user_id = ? AND org_id = ? AND id = ?",
                p.userId(), orgId, id) == 0) {
            throw ApiError.notFound("the notification");
        }
    }

    public int markAllRead(Principal p, UUID orgId) {
        access.require(p, orgId, Role.VIEWER);
        return sql.update("UPDATE notifications SET read_at = now() WHERE user_id = ? AND org_id = ? AND read_at IS NULL",
                p.userId(), orgId);
    }

    private static Notification map(ResultSet r) throws SQLException {
        return new Notification(Sql.uuid(r, "id"), Sql.uuid(r, "org_id"),
                Sql.uuid(r, "venture_id"), r.getString("kind"), r.getString("title"), r.getString("resource"),
                Sql.uuid(r, "record_id"), Sql.uuid(r, "actor_id"), Sql.instant(r, "read_at"),
                Sql.instant(r, "created_at"));
    }
}
