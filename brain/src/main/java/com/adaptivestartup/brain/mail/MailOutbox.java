package com.adaptivestartup.brain.mail;

import com.adaptivestartup.brain.Retries;
import com.adaptivestartup.brain.Sql;
import com.adaptivestartup.brain.billing.BillingLedger;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
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
        Sql.update(c, "INSERT INTO customer_mails (key, stripe_subscription_id, subject, body, status, next_attempt_at)"
                + " VALUES (?, ?, ?, ?, 'pending', ?) ON CONFLICT (key) DO NOTHING", key, subscriptionId, subject, body,
                clock.instant());
    }

    /** Sends every letter that is due, one at a time (claimed with SKIP LOCKED); how many were sent. */
    public int deliverDue(CustomerMail mail) throws SQLException {
        int sent = 0;
        while (true) {
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                var due = Sql.first(c, "SELECT m.key, m.subject, m.body, m.attempts, cu.email"
                        + " FROM customer_mails m JOIN subscriptions s USING (stripe_subscription_id)"
                        + " JOIN customers cu ON cu.stripe_customer_id = s.stripe_customer_id"
                        + " WHERE m.status = 'pending' AND m.next_attempt_at <= ? ORDER BY m.next_attempt_at"
                        + " LIMIT 1 FOR UPDATE OF m SKIP LOCKED", r -> new Letter(r.getString(1), r.getString(2),
                        r.getString(3), r.getInt(4), r.getString(5)), clock.instant());
                if (due.isEmpty()) {
                    c.rollback();
                    return sent;
                }
                Letter l = due.get();
                try {
                    if (l.to() == null || l.to().isBlank()) {
                        throw new IllegalStateException("the customer has no email address in Stripe yet");
                    }
                    mail.send(l.to(), l.subject(), l.body());
                    mark(c, l.key(), "sent", l.attempts() + 1, null, clock.instant());
                    sent++;
                } catch (Exception e) {
                    int tried = l.attempts() + 1;
                    mark(c, l.key(), tried >= MOST_ATTEMPTS ? "failed" : "pending", tried, e.getMessage(),
                            clock.instant().plus(Retries.pauseAfter(tried)));
                    LOG.warn("the letter {} could not be sent (attempt {}): {}", l.key(), tried, e.getMessage());
                }
                c.commit();
            }
        }
    }

    /** A letter that is due, and where it goes. */
    private record Letter(String key, String subject, String body, int attempts, String to) {
    }

    private static void mark(Connection c, String key, String status, int attempts, String error, Instant next)
            throws SQLException {
        Sql.update(c, "UPDATE customer_mails SET status = ?, attempts = ?, last_error = ?, next_attempt_at = ?,"
                + " sent_at = CASE WHEN ? = 'sent' THEN now() END WHERE key = ?", status, attempts, error, next, status, key);
    }
}
