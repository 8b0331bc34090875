package com.adaptivestartup.brain.licenses;

import com.adaptivestartup.brain.billing.BillingLedger;
import com.adaptivestartup.brain.billing.SubscriptionState;
import com.adaptivestartup.licensing.license.Edition;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseIssuer;
import com.adaptivestartup.licensing.license.RegistryAccess;
import com.adaptivestartup.licensing.signing.DocumentKind;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * Licenses from subscriptions, and the standing the Brain signs for an installation (docs/brain-api.md). A
 * subscription that is active or past due holds a license that reaches its paid period's end plus the grace: the first
 * is issued with the subscription, a new one with each paid period that goes further (the older ones stay valid until
 * they end); a cancelled subscription's licenses are revoked. {@link #reconcile} does whatever is missing and is safe to
 * run again. Licenses are signed with the vendor key the Brain holds in memory (read from a file at start, never in the
 * database); their registry account is derived per customer (the password an HMAC of the customer with the Brain's
 * registry secret), so the token service of the next step can check it without a table of passwords.
 */
public final class LicenseDesk {
    /**
     * A customer's key, as licenses and the registry name them: c- and 16 hex digits for a Stripe customer, the key staff
     * chose for one who pays by invoice (such as acme).
     */
    public static final java.util.regex.Pattern CUSTOMER_KEY = java.util.regex.Pattern.compile(
            "c-[0-9a-f]{16}|[a-z][a-z0-9-]{1,30}");
    /** How long a signed standing may be used before the console asks again. */
    public static final Duration STANDING_LIFETIME = Duration.ofDays(7);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DataSource db;
    private final BillingLedger ledger;
    private final DocumentSigner signer;
    private final Registry registry;
    private final Clock clock;
    private final Events events;

    /** Where customers pull from, and the secret their pull passwords are derived with. */
    public record Registry(String url, byte[] secret) {
    }

    public LicenseDesk(DataSource db, BillingLedger ledger, DocumentSigner signer, Registry registry, Clock clock) {
        this(db, ledger, signer, registry, clock, Events.NONE);
    }

    public LicenseDesk(DataSource db, BillingLedger ledger, DocumentSigner signer, Registry registry, Clock clock,
                       Events events) {
        this.events = events;
        this.db = db;
        this.ledger = ledger;
        this.signer = signer;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * What a license change calls for beyond the licenses themselves (the customer's letters), done in the change's
     * transaction.
     */
    public interface Events {
        Events NONE = new Events() {
            @Override
            public void renewed(Connection c, Issued license) {
            }

            @Override
            public void pastDue(Connection c, BillingLedger.Subscription s) {
            }
        };

        /** A license for a further paid period was issued to a subscription that had one. */
        void renewed(Connection c, Issued license) throws SQLException;

        /** The subscription is past due (called on each reconcile while it is: keyed once per period by the receiver). */
        void pastDue(Connection c, BillingLedger.Subscription s) throws SQLException;
    }

    /** A license as issued. */
    public record Issued(String id, String subscriptionId, String customerKey, Instant expiresAt, String text, Instant revokedAt) {
    }

    /**
     * Brings the subscription's licenses in line with it: a new license when it is active or past due and no license
     * reaches its period's end plus the grace; every license revoked when it is cancelled. Returns the newest.
     */
    public Optional<Issued> reconcile(String subscriptionId) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                BillingLedger.Subscription s = ledger.lock(c, subscriptionId).orElse(null);
                if (s != null && s.state() == SubscriptionState.CANCELLED) {
                    try (PreparedStatement r = c.prepareStatement("UPDATE licenses SET revoked_at = ?, revoked_reason ="
                            + " 'the subscription was cancelled' WHERE stripe_subscription_id = ? AND revoked_at IS NULL")) {
                        r.setTimestamp(1, Timestamp.from(clock.instant()));
                        r.setString(2, subscriptionId);
                        r.executeUpdate();
                    }
                } else if (s != null && s.periodEnd() != null) {
                    Instant reaches = s.periodEnd().plus(BillingLedger.GRACE).truncatedTo(ChronoUnit.SECONDS);
                    Optional<Issued> newest = newest(c, subscriptionId);
                    if (newest.isEmpty() || newest.get().expiresAt().isBefore(reaches)) {
                        issue(c, s, reaches);
                        if (newest.isPresent()) {
                            events.renewed(c, newest(c, subscriptionId).orElseThrow());
                        }
                    }
                    if (s.state() == SubscriptionState.PAST_DUE) {
                        events.pastDue(c, s);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            return newest(c, subscriptionId);
        }
    }

    private void issue(Connection c, BillingLedger.Subscription s, Instant expires) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String customer = customerKey(s.customerId());
        String id = "lic-" + UUID.randomUUID();
        License license = new License(id, customer, customer, Edition.fromWireName(s.edition()).orElseThrow(), s.seats(),
                Set.of("heartbeat"), now, now, expires, 0,
                com.adaptivestartup.brain.distribution.ChannelDocuments.channel("stable", customer), null, null,
                new RegistryAccess(registry.url(), customer, customer, pullPassword(customer)), null);
        String text = new LicenseIssuer(signer).issue(license).compact();
        try (PreparedStatement i = c.prepareStatement("INSERT INTO licenses (id, stripe_subscription_id, customer_key, edition,"
                + " seats, issued_at, expires_at, license_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            i.setString(1, id);
            i.setString(2, s.id());
            i.setString(3, customer);
            i.setString(4, s.edition());
            i.setInt(5, s.seats());
            i.setTimestamp(6, Timestamp.from(now));
            i.setTimestamp(7, Timestamp.from(expires));
            i.setString(8, text);
            i.executeUpdate();
        }
    }

    private static Optional<Issued> newest(Connection c, String subscriptionId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT id, stripe_subscription_id, customer_key, expires_at, license_text,"
                + " revoked_at FROM licenses WHERE stripe_subscription_id = ? ORDER BY expires_at DESC, issued_at DESC LIMIT 1")) {
            q.setString(1, subscriptionId);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(issued(r)) : Optional.empty();
            }
        }
    }

    public Optional<Issued> license(String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT id, stripe_subscription_id,"
                + " customer_key, expires_at, license_text, revoked_at FROM licenses WHERE id = ?")) {
            q.setString(1, id);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(issued(r)) : Optional.empty();
            }
        }
    }

    private static Issued issued(ResultSet r) throws SQLException {
        Timestamp revoked = r.getTimestamp(6);
        return new Issued(r.getString(1), r.getString(2), r.getString(3), r.getTimestamp(4).toInstant(), r.getString(5),
                revoked == null ? null : revoked.toInstant());
    }

    /** What an installation told in its activation or heartbeat (versions and service states, nothing else). */
    public record Report(String licenseId, String instanceId, String consoleVersion, String appVersion, String overall,
                         String servicesJson) {
    }

    /**
     * Records the report and answers with the signed standing for that license and installation ({@code ASV1...}):
     * revoked (with the reason) when its license was, else active for {@link #STANDING_LIFETIME}. Empty for a license the
     * Brain never issued.
     */
    public Optional<String> standing(Report report) throws SQLException {
        Optional<Issued> license = license(report.licenseId());
        if (license.isEmpty()) {
            return Optional.empty();
        }
        try (Connection c = db.getConnection(); PreparedStatement u = c.prepareStatement("INSERT INTO installations"
                + " (license_id, instance_id, console_version, app_version, overall, services) VALUES (?, ?, ?, ?, ?, ?::jsonb)"
                + " ON CONFLICT (license_id, instance_id) DO UPDATE SET last_seen = now(), console_version ="
                + " excluded.console_version, app_version = excluded.app_version, overall = coalesce(excluded.overall,"
                + " installations.overall), services = coalesce(excluded.services, installations.services)")) {
            u.setString(1, report.licenseId());
            u.setString(2, report.instanceId());
            u.setString(3, report.consoleVersion());
            u.setString(4, report.appVersion());
            u.setString(5, report.overall());
            u.setString(6, report.servicesJson());
            u.executeUpdate();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        boolean revoked = license.get().revokedAt() != null;
        ObjectNode body = JSON.createObjectNode().put("licenseId", report.licenseId()).put("instanceId", report.instanceId())
                .put("status", revoked ? "revoked" : "active")
                .put("reason", revoked ? "the subscription was cancelled; the stack keeps running, updates are off" : "")
                .put("issuedAt", now.toString()).put("validUntil", now.plus(STANDING_LIFETIME).toString());
        return Optional.of(signer.sign(DocumentKind.LICENSE_STANDING, body).compact());
    }

    /**
     * Whether {@code customerKey} and {@code password} are a customer's pull account whose license is current: issued,
     * not revoked, not past its end (the grace included). Compared in constant time.
     */
    public boolean mayPull(String customerKey, String password) throws SQLException {
        if (customerKey == null || password == null || !CUSTOMER_KEY.matcher(customerKey).matches()
                || !MessageDigest.isEqual(pullPassword(customerKey).getBytes(StandardCharsets.US_ASCII),
                password.getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement("SELECT 1 FROM licenses WHERE"
                + " customer_key = ? AND revoked_at IS NULL AND expires_at > ? LIMIT 1")) {
            q.setString(1, customerKey);
            q.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * The customer as licenses and the registry name them: stable, lower-case, from Stripe's id; an invoiced customer's
     * is the key staff chose.
     */
    public static String customerKey(String stripeCustomerId) {
        if (stripeCustomerId.startsWith(InvoicedCustomers.PREFIX)) {
            return stripeCustomerId.substring(InvoicedCustomers.PREFIX.length());
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(stripeCustomerId.getBytes(StandardCharsets.UTF_8));
            return "c-" + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The customer's pull password, derived (HMAC-SHA256 with the Brain's registry secret). */
    String pullPassword(String customerKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(registry.secret(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(customerKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
