package com.adaptivestartup.brain.licenses;

import com.adaptivestartup.brain.Sql;
import com.adaptivestartup.licensing.license.Edition;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Customers who pay by invoice, not through Stripe: vendor staff record that a customer has paid until a date, and end
 * them. Each is a customer and a subscription under the id {@code invoiced:<key>}, with the key staff chose (such as
 * {@code acme}) as the customer's name in licenses and the registry; their licenses come from {@link LicenseDesk} as a
 * Stripe customer's do (issued to the paid period's end plus the grace, renewed when paid further, revoked when ended).
 */
public final class InvoicedCustomers {
    /** The prefix of an invoiced customer's ids (Stripe's are cus_ and sub_). */
    public static final String PREFIX = "invoiced:";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private final DataSource db;
    private final LicenseDesk desk;
    private final Set<String> reserved;
    private final Clock clock;

    /** {@code reserved}: registry account names a customer may not take (the vendor's build account). */
    public InvoicedCustomers(DataSource db, LicenseDesk desk, Set<String> reserved, Clock clock) {
        this.db = db;
        this.desk = desk;
        this.reserved = Set.copyOf(reserved);
        this.clock = clock;
    }

    private record Held(boolean ended, Instant paidUntil) {
    }

    /** What staff record when an invoice is paid. */
    public record Payment(String key, Instant paidUntil, String email, String name, String edition, int seats) {
    }

    /**
     * Records that the customer has paid until {@code paidUntil} (made on first payment, extended by a later date) and
     * returns their newest license. A customer that was ended stays ended; an earlier date than the one recorded is
     * refused rather than shortening what they paid for.
     */
    public LicenseDesk.Issued paid(Payment p, String staff) throws SQLException {
        String key = checkedKey(p.key());
        if (p.paidUntil() == null || !p.paidUntil().isAfter(clock.instant())) {
            throw new IllegalArgumentException("the paid period ends " + p.paidUntil() + ", which is already past: give the"
                    + " day the invoice pays until");
        }
        if (p.email() == null || !EMAIL.matcher(p.email()).matches()) {
            throw new IllegalArgumentException("the customer's email address is needed (the license's contact), not '"
                    + p.email() + "'");
        }
        String edition = p.edition() == null ? Edition.STANDARD.wireName() : p.edition();
        if (Edition.fromWireName(edition).isEmpty()) {
            throw new IllegalArgumentException("there is no edition '" + edition + "' (trial, standard or enterprise)");
        }
        if (p.seats() < 1) {
            throw new IllegalArgumentException("a license has at least one seat, not " + p.seats());
        }
        Instant until = p.paidUntil().truncatedTo(ChronoUnit.SECONDS);
        String id = PREFIX + key;
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                var held = Sql.first(c, "SELECT state = 'cancelled', period_end FROM subscriptions WHERE"
                        + " stripe_subscription_id = ? FOR UPDATE", r -> new Held(r.getBoolean(1), r.getTimestamp(2).toInstant()), id);
                if (held.isPresent() && held.get().ended()) {
                    throw new IllegalArgumentException(key + " was ended and its licenses revoked; a customer ended stays"
                            + " ended: record them under another key");
                }
                if (held.isPresent() && until.isBefore(held.get().paidUntil())) {
                    throw new IllegalArgumentException(key + " has paid until " + held.get().paidUntil() + " already; a later"
                            + " day extends it (to stop them: adaptive-vendor brain customer end " + key + ")");
                }
                Instant now = clock.instant();
                Sql.update(c, "INSERT INTO customers (stripe_customer_id, email, name) VALUES (?, ?, ?) ON CONFLICT"
                        + " (stripe_customer_id) DO UPDATE SET email = excluded.email, name = coalesce(excluded.name,"
                        + " customers.name)", id, p.email(), p.name());
                Sql.update(c, "INSERT INTO subscriptions (stripe_subscription_id, stripe_customer_id, state, stripe_status,"
                        + " edition, seats, period_end, last_event_id, last_event_at) VALUES (?, ?, 'active', 'invoiced', ?, ?,"
                        + " ?, ?, ?) ON CONFLICT (stripe_subscription_id) DO UPDATE SET edition = excluded.edition, seats ="
                        + " excluded.seats, period_end = excluded.period_end, last_event_id = excluded.last_event_id,"
                        + " last_event_at = excluded.last_event_at, updated_at = now()",
                        id, id, edition, p.seats(), until, "staff:" + staff, now);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        return desk.reconcile(id).orElseThrow();
    }

    /** Ends an invoiced customer: their licenses revoked at once (pulls refused, updates off). Their newest license. */
    public LicenseDesk.Issued end(String key, String staff) throws SQLException {
        String id = PREFIX + checkedKey(key);
        try (Connection c = db.getConnection()) {
            int changed = Sql.update(c, "UPDATE subscriptions SET state = 'cancelled', stripe_status = 'ended', last_event_id"
                    + " = ?, last_event_at = ?, updated_at = now() WHERE stripe_subscription_id = ?", "staff:" + staff,
                    clock.instant(), id);
            if (changed == 0) {
                throw new IllegalArgumentException("there is no invoiced customer " + key);
            }
        }
        return desk.reconcile(id).orElseThrow(() -> new IllegalStateException(key + " has no license to revoke"));
    }

    private String checkedKey(String key) {
        if (key == null || !LicenseDesk.CUSTOMER_KEY.matcher(key).matches() || key.startsWith("c-")) {
            throw new IllegalArgumentException("a customer's key is 2 to 31 lower-case letters, digits and '-', starting"
                    + " with a letter and not with c- (the Brain's keys for Stripe's customers): not '" + key + "'");
        }
        if (reserved.contains(key)) {
            throw new IllegalArgumentException("'" + key + "' is the vendor's registry account; a customer takes another key");
        }
        return key;
    }
}
