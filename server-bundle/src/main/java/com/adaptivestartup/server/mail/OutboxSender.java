package com.adaptivestartup.server.mail;

import com.adaptivestartup.server.db.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: every second it claims the mail that is due (a lease of five minutes, so several servers
 * never send one mail twice and a server that dies mid-send leaves it to another), sends it, and records the result.
 * A failure is retried with back-off (30 s doubling to an hour) for two days, then given up; a recipient the mail
 * server refuses is given up at once. Once a mail is sent or given up its body is emptied: a reset link does not
 * stay in the database after its delivery.
 */
public final class OutboxSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);
    static final Duration GIVE_UP_AFTER = Duration.ofDays(2);
    private static final int BATCH = 20;
    private final Sql sql;
    private final Mailer mailer;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mail-outbox");
        t.setDaemon(true);
        return t;
    });

    public OutboxSender(Sql sql, Mailer mailer, Clock clock) {
        this.sql = sql;
        this.mailer = mailer;
        this.clock = clock;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::sendDueQuietly, 1, 1, TimeUnit.SECONDS);
    }

    private record Due(UUID id, String recipient, String subject, String text, String html, int attempts,
                       Instant createdAt) {
    }

    private void sendDueQuietly() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            // the database may be restarting; the next round tries again
            LOG.warn("mail outbox: {}", e.toString());
        }
    }

    /** One round: claims what is due and sends it; returns how many were sent. */
    public int sendDue() {
        Instant now = clock.instant();
        List<Due> due = sql.transaction(tx -> tx.list("UPDATE mail_outbox SET next_attempt_at = ?, attempts = attempts + 1"
                        + " WHERE id IN (SELECT id FROM mail_outbox WHERE sent_at IS NULL AND given_up_at IS NULL"
                        + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id, recipient, subject, body_text, body_html, attempts, created_at",
                r -> new Due(Sql.uuid(r, "id"), r.getString("recipient"), r.getString("subject"),
                        r.getString("body_text"), r.getString("body_html"), r.getInt("attempts"),
                        Sql.instant(r, "created_at")), now.plus(LEASE), now));
        int sent = 0;
        for (Due mail : due) {
            try {
                mailer.send(mail.recipient(), new Letter(mail.subject(), mail.text(), mail.html()));
                sql.update("UPDATE mail_outbox SET sent_at = ?, last_error = NULL, body_text = '', body_html = NULL"
                        + " WHERE id = ?", clock.instant(), mail.id());
                sent++;
            } catch (MailFailure f) {
                failed(mail, f);
            }
        }
        return sent;
    }

    private void failed(Due mail, MailFailure f) {
        Instant now = clock.instant();
        boolean giveUp = f.permanent() || now.isAfter(mail.createdAt().plus(GIVE_UP_AFTER));
        LOG.warn("mail to {} ({}), attempt {}: {}{}", mail.recipient(), mail.subject(), mail.attempts(), f.getMessage(),
                giveUp ? "; given up" : "");
        if (giveUp) {
            sql.update("UPDATE mail_outbox SET given_up_at = ?, last_error = ?, body_text = '', body_html = NULL"
                    + " WHERE id = ?", now, f.getMessage(), mail.id());
        } else {
            sql.update("UPDATE mail_outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?",
                    now.plus(retryAfter(mail.attempts())), f.getMessage(), mail.id());
        }
    }

    /** 30 s after the first failure, doubling, at most an hour. */
    static Duration retryAfter(int attempts) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 16));
        return d.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : d;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
