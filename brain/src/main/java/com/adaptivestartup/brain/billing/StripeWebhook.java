package com.adaptivestartup.brain.billing;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /stripe/webhook}: an event from Stripe, taken only with Stripe's signature over it with the endpoint's
 * secret (stripe-java's own check of the {@code Stripe-Signature} header) and a timestamp within five minutes, so a
 * forged or replayed request is refused (400, nothing stored). A good one goes to the {@link BillingLedger} and is
 * answered 200 with what became of it, so Stripe stops retrying; an error of ours is a 500, and Stripe retries.
 */
public final class StripeWebhook {
    public static final String PATH = "/stripe/webhook";
    /** How old a signed request may be: Stripe's own default. */
    public static final Duration TOLERANCE = Duration.ofSeconds(Webhook.DEFAULT_TOLERANCE);
    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhook.class);
    private final BillingLedger ledger;
    private final String secret;
    private final Clock clock;
    private final SubscriptionListener listener;

    /** Told after each event about a subscription (applied or not: what it does must be safe to do again). */
    public interface SubscriptionListener {
        void changed(String subscriptionId) throws java.sql.SQLException;
    }

    public StripeWebhook(BillingLedger ledger, String secret, Clock clock, SubscriptionListener listener) {
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("the Stripe webhook secret must be the endpoint's signing secret (whsec_...)");
        }
        this.ledger = ledger;
        this.secret = secret;
        this.clock = clock;
        this.listener = listener;
    }

    public void register(Javalin app) {
        app.post(PATH, this::receive);
    }

    private void receive(Context ctx) throws java.sql.SQLException {
        String payload = ctx.body();
        String signature = ctx.header("Stripe-Signature");
        if (signature == null || signature.isBlank()) {
            refuse(ctx, "no Stripe-Signature header: only Stripe's signed events are taken");
            return;
        }
        try {
            Webhook.Signature.verifyHeader(payload, signature, secret, TOLERANCE.toSeconds(), clock);
        } catch (SignatureVerificationException e) {
            refuse(ctx, "the event's signature does not hold (" + e.getMessage() + ")");
            return;
        }
        StripeEvent event;
        try {
            event = StripeEvent.parse(payload);
        } catch (IllegalArgumentException e) {
            refuse(ctx, e.getMessage());
            return;
        }
        try {
            BillingLedger.Result result = ledger.apply(event);
            LOG.info("Stripe event {} ({}): {}", event.id(), event.type(), result.outcome());
            if (result.subscriptionId() != null) {
                // also for a retry: a failure here (500) makes Stripe retry, and the retry must finish what this began
                listener.changed(result.subscriptionId());
            }
            ctx.json(Map.of("id", event.id(), "outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            refuse(ctx, "event " + event.id() + " (" + event.type() + "): " + e.getMessage());
        }
    }

    private static void refuse(Context ctx, String why) {
        LOG.warn("Stripe webhook refused: {}", why);
        ctx.status(400).json(Map.of("error", why));
    }
}
