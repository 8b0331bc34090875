package com.adaptivestartup.brain;

import com.adaptivestartup.brain.billing.BillingLedger;
import com.adaptivestartup.brain.billing.StripeWebhook;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * The Brain: the vendor's control plane (issue 28). So far it takes Stripe's billing events into customers and
 * subscriptions; licenses, registry tokens, provisioning, mail and update distribution build on these records.
 */
public final class BrainServer implements AutoCloseable {
    private final Javalin app;

    public BrainServer(BrainDatabase db, String stripeWebhookSecret, Clock clock) {
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 1_000_000L;   // a Stripe event is a few kB
        });
        new StripeWebhook(new BillingLedger(db.dataSource()), stripeWebhookSecret, clock).register(app);
        app.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "alive")));
    }

    /** Starts on {@code host}:{@code port} (0: any free one) and returns the port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
