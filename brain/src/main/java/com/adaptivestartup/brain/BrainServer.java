package com.adaptivestartup.brain;

import com.adaptivestartup.brain.billing.BillingLedger;
import com.adaptivestartup.brain.billing.StripeWebhook;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import com.adaptivestartup.brain.licenses.StandingRoutes;
import com.adaptivestartup.brain.distribution.ChannelRoute;
import com.adaptivestartup.brain.distribution.Distribution;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import io.javalin.Javalin;
import java.time.Clock;

/**
 * The Brain: the vendor's control plane (issue 28). So far it takes Stripe's billing events into customers and
 * subscriptions, issues and revokes their licenses, and answers installations' activations and heartbeats with signed
 * standings; it is the registry's token server, provisions new customers (their images built, their release signed, the
 * welcome mail) and serves each customer's signed update channels, signed again on every change and before they end.
 */
public final class BrainServer implements AutoCloseable {
    private final Javalin app;
    private final LicenseDesk desk;
    private final com.adaptivestartup.brain.provisioning.Provisioning provisioning;
    private final java.util.concurrent.ScheduledExecutorService worker;
    private final Distribution distribution;
    private final com.adaptivestartup.brain.mail.MailOutbox outbox;
    private final com.adaptivestartup.brain.mail.CustomerMail mail;
    private final com.adaptivestartup.brain.staff.StaffAccess staff;
    private final java.util.concurrent.ScheduledExecutorService renewer;

    /** What the Brain is given at start: Stripe's endpoint secret, the vendor key, the registry and its secret. */
    public record Settings(String stripeWebhookSecret, java.security.PrivateKey vendorKey, LicenseDesk.Registry registry,
                           Tokens tokens, Provisions provisions, java.util.List<java.security.PublicKey> nextVendorKeys) {
        /** Without a next key to announce. */
        public Settings(String stripeWebhookSecret, java.security.PrivateKey vendorKey, LicenseDesk.Registry registry,
                        Tokens tokens, Provisions provisions) {
            this(stripeWebhookSecret, vendorKey, registry, tokens, provisions, java.util.List.of());
        }
    }

    /**
     * A new customer's provisioning (null: none): the image pipeline, the welcome mail, the secret the pipeline calls
     * back with, and how often due steps are run.
     */
    public record Provisions(com.adaptivestartup.brain.provisioning.BuildPipeline pipeline,
                             com.adaptivestartup.brain.mail.CustomerMail mail, String callbackSecret,
                             java.time.Duration every) {
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
        DocumentSigner signer = new DocumentSigner(settings.vendorKey());
        outbox = new com.adaptivestartup.brain.mail.MailOutbox(db.dataSource(), clock);
        desk = new LicenseDesk(db.dataSource(), ledger, signer, settings.registry(), clock, outbox);
        java.security.PublicKey current = com.adaptivestartup.licensing.signing.Ed25519Keys.publicKeyOf(settings.vendorKey());
        distribution = new Distribution(db.dataSource(), signer, TrustedKeys.of(current), clock, settings.nextVendorKeys());
        app.get("/v1/keys", ctx -> ctx.json(java.util.Map.of("signing", key(current), "next",
                settings.nextVendorKeys().stream().map(BrainServer::key).toList())));
        renewer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "channel renewal"));
        renewer.scheduleWithFixedDelay(this::renewChannels, 0, 1, java.util.concurrent.TimeUnit.HOURS);
        if (settings.provisions() == null) {
            provisioning = null;
            worker = null;
            mail = null;
            new StripeWebhook(ledger, settings.stripeWebhookSecret(), clock, desk::reconcile).register(app);
        } else {
            mail = settings.provisions().mail();
            provisioning = new com.adaptivestartup.brain.provisioning.Provisioning(db.dataSource(), desk,
                    settings.provisions().pipeline(), settings.provisions().mail(), clock, distribution);
            worker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "provisioning"));
            long every = settings.provisions().every().toMillis();
            worker.scheduleWithFixedDelay(this::runDue, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
            new StripeWebhook(ledger, settings.stripeWebhookSecret(), clock, id -> {
                provisioning.subscriptionChanged(id);
                worker.execute(this::runDue);
            }).register(app);
            new com.adaptivestartup.brain.provisioning.BuildCallbackRoute(provisioning, settings.provisions().callbackSecret(),
                    () -> worker.execute(this::runDue)).register(app);
        }
        new StandingRoutes(desk).register(app);
        new ChannelRoute(distribution).register(app);
        staff = new com.adaptivestartup.brain.staff.StaffAccess(db.dataSource(), clock);
        new com.adaptivestartup.brain.staff.StaffRoutes(staff, new com.adaptivestartup.brain.staff.StaffViews(db.dataSource()),
                distribution).register(app);
        if (settings.tokens() != null) {
            new com.adaptivestartup.brain.registry.TokenRoute(settings.tokens().signer(), desk, settings.tokens().vendorUser(),
                    settings.tokens().vendorPassword()).register(app);
        }
        app.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "alive")));
    }

    public LicenseDesk licenses() {
        return desk;
    }

    public com.adaptivestartup.brain.provisioning.Provisioning provisioning() {
        return provisioning;
    }

    /** A public key as published: its id (RFC 7638 thumbprint) and PEM. */
    private static java.util.Map<String, String> key(java.security.PublicKey k) {
        return java.util.Map.of("kid", com.adaptivestartup.licensing.signing.Ed25519Keys.keyId(k),
                "publicKey", com.adaptivestartup.licensing.signing.Ed25519Keys.toPem(k));
    }

    public com.adaptivestartup.brain.staff.StaffAccess staff() {
        return staff;
    }

    public com.adaptivestartup.brain.mail.MailOutbox outbox() {
        return outbox;
    }

    public Distribution distribution() {
        return distribution;
    }

    private void renewChannels() {
        try {
            distribution.renewExpiring();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(BrainServer.class).warn("channel manifests could not be renewed: {}", e.getMessage());
        }
    }

    private void runDue() {
        try {
            provisioning.runDue();
            outbox.deliverDue(mail);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(BrainServer.class).warn("provisioning could not run: {}", e.getMessage());
        }
    }

    /** Starts on {@code host}:{@code port} (0: any free one) and returns the port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.shutdownNow();
        }
        renewer.shutdownNow();
        app.stop();
    }
}
