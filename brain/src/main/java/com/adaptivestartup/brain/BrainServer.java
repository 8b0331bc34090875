package com.adaptivestartup.brain;

import com.adaptivestartup.brain.billing.BillingLedger;
import com.adaptivestartup.brain.billing.StripeWebhook;
import com.adaptivestartup.brain.distribution.ChannelRoute;
import com.adaptivestartup.brain.distribution.Distribution;
import com.adaptivestartup.brain.licenses.InvoicedCustomers;
import com.adaptivestartup.brain.licenses.LicenseDesk;
import com.adaptivestartup.brain.licenses.StandingRoutes;
import com.adaptivestartup.brain.mail.CustomerMail;
import com.adaptivestartup.brain.mail.MailOutbox;
import com.adaptivestartup.brain.provisioning.BuildCallbackRoute;
import com.adaptivestartup.brain.provisioning.BuildPipeline;
import com.adaptivestartup.brain.provisioning.Provisioning;
import com.adaptivestartup.brain.registry.RegistryTokens;
import com.adaptivestartup.brain.registry.TokenRoute;
import com.adaptivestartup.brain.staff.StaffAccess;
import com.adaptivestartup.brain.staff.StaffRoutes;
import com.adaptivestartup.brain.staff.StaffViews;
import com.adaptivestartup.licensing.signing.DocumentSigner;
import com.adaptivestartup.licensing.signing.Ed25519Keys;
import com.adaptivestartup.licensing.signing.TrustedKeys;
import io.javalin.Javalin;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Brain: the vendor's control plane (issue 28). So far it takes Stripe's billing events into customers and
 * subscriptions, issues and revokes their licenses, and answers installations' activations and heartbeats with signed
 * standings; it is the registry's token server, provisions new customers (their images built, their release signed, the
 * welcome mail) and serves each customer's signed update channels, signed again on every change and before they end.
 */
public final class BrainServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrainServer.class);
    private final Javalin app;
    private final LicenseDesk desk;
    private final Provisioning provisioning;
    /** The Brain's one background thread: due provisioning steps and letters, and channels near their end. */
    private final ScheduledExecutorService worker =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "brain worker"));
    private final Distribution distribution;
    private final MailOutbox outbox;
    private final CustomerMail mail;
    private final StaffAccess staff;

    /** What the Brain is given at start: Stripe's endpoint secret, the vendor key, the registry and its secret. */
    public record Settings(String stripeWebhookSecret, PrivateKey vendorKey, LicenseDesk.Registry registry,
                           Tokens tokens, Provisions provisions, List<PublicKey> nextVendorKeys) {
        /** Without a next key to announce. */
        public Settings(String stripeWebhookSecret, PrivateKey vendorKey, LicenseDesk.Registry registry,
                        Tokens tokens, Provisions provisions) {
            this(stripeWebhookSecret, vendorKey, registry, tokens, provisions, List.of());
        }
    }

    /**
     * A new customer's provisioning (null: none): the image pipeline, the welcome mail, the secret the pipeline calls
     * back with, and how often due steps are run.
     */
    public record Provisions(BuildPipeline pipeline,
                             CustomerMail mail, String callbackSecret,
                             Duration every) {
    }

    /** The registry's token service: the signer, and the vendor's build account (null: no token service). */
    public record Tokens(RegistryTokens signer, String vendorUser, String vendorPassword) {
    }

    public BrainServer(BrainDatabase db, Settings settings, Clock clock) {
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = 1_000_000L;   // a Stripe event is a few kB
        });
        BillingLedger ledger = new BillingLedger(db.dataSource());
        DocumentSigner signer = new DocumentSigner(settings.vendorKey());
        outbox = new MailOutbox(db.dataSource(), clock);
        desk = new LicenseDesk(db.dataSource(), ledger, signer, settings.registry(), clock, outbox);
        PublicKey current = Ed25519Keys.publicKeyOf(settings.vendorKey());
        distribution = new Distribution(db.dataSource(), signer, TrustedKeys.of(current), clock, settings.nextVendorKeys());
        app.get("/v1/keys", ctx -> ctx.json(Map.of("signing", key(current), "next",
                settings.nextVendorKeys().stream().map(BrainServer::key).toList())));
        worker.scheduleWithFixedDelay(this::renewChannels, 0, 1, TimeUnit.HOURS);
        if (settings.provisions() == null) {
            provisioning = null;
            mail = null;
            new StripeWebhook(ledger, settings.stripeWebhookSecret(), clock, desk::reconcile).register(app);
        } else {
            mail = settings.provisions().mail();
            provisioning = new Provisioning(db.dataSource(), desk,
                    settings.provisions().pipeline(), settings.provisions().mail(), clock, distribution);
            long every = settings.provisions().every().toMillis();
            worker.scheduleWithFixedDelay(this::runDue, every, every, TimeUnit.MILLISECONDS);
            new StripeWebhook(ledger, settings.stripeWebhookSecret(), clock, id -> {
                provisioning.subscriptionChanged(id);
                worker.execute(this::runDue);
            }).register(app);
            new BuildCallbackRoute(provisioning, settings.provisions().callbackSecret(),
                    () -> worker.execute(this::runDue)).register(app);
        }
        new StandingRoutes(desk).register(app);
        new ChannelRoute(distribution).register(app);
        staff = new StaffAccess(db.dataSource(), clock);
        new StaffRoutes(staff, new StaffViews(db.dataSource()), distribution, new InvoicedCustomers(db.dataSource(), desk,
                settings.tokens() == null ? Set.of() : Set.of(settings.tokens().vendorUser()), clock)).register(app);
        if (settings.tokens() != null) {
            new TokenRoute(settings.tokens().signer(), desk, settings.tokens().vendorUser(),
                    settings.tokens().vendorPassword()).register(app);
        }
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "alive")));
    }

    public LicenseDesk licenses() {
        return desk;
    }

    public Provisioning provisioning() {
        return provisioning;
    }

    /** A public key as published: its id (RFC 7638 thumbprint) and PEM. */
    private static Map<String, String> key(PublicKey k) {
        return Map.of("kid", Ed25519Keys.keyId(k),
                "publicKey", Ed25519Keys.toPem(k));
    }

    public StaffAccess staff() {
        return staff;
    }

    public MailOutbox outbox() {
        return outbox;
    }

    public Distribution distribution() {
        return distribution;
    }

    private void renewChannels() {
        try {
            distribution.renewExpiring();
        } catch (Exception e) {
            LOG.warn("channel manifests could not be renewed: {}", e.getMessage());
        }
    }

    private void runDue() {
        try {
            provisioning.runDue();
            outbox.deliverDue(mail);
        } catch (Exception e) {
            LOG.warn("provisioning could not run: {}", e.getMessage());
        }
    }

    /** Starts on {@code host}:{@code port} (0: any free one) and returns the port. */
    public int start(String host, int port) {
        app.start(host, port);
        return app.port();
    }

    @Override
    public void close() {
        worker.shutdownNow();
        app.stop();
    }
}
