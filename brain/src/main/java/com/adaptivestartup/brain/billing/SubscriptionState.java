package com.adaptivestartup.brain.billing;

/**
 * What a subscription allows: {@code ACTIVE} (paid, or trialing), {@code PAST_DUE} (a payment failed: usable until its
 * grace ends), {@code CANCELLED} (ended; it stays ended: Stripe starts a new subscription rather than reviving one).
 */
public enum SubscriptionState {
    ACTIVE, PAST_DUE, CANCELLED;

    /** Stripe's status word as one of these. */
    static SubscriptionState fromStripe(String status) {
        return switch (status) {
            case "active", "trialing" -> ACTIVE;
            case "past_due", "unpaid", "incomplete", "paused" -> PAST_DUE;
            case "canceled", "incomplete_expired" -> CANCELLED;
            default -> throw new IllegalArgumentException("Stripe's subscription status '" + status + "' is not one the Brain"
                    + " knows");
        };
    }

    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static SubscriptionState fromWire(String text) {
        return valueOf(text.toUpperCase(java.util.Locale.ROOT));
    }
}
