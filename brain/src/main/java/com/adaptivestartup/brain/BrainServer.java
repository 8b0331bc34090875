package com.adaptivestartup.brain;

import com.adaptivestartup.brain.billing.BillingLedger;
import com.adaptivestartup.brain.billing.StripeWebhook;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import com.adaptivestartup.brain.licenses.StandingRoutes;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * The Brain: the vendor's control plane (issue 28). So far it takes Stripe's billing events into customers and
 * subscriptions, issues and revokes their licenses, and answers installations' activations and heartbeats with signed
 * standings; registry tokens, provisioning, mail and update distribution are to build on these records.
 */
public final class BrainServer implements AutoCloseable {
    private final Javalin app;
    private final LicenseDesk desk;

    /** What the Brain is given at start: Stripe's endpoint secret, the vendor key, the registry and its secret. */
    public record Settings(String stripeWebhookSecret, java.security.PrivateKey vendorKey, LicenseDesk.Registry registry,
                           Tokens tokens) {
    }

    /** The registry's token service: the signer, and the vendor's build account (null: no token service). */
    public record Tokens(com.adaptivestartup.brain.registry.RegistryTokens signer, String vendorUser, String vendorPassword) {
    }

    public BrainServer(BrainDatabase db, Settings settings, Clock clock) {
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 1_000_000L;   // a Stripe event is a few kB
        });
        BillingLedger ledger = new BillingLedger(db.dataSource());
        desk = new LicenseDesk(db.dataSource(), ledger, new DocumentSigner(settings.vendorKey()), settings.registry(), clock);
        new StripeWebhook(ledger, settings.stripeWebhookSecret(), clock, desk::reconcile).register(app);
        new StandingRoutes(desk).register(app);
        if (settings.tokens() != null) {
            new com.adaptivestartup.brain.registry.TokenRoute(settings.tokens().signer(), desk, settings.tokens().vendorUser(),
                    settings.tokens().vendorPassword()).register(app);
        }
        app.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "alive")));
    }

    public LicenseDesk licenses() {
        return desk;
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
