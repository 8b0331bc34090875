package com.adaptivestartup.server.mail;

import com.adaptivestartup.server.db.Sql;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The mail the server has to send, kept in the database in the same transaction as what it tells of (an
 * invitation made, a reset asked for), so a request never waits for the mail server and no mail is lost when it is
 * down; {@link OutboxSender} delivers it. Without a mail server configured nothing is queued.
 */
public final class Outbox {
    private final Sql sql;
    private final Clock clock;
    private final boolean configured;

    public Outbox(Sql sql, Clock clock, boolean configured) {
        this.sql = sql;
        this.clock = clock;
        this.configured = configured;
    }

    /** Whether mail is sent at all (a mail server is configured). */
    public boolean enabled() {
        return configured;
    }

    /** Queues a mail inside the caller's transaction; returns whether it was queued (false: no mail server). */
    public boolean enqueue(Sql.Tx tx, UUID orgId, String kind, String to, Letter letter) throws SQLException {
        if (!configured) {
            return false;
        }
        tx.update("INSERT INTO mail_outbox (id, org_id, kind, recipient, subject, body_text, body_html, created_at,"
                        + " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(), orgId, kind, to,
                letter.subject(), letter.text(), letter.html(), clock.instant(), clock.instant());
        return true;
    }

    /**
     * Queues a notice about the installation for every admin and founder who asked for them, unless the same notice
     * went out in the last day; returns how many were queued.
     */
    public int noticeToAdmins(String kind, Letter letter) {
        if (!configured) {
            return 0;
        }
        return sql.transaction(tx -> {
            boolean recent = tx.one("SELECT 1 FROM mail_outbox WHERE kind = ? AND subject = ? AND created_at > ? LIMIT 1",
                    r -> true, "notice:" + kind, letter.subject(), clock.instant().minus(java.time.Duration.ofDays(1))).isPresent();
            if (recent) {
                return 0;
            }
            List<String> admins = tx.list("SELECT DISTINCT u.email FROM users u JOIN memberships m ON m.user_id = u.id"
                    + " WHERE u.installation_notices AND m.role IN ('founder', 'admin')", r -> r.getString(1));
            for (String to : admins) {
                enqueue(tx, null, "notice:" + kind, to, letter);
            }
            return admins.size();
        });
    }

    /** One mail as admins see it: never its body. {@code status}: waiting, sent, or failed (given up). */
    public record Entry(UUID id, String kind, String recipient, String subject, String status, int attempts,
                        Instant createdAt, Instant sentAt, Instant nextAttemptAt, String lastError) {
    }

    /** The newest mail about an organization (its invitations), for its admins. */
    public List<Entry> ofOrganization(UUID orgId, int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM mail_outbox WHERE org_id = ? ORDER BY created_at DESC LIMIT ?",
                Outbox::entry, orgId, limit);
    }

    /** Every mail of the installation, newest first, for its owner (the console). */
    public List<Entry> newest(int limit) {
        return sql.list("SELECT " + COLUMNS + " FROM mail_outbox ORDER BY created_at DESC LIMIT ?", Outbox::entry, limit);
    }

    /** How delivery stands: waiting and failed mails, sent in the last day, and the newest error. */
    public record Summary(long waiting, long failed, long sentLastDay, Optional<String> lastError) {
    }

    public Summary summary() {
        Instant dayAgo = clock.instant().minus(java.time.Duration.ofDays(1));
        return sql.one("SELECT count(*) FILTER (WHERE sent_at IS NULL AND given_up_at IS NULL) AS waiting,"
                        + " count(*) FILTER (WHERE given_up_at IS NOT NULL) AS failed,"
                        + " count(*) FILTER (WHERE sent_at > ?) AS sent,"
                        + " (SELECT last_error FROM mail_outbox WHERE last_error IS NOT NULL AND sent_at IS NULL"
                        + "  ORDER BY created_at DESC LIMIT 1) AS last_error FROM mail_outbox",
                r -> new Summary(r.getLong("waiting"), r.getLong("failed"), r.getLong("sent"),
                        Optional.ofNullable(r.getString("last_error"))), dayAgo).orElseThrow();
    }

    private static final String COLUMNS = "id, kind, recipient, subject, attempts, created_at, sent_at, given_up_at,"
            + " next_attempt_at, last_error";

    private static Entry entry(java.sql.ResultSet r) throws SQLException {
        Instant sent = Sql.instant(r, "sent_at");
        Instant gaveUp = Sql.instant(r, "given_up_at");
        String status = sent != null ? "sent" : gaveUp != null ? "failed" : "waiting";
        return new Entry(Sql.uuid(r, "id"), r.getString("kind"), r.getString("recipient"),
                r.getString("subject"), status, r.getInt("attempts"), Sql.instant(r, "created_at"), sent,
                status.equals("waiting") ? Sql.instant(r, "next_attempt_at") : null, r.getString("last_error"));
    }
}
