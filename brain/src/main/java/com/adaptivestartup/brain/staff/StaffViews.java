package com.adaptivestartup.brain.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What staff see, one query per view, each row as a map of column to value (times as ISO-8601 text): the one place the
 * staff page and {@code adaptive-vendor brain} read from. Never a license key's text, a key or a session: staff see who
 * holds what and its state; a customer's license text is in their welcome mail and in the database only.
 */
public final class StaffViews {
    private static final Map<String, String> VIEWS = Map.of(
            "customers", "SELECT cu.stripe_customer_id AS customer, cu.email, cu.name, s.stripe_subscription_id AS subscription,"
                    + " s.state, s.stripe_status, s.edition, s.seats, s.period_end, s.grace_until,"
                    + " (SELECT l.customer_key FROM licenses l WHERE l.stripe_subscription_id = s.stripe_subscription_id LIMIT 1)"
                    + " AS customer_key, p.up_to AS pinned_up_to, p.reason AS pin_reason"
                    + " FROM customers cu LEFT JOIN subscriptions s ON s.stripe_customer_id = cu.stripe_customer_id"
                    + " LEFT JOIN pins p ON p.customer_key = (SELECT l.customer_key FROM licenses l"
                    + " WHERE l.stripe_subscription_id = s.stripe_subscription_id LIMIT 1) ORDER BY cu.created_at DESC",
            "licenses", "SELECT id, customer_key, stripe_subscription_id AS subscription, edition, seats, issued_at, expires_at,"
                    + " revoked_at, revoked_reason FROM licenses ORDER BY issued_at DESC",
            "jobs", "SELECT id, customer_key, stripe_subscription_id AS subscription, step, status, attempts, next_attempt_at,"
                    + " last_error, updated_at FROM provisioning_jobs ORDER BY created_at DESC",
            "installations", "SELECT i.license_id, l.customer_key, i.instance_id, i.first_seen, i.last_seen, i.console_version,"
                    + " i.app_version, i.overall, i.services FROM installations i JOIN licenses l ON l.id = i.license_id"
                    + " ORDER BY i.last_seen DESC",
            "notices", "SELECT id, severity, title, body, from_version, below_version, editions, expires_at FROM notices"
                    + " ORDER BY created_at DESC",
            "releases", "SELECT customer_key, version, track, published_at FROM releases ORDER BY published_at DESC",
            "channels", "SELECT name, customer_key, track, sequence, issued_at, expires_at FROM channels ORDER BY name",
            "mails", "SELECT m.key, m.stripe_subscription_id AS subscription, m.subject, m.status, m.attempts, m.last_error,"
                    + " m.created_at, m.sent_at FROM customer_mails m ORDER BY m.created_at DESC",
            "console-releases", "SELECT version, notes, installers, created_at FROM console_releases ORDER BY created_at DESC");
    private static final int MOST_ROWS = 1000;
    private final DataSource db;

    public StaffViews(DataSource db) {
        this.db = db;
    }

    public static java.util.Set<String> names() {
        return new java.util.TreeSet<>(VIEWS.keySet());
    }

    /** The view's rows, newest first, at most 1,000; empty when there is no such view. */
    public Optional<List<Map<String, Object>>> rows(String view) throws SQLException {
        String sql = VIEWS.get(view);
        if (sql == null) {
            return Optional.empty();
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(sql + " LIMIT " + MOST_ROWS);
             ResultSet r = q.executeQuery()) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), value(r.getObject(i)));
                }
                rows.add(row);
            }
        }
        return Optional.of(rows);
    }

    private static Object value(Object v) throws SQLException {
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        if (v instanceof java.sql.Array a) {
            return List.of((Object[]) a.getArray());
        }
        if (v instanceof org.postgresql.util.PGobject o) {
            return o.getValue();   // jsonb, as its text
        }
        if (v instanceof java.util.UUID u) {
            return u.toString();
        }
        return v;
    }
}
