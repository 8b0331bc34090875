package com.adaptivestartup.brain.mail;

import com.adaptivestartup.brain.billing.BillingLedger;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;

/**
 * The letters the licenses' changes call for, queued in the same transaction (so a change is never without its letter,
 * nor a letter sent twice) and sent by {@link #deliverDue}: a renewed license (the new key, as the console takes it) and
 * a failed payment (until when the license keeps working). The recipient is the customer's address in Stripe when the
 * letter is sent; a letter the mail server refuses is tried again after a doubling pause, {@link #MOST_ATTEMPTS} times.
 */
public final class MailOutbox implements LicenseDesk.Events {
    public static final int MOST_ATTEMPTS = 8;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MailOutbox.class);
    private final DataSource db;
    private final Clock clock;

    public MailOutbox(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void renewed(Connection c, LicenseDesk.Issued license) throws SQLException {
        queue(c, "renewal:" + license.id(), license.subscriptionId(), "Your Adaptive Startup license is renewed", """
                Thank you: your subscription is paid for its next period.

                Your new license key is below; it is valid until %s. The console keeps working with the old one until \
                that one ends, so there is no hurry: in the console, open License, choose Replace, and paste it (or run \
                adaptivectl license replace with it saved as a file).

                %s
                """.formatted(DAY.format(license.expiresAt()), license.text()));
    }

    @Override
    public void pastDue(Connection c, BillingLedger.Subscription s) throws SQLException {
        String until = s.graceUntil() == null ? "the end of the grace period" : DAY.format(s.graceUntil());
        queue(c, "payment-failed:" + s.id() + ":" + s.periodEnd(), s.id(), "Your Adaptive Startup payment did not go through", """
                Your last payment for Adaptive Startup did not go through, and your subscription is past due.

                Nothing stops: your Adaptive Startup keeps running and your data stays yours. Your license keeps working \
                until %s; please update your payment details before then, and updates keep coming as before.

                If you meant to cancel, there is nothing to do: the stack keeps running without updates once the license \
                ends.
                """.formatted(until));
    }

    private void queue(Connection c, String key, String subscriptionId, String subject, String body) throws SQLException {
        try (PreparedStatement i = c.prepareStatement("INSERT INTO customer_mails (key, stripe_subscription_id, subject, body,"
                + " status, next_attempt_at) VALUES (?, ?, ?, ?, 'pending', ?) ON CONFLICT (key) DO NOTHING")) {
            i.setString(1, key);
            i.setString(2, subscriptionId);
            i.setString(3, subject);
            i.setString(4, body);
            i.setTimestamp(5, Timestamp.from(clock.instant()));
            i.executeUpdate();
        }
    }

    /** Sends every letter that is due, one at a time (claimed with SKIP LOCKED); how many were sent. */
    public int deliverDue(CustomerMail mail) throws SQLException {
        int sent = 0;
        while (true) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                String key;
                String subject;
                String body;
                int attempts;
                String to;
                try (PreparedStatement q = c.prepareStatement("SELECT m.key, m.subject, m.body, m.attempts, cu.email"
                        + " FROM customer_mails m JOIN subscriptions s USING (stripe_subscription_id)"
                        + " JOIN customers cu ON cu.stripe_customer_id = s.stripe_customer_id"
                        + " WHERE m.status = 'pending' AND m.next_attempt_at <= ? ORDER BY m.next_attempt_at"
                        + " LIMIT 1 FOR UPDATE OF m SKIP LOCKED")) {
                    q.setTimestamp(1, Timestamp.from(clock.instant()));
                    try (ResultSet r = q.executeQuery()) {
                        if (!r.next()) {
                            c.rollback();
                            return sent;
                        }
                        key = r.getString(1);
                        subject = r.getString(2);
                        body = r.getString(3);
                        attempts = r.getInt(4);
                        to = r.getString(5);
                    }
                }
                try {
                    if (to == null || to.isBlank()) {
                        throw new IllegalStateException("the customer has no email address in Stripe yet");
                    }
                    mail.send(to, subject, body);
                    mark(c, key, "sent", attempts + 1, null, clock.instant());
                    sent++;
                } catch (Exception e) {
                    int tried = attempts + 1;
                    mark(c, key, tried >= MOST_ATTEMPTS ? "failed" : "pending", tried, e.getMessage(),
                            clock.instant().plus(Duration.ofSeconds(30).multipliedBy(1L << Math.min(tried - 1, 10))));
                    LOG.warn("the letter {} could not be sent (attempt {}): {}", key, tried, e.getMessage());
                }
                c.commit();
            }
        }
    }

    private static void mark(Connection c, String key, String status, int attempts, String error, Instant next)
            throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE customer_mails SET status = ?, attempts = ?, last_error = ?,"
                + " next_attempt_at = ?, sent_at = CASE WHEN ? = 'sent' THEN now() END WHERE key = ?")) {
            u.setString(1, status);
            u.setInt(2, attempts);
            u.setString(3, error);
            u.setTimestamp(4, Timestamp.from(next));
            u.setString(5, status);
            u.setString(6, key);
            u.executeUpdate();
        }
    }
}
