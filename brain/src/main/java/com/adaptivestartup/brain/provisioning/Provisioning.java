package com.adaptivestartup.brain.provisioning;

import com.adaptivestartup.brain.licenses.LicenseDesk;
import com.adaptivestartup.brain.mail.CustomerMail;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new customer's provisioning, one job per subscription, each step a state of its row: {@code build} (ask the
 * vendor's pipeline to build the customer's images), {@code wait-for-build} (until the pipeline calls back with the
 * release), {@code mail} (the welcome mail with the license key), {@code done}. A step that fails is tried again after a
 * pause that doubles (from {@value com.adaptivestartup.brain.Retries#FIRST_PAUSE_SECONDS} s, at most an hour), its error on the row; after
 * {@value #MOST_ATTEMPTS} attempts the job is {@code failed} and waits for vendor staff. Several Brains may run:
 * a due job is claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
public final class Provisioning {
    static final int MOST_ATTEMPTS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(Provisioning.class);
    /** A job's columns, as {@link #job(ResultSet)} reads them. */
    private static final String JOBS = "SELECT id, stripe_subscription_id, customer_key, step, status, attempts, last_error"
            + " FROM provisioning_jobs";
    private final DataSource db;
    private final LicenseDesk licenses;
    private final BuildPipeline pipeline;
    private final CustomerMail mail;
    private final Clock clock;
    private final com.adaptivestartup.brain.distribution.Distribution distribution;

    public Provisioning(DataSource db, LicenseDesk licenses, BuildPipeline pipeline, CustomerMail mail, Clock clock,
                        com.adaptivestartup.brain.distribution.Distribution distribution) {
        this.db = db;
        this.licenses = licenses;
        this.pipeline = pipeline;
        this.mail = mail;
        this.clock = clock;
        this.distribution = distribution;
    }

    /** A job as staff see it. */
    public record Job(UUID id, String subscriptionId, String customerKey, String step, String status, int attempts,
                      String lastError) {
    }

    /**
     * After any event about a subscription: its licenses reconciled, and, the first time it holds a current license,
     * its provisioning job made (once: the subscription's job is unique).
     */
    public void subscriptionChanged(String subscriptionId) throws SQLException {
        Optional<LicenseDesk.Issued> license = licenses.reconcile(subscriptionId);
        if (license.isEmpty() || license.get().revokedAt() != null) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("INSERT INTO provisioning_jobs (id,"
                + " stripe_subscription_id, customer_key, step, status, next_attempt_at) VALUES (?, ?, ?, 'build', 'pending', ?)"
                + " ON CONFLICT (stripe_subscription_id) DO NOTHING")) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, subscriptionId);
            s.setString(3, license.get().customerKey());
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            s.executeUpdate();
        }
    }

    /** Runs every due step once (each claimed alone); returns how many ran. */
    public int runDue() throws SQLException {
        int ran = 0;
        while (runOne()) {
            ran++;
        }
        return ran;
    }

    private boolean runOne() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            Job job;
            try (PreparedStatement q = c.prepareStatement(JOBS + " WHERE status = 'pending' AND next_attempt_at <= ?"
                    + " ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED")) {
                q.setTimestamp(1, Timestamp.from(clock.instant()));
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next()) {
                        c.rollback();
                        return false;
                    }
                    job = job(r);
                }
            }
            try {
                String next = switch (job.step()) {
                    case "build" -> {
                        pipeline.build(job.customerKey(), job.id());
                        yield "wait-for-build";
                    }
                    case "mail" -> {
                        LicenseDesk.Issued license = licenses.reconcile(job.subscriptionId())
                                .orElseThrow(() -> new IllegalStateException("the subscription has no license"));
                        mail.welcome(recipient(c, job.subscriptionId()), license);
                        yield "done";
                    }
                    default -> throw new IllegalStateException("a pending job at step " + job.step());
                };
                update(c, job.id(), next, next.equals("done") ? "done" : "waiting", 0, null, clock.instant());
                LOG.info("provisioning {} of {}: {} done", job.id(), job.customerKey(), job.step());
            } catch (Exception e) {
                int attempts = job.attempts() + 1;
                boolean give = attempts >= MOST_ATTEMPTS;
                update(c, job.id(), job.step(), give ? "failed" : "pending", attempts, e.getMessage(),
                        clock.instant().plus(com.adaptivestartup.brain.Retries.pauseAfter(attempts)));
                LOG.warn("provisioning {} of {}: {} failed (attempt {}): {}", job.id(), job.customerKey(), job.step(), attempts,
                        e.getMessage());
            }
            c.commit();
            return true;
        }
    }

    /**
     * The pipeline's report that the customer's images are built: the release recorded and the welcome mail due. Refused
     * in words for a job that is not waiting for its build, or a report without a version and images.
     */
    public void buildComplete(UUID jobId, JsonNode report) throws SQLException {
        String version = report.path("version").asText("");
        JsonNode images = report.path("images");
        if (!version.matches("\\d+\\.\\d+\\.\\d+") || !images.isObject() || images.isEmpty()) {
            throw new IllegalArgumentException("a build report is {\"version\": \"1.2.0\", \"images\": {service: {repository,"
                    + " digest}}, \"release\": the release manifest to sign (optional)}");
        }
        for (var e : images.properties()) {
            if (!e.getValue().path("digest").asText("").matches("sha256:[0-9a-f]{64}")) {
                throw new IllegalArgumentException("the image of " + e.getKey() + " has no sha256 digest");
            }
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            Job job;
            try (PreparedStatement q = c.prepareStatement(JOBS + " WHERE id = ? FOR UPDATE")) {
                q.setObject(1, jobId);
                try (ResultSet r = q.executeQuery()) {
                    if (!r.next()) {
                        throw new java.util.NoSuchElementException("there is no provisioning job " + jobId);
                    }
                    job = job(r);
                }
            }
            if (!job.step().equals("wait-for-build")) {
                c.rollback();
                throw new IllegalStateException("job " + jobId + " is not waiting for a build (it is at " + job.step() + ")");
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO customer_releases (customer_key, version, images, job_id)"
                    + " VALUES (?, ?, ?::jsonb, ?) ON CONFLICT (customer_key, version) DO UPDATE SET images = excluded.images")) {
                i.setString(1, job.customerKey());
                i.setString(2, version);
                i.setString(3, images.toString());
                i.setObject(4, jobId);
                i.executeUpdate();
            }
            if (report.has("release")) {
                distribution.publishBuilt(c, job.customerKey(), version, report.get("release"), images);
            }
            update(c, jobId, "mail", "pending", 0, null, clock.instant());
            c.commit();
        }
    }

    public Optional<Job> job(String subscriptionId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(JOBS + " WHERE stripe_subscription_id = ?")) {
            q.setString(1, subscriptionId);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(job(r)) : Optional.empty();
            }
        }
    }

    /** Every job, the newest first, for vendor staff. */
    public List<Job> jobs() throws SQLException {
        List<Job> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(JOBS + " ORDER BY created_at DESC LIMIT 500");
             ResultSet r = q.executeQuery()) {
            while (r.next()) {
                out.add(job(r));
            }
        }
        return out;
    }

    private static String recipient(Connection c, String subscriptionId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT c.email FROM customers c JOIN subscriptions s"
                + " ON s.stripe_customer_id = c.stripe_customer_id WHERE s.stripe_subscription_id = ?")) {
            q.setString(1, subscriptionId);
            try (ResultSet r = q.executeQuery()) {
                String email = r.next() ? r.getString(1) : null;
                if (email == null || email.isBlank()) {
                    throw new IllegalStateException("the customer has no email address in Stripe yet");
                }
                return email;
            }
        }
    }

    private static void update(Connection c, UUID id, String step, String status, int attempts, String error, Instant next)
            throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE provisioning_jobs SET step = ?, status = ?, attempts = ?,"
                + " last_error = ?, next_attempt_at = ?, updated_at = now() WHERE id = ?")) {
            u.setString(1, step);
            u.setString(2, status);
            u.setInt(3, attempts);
            u.setString(4, error == null ? null : error.substring(0, Math.min(error.length(), 2000)));
            u.setTimestamp(5, Timestamp.from(next));
            u.setObject(6, id);
            u.executeUpdate();
        }
    }

    private static Job job(ResultSet r) throws SQLException {
        return new Job(r.getObject(1, UUID.class), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getInt(6),
                r.getString(7));
    }
}
