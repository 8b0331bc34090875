package com.adaptivestartup.brain.billing;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Stripe's events applied to the Brain's customers and subscriptions, each event once: the event is stored by its id
 * in the same transaction that applies it, so a retry (or two deliveries at once) finds it and changes nothing. A
 * subscription takes an event only when it is not older than the last one it took (Stripe may deliver out of order),
 * and an ended subscription stays ended. Events the Brain does not act on are stored, and answered as ignored.
 */
public final class BillingLedger {
    /** How long a subscription whose payment failed stays usable. */
    public static final Duration GRACE = Duration.ofDays(14);
    private final DataSource db;

    public BillingLedger(DataSource db) {
        this.db = db;
    }

    /** What became of an event. */
    public enum Outcome { APPLIED, STALE, IGNORED, DUPLICATE }

    /** What became of an event, and the subscription it is about (null when none). */
    public record Result(Outcome outcome, String subscriptionId) {
    }

    /** A subscription as the Brain holds it. */
    public record Subscription(String id, String customerId, SubscriptionState state, String stripeStatus, String edition,
                               int seats, Instant periodEnd, Instant graceUntil, String lastEventId, Instant lastEventAt) {
    }

    /** Applies one verified event (see the class comment); an {@link IllegalArgumentException} for a malformed object. */
    public Result apply(StripeEvent event) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Outcome outcome = applyIn(c, event);
                c.commit();
                return new Result(outcome, subscriptionOf(event));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private Outcome applyIn(Connection c, StripeEvent event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO stripe_events (id, type, created, payload, outcome)"
                + " VALUES (?, ?, ?, ?::jsonb, 'pending') ON CONFLICT (id) DO NOTHING")) {
            s.setString(1, event.id());
            s.setString(2, event.type());
            s.setTimestamp(3, Timestamp.from(event.created()));
            s.setString(4, event.payload());
            if (s.executeUpdate() == 0) {
                return Outcome.DUPLICATE;
            }
        }
        Outcome outcome = switch (event.type()) {
            case "customer.created", "customer.updated" -> customer(c, event.object());
            case "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted" ->
                    subscription(c, event);
            case "invoice.payment_failed" -> paymentFailed(c, event);
            default -> Outcome.IGNORED;
        };
        try (PreparedStatement s = c.prepareStatement("UPDATE stripe_events SET outcome = ? WHERE id = ?")) {
            s.setString(1, outcome.name().toLowerCase(java.util.Locale.ROOT));
            s.setString(2, event.id());
            s.executeUpdate();
        }
        return outcome;
    }

    private Outcome customer(Connection c, JsonNode object) throws SQLException {
        String id = required(object.path("id").asText(null), "the customer's id");
        try (PreparedStatement s = c.prepareStatement("INSERT INTO customers (stripe_customer_id, email, name) VALUES (?, ?, ?)"
                + " ON CONFLICT (stripe_customer_id) DO UPDATE SET email = excluded.email, name = excluded.name")) {
            s.setString(1, id);
            s.setString(2, object.path("email").asText(null));
            s.setString(3, object.path("name").asText(null));
            s.executeUpdate();
        }
        return Outcome.APPLIED;
    }

    private Outcome subscription(Connection c, StripeEvent event) throws SQLException {
        JsonNode o = event.object();
        String id = required(o.path("id").asText(null), "the subscription's id");
        String customer = required(StripeEvent.idOf(o.get("customer")), "the subscription's customer");
        String status = required(o.path("status").asText(null), "the subscription's status");
        SubscriptionState state = event.type().endsWith(".deleted") ? SubscriptionState.CANCELLED
                : SubscriptionState.fromStripe(status);
        Optional<Subscription> held = find(c, id, true);
        if (held.isPresent() && !takes(held.get(), event)) {
            return Outcome.STALE;
        }
        JsonNode item = o.path("items").path("data").path(0);
        Instant periodEnd = epoch(o.has("current_period_end") ? o.get("current_period_end") : item.get("current_period_end"));
        String edition = firstText(o.path("metadata").path("edition"), item.path("price").path("metadata").path("edition"),
                "standard");
        int seats = Math.max(1, o.path("quantity").asInt(item.path("quantity").asInt(1)));
        if (com.adaptivestartup.licensing.license.Edition.fromWireName(edition).isEmpty()) {
            throw new IllegalArgumentException("the subscription names the edition '" + edition + "', which a license cannot"
                    + " (trial, standard or enterprise: set the price's metadata)");
        }
        Instant grace = state == SubscriptionState.PAST_DUE ? later(periodEnd, event.created()).plus(GRACE) : null;
        ensureCustomer(c, customer);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO subscriptions (stripe_subscription_id, stripe_customer_id,"
                + " state, stripe_status, edition, seats, period_end, grace_until, last_event_id, last_event_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (stripe_subscription_id) DO UPDATE SET"
                + " state = excluded.state, stripe_status = excluded.stripe_status, edition = excluded.edition,"
                + " seats = excluded.seats, period_end = coalesce(excluded.period_end, subscriptions.period_end),"
                + " grace_until = excluded.grace_until, last_event_id = excluded.last_event_id,"
                + " last_event_at = excluded.last_event_at, updated_at = now()")) {
            s.setString(1, id);
            s.setString(2, customer);
            s.setString(3, state.wire());
            s.setString(4, status);
            s.setString(5, edition);
            s.setInt(6, seats);
            s.setTimestamp(7, periodEnd == null ? null : Timestamp.from(periodEnd));
            s.setTimestamp(8, grace == null ? null : Timestamp.from(grace));
            s.setString(9, event.id());
            s.setTimestamp(10, Timestamp.from(event.created()));
            s.executeUpdate();
        }
        return Outcome.APPLIED;
    }

    private Outcome paymentFailed(Connection c, StripeEvent event) throws SQLException {
        String id = subscriptionOf(event);
        Optional<Subscription> held = id == null ? Optional.empty() : find(c, id, true);
        if (held.isEmpty()) {
            return Outcome.IGNORED;   // not a subscription's invoice, or one whose own events have not come yet
        }
        if (!takes(held.get(), event)) {
            return Outcome.STALE;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE subscriptions SET state = 'past_due', grace_until = ?,"
                + " last_event_id = ?, last_event_at = ?, updated_at = now() WHERE stripe_subscription_id = ?")) {
            s.setTimestamp(1, Timestamp.from(event.created().plus(GRACE)));
            s.setString(2, event.id());
            s.setTimestamp(3, Timestamp.from(event.created()));
            s.setString(4, id);
            s.executeUpdate();
        }
        return Outcome.APPLIED;
    }

    /** The subscription an event is about: the subscription itself, or an invoice's. */
    private static String subscriptionOf(StripeEvent event) {
        JsonNode o = event.object();
        if (event.type().startsWith("customer.subscription.")) {
            return o.path("id").asText(null);
        }
        if (event.type().startsWith("invoice.")) {
            String id = StripeEvent.idOf(o.get("subscription"));
            return id != null ? id : StripeEvent.idOf(o.path("parent").path("subscription_details").get("subscription"));
        }
        return null;
    }

    /** The subscription, its row locked for the caller's transaction. */
    public Optional<Subscription> lock(Connection c, String id) throws SQLException {
        return find(c, id, true);
    }

    /** Whether the subscription takes this event: not ended, and the event not older than the last it took. */
    private static boolean takes(Subscription held, StripeEvent event) {
        return held.state() != SubscriptionState.CANCELLED && !event.created().isBefore(held.lastEventAt());
    }

    public Optional<Subscription> subscription(String id) throws SQLException {
        try (Connection c = db.getConnection()) {
            return find(c, id, false);
        }
    }

    /** How many events with this id are stored (one at most). */
    public int storedEvents(String id) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM stripe_events WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static Optional<Subscription> find(Connection c, String id, boolean lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT stripe_subscription_id, stripe_customer_id, state, stripe_status,"
                + " edition, seats, period_end, grace_until, last_event_id, last_event_at FROM subscriptions"
                + " WHERE stripe_subscription_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Subscription(r.getString(1), r.getString(2), SubscriptionState.fromWire(r.getString(3)),
                        r.getString(4), r.getString(5), r.getInt(6), instant(r.getTimestamp(7)), instant(r.getTimestamp(8)),
                        r.getString(9), instant(r.getTimestamp(10))));
            }
        }
    }

    private static void ensureCustomer(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO customers (stripe_customer_id) VALUES (?)"
                + " ON CONFLICT DO NOTHING")) {
            s.setString(1, id);
            s.executeUpdate();
        }
    }

    private static String required(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the event has no " + what);
        }
        return value;
    }

    private static String firstText(JsonNode a, JsonNode b, String otherwise) {
        return a.isTextual() && !a.asText().isBlank() ? a.asText() : b.isTextual() && !b.asText().isBlank() ? b.asText() : otherwise;
    }

    private static Instant epoch(JsonNode seconds) {
        return seconds == null || !seconds.canConvertToLong() ? null : Instant.ofEpochSecond(seconds.asLong());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
