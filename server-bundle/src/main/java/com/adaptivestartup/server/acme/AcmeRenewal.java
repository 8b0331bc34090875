package com.adaptivestartup.server.acme;

import com.adaptivestartup.server.http.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.util.KeyPairUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's own ACME client, so the certificate is issued and renewed inside the stack with no console running
 * (decision 0016): answers HTTP-01 challenges through files the web server serves, keeps the account key and the
 * certificate with its key in the shared {@code /acme} volume (the web server reloads when they change), and writes
 * {@code status.json} with what happened. It renews when fewer than {@code ACME_RENEW_BEFORE_DAYS} (or a third of
 * the certificate's life) are left, looks every {@code ACME_CHECK_SECONDS}, and after a failure again in a minute.
 * With several instances of the server on the volume, one checks and renews at a time ({@link RenewalLock}).
 */
public final class AcmeRenewal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AcmeRenewal.class);
    private final Settings settings;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "acme");
        t.setDaemon(true);
        return t;
    });

    /** What the stack's .env says; {@link #from} is empty when the installation does not use ACME. */
    public record Settings(URI directory, String domain, String email, Path caRoot, Path state, Duration checkEvery,
                           Duration renewBefore) {
        public static java.util.Optional<Settings> from(Map<String, String> env) {
            String directory = env.getOrDefault("ACME_DIRECTORY", "").strip();
            String url = env.getOrDefault("PUBLIC_URL", "").strip();
            if (directory.isEmpty() || url.isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new Settings(URI.create(directory), URI.create(url).getHost(),
                    env.getOrDefault("ACME_EMAIL", "").strip(),
                    Path.of(env.getOrDefault("ACME_CA_ROOT_FILE", "/run/secrets/acme_ca_root")),
                    Path.of(env.getOrDefault("ACME_STATE", "/acme")),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("ACME_CHECK_SECONDS", "3600").strip())),
                    Duration.ofDays(Long.parseLong(env.getOrDefault("ACME_RENEW_BEFORE_DAYS", "30").strip()))));
        }
    }

    public AcmeRenewal(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        // acme4j makes its keys and the certificate request with BouncyCastle
        if (java.security.Security.getProvider("BC") == null) {
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        }
    }

    public void start() {
        timer.schedule(this::checkThenSchedule, 0, TimeUnit.SECONDS);
    }

    private void checkThenSchedule() {
        Duration next = settings.checkEvery();
        try {
            Files.createDirectories(settings.state());
            // several instances of the server share the volume: one of them checks and renews at a time
            java.util.Optional<RenewalLock> held = RenewalLock.tryHold(settings.state());
            if (held.isEmpty()) {
                LOG.info("another instance of the server is renewing the certificate for {}; looking again later",
                        settings.domain());
            } else {
                try (RenewalLock ignored = held.get()) {
                    check();
                }
            }
        } catch (Exception e) {
            LOG.warn("the certificate for {} could not be issued: {}", settings.domain(), e.toString());
            status("failed", describe(e), null);
            next = Duration.ofMinutes(1).compareTo(next) < 0 ? Duration.ofMinutes(1) : next;
        }
        timer.schedule(this::checkThenSchedule, next.toSeconds(), TimeUnit.SECONDS);
    }

    /** Issues a certificate when there is none for the domain or it is near its end. */
    void check() throws Exception {
        Path chain = settings.state().resolve("live/chain.pem");
        if (Files.exists(chain)) {
            X509Certificate current = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(chain)));
            Instant end = current.getNotAfter().toInstant();
            Duration life = Duration.between(current.getNotBefore().toInstant(), end);
            Duration before = life.dividedBy(3).compareTo(settings.renewBefore()) > 0 ? life.dividedBy(3) : settings.renewBefore();
            if (clock.instant().isBefore(end.minus(before)) && covers(current)) {
                return;
            }
        }
        issue();
    }

    private boolean covers(X509Certificate c) throws Exception {
        return c.getSubjectAlternativeNames() != null && c.getSubjectAlternativeNames().stream()
                .anyMatch(n -> settings.domain().equalsIgnoreCase(String.valueOf(n.get(1))));
    }

    private void issue() throws Exception {
        trustCaRoot();
        Session session = new Session(settings.directory());
        KeyPair accountKey = accountKey();
        AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(accountKey);
        if (!settings.email().isEmpty()) {
            builder.addEmail(settings.email());
        }
        Account account = builder.create(session);
        Order order = account.newOrder().domain(settings.domain()).create();
        Path challenges = Files.createDirectories(settings.state().resolve(".well-known/acme-challenge"));
        for (Authorization auth : order.getAuthorizations()) {
            if (auth.getStatus() == Status.VALID) {
                continue;
            }
            Http01Challenge challenge = auth.findChallenge(Http01Challenge.class).orElseThrow(() ->
                    new IllegalStateException("the ACME server offers no HTTP-01 challenge for " + settings.domain()));
            Path token = challenges.resolve(challenge.getToken());
            write(token, challenge.getAuthorization());
            try {
                challenge.trigger();
                Status done = challenge.waitForCompletion(Duration.ofMinutes(2));
                if (done != Status.VALID) {
                    throw new IllegalStateException("the ACME server could not check that " + settings.domain()
                            + " is this stack (" + challenge.getError().map(Object::toString).orElse(done.name())
                            + "): the address must reach this machine's web port from the ACME server");
                }
            } finally {
                Files.deleteIfExists(token);
            }
        }
        order.waitUntilReady(Duration.ofMinutes(2));
        KeyPair domainKey = KeyPairUtils.createECKeyPair("secp256r1");
        order.execute(domainKey);
        if (order.waitForCompletion(Duration.ofMinutes(2)) != Status.VALID) {
            throw new IllegalStateException("the ACME server did not issue the certificate (" + order.getError()
                    .map(Object::toString).orElse(order.getStatus().name()) + ")");
        }
        StringWriter chainPem = new StringWriter();
        order.getCertificate().writeCertificate(chainPem);
        StringWriter keyPem = new StringWriter();
        KeyPairUtils.writeKeyPair(domainKey, keyPem);
        Path live = Files.createDirectories(settings.state().resolve("live"));
        write(live.resolve("key.pem"), keyPem.toString());       // the key first: the web server waits for both
        write(live.resolve("chain.pem"), chainPem.toString());
        X509Certificate issued = order.getCertificate().getCertificate();
        LOG.info("certificate for {} issued by {}, valid until {}", settings.domain(),
                issued.getIssuerX500Principal().getName(), issued.getNotAfter().toInstant());
        status("issued", "certificate for " + settings.domain() + " issued", issued.getNotAfter().toInstant());
    }

    private KeyPair accountKey() throws IOException {
        Path file = settings.state().resolve("account.pem");
        if (Files.exists(file)) {
            return KeyPairUtils.readKeyPair(new StringReader(Files.readString(file)));
        }
        KeyPair pair = KeyPairUtils.createECKeyPair("secp256r1");
        StringWriter pem = new StringWriter();
        KeyPairUtils.writeKeyPair(pair, pem);
        Files.createDirectories(settings.state());
        write(file, pem.toString());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return pair;
    }

    /** The company's own ACME server (step-ca) is trusted through its root, beside the JDK's authorities. */
    private void trustCaRoot() throws Exception {
        if (!Files.isRegularFile(settings.caRoot()) || Files.size(settings.caRoot()) == 0) {
            return;
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        int i = 0;
        for (var tm : jdk.getTrustManagers()) {
            if (tm instanceof javax.net.ssl.X509TrustManager x) {
                for (X509Certificate c : x.getAcceptedIssuers()) {
                    store.setCertificateEntry("jdk-" + i++, c);
                }
            }
        }
        try (InputStream in = Files.newInputStream(settings.caRoot())) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("acme-root-" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        SSLContext.setDefault(context);
    }

    private void status(String state, String message, Instant notAfter) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("state", state);
        s.put("message", message);
        s.put("notAfter", notAfter == null ? null : notAfter.toString());
        s.put("at", clock.instant().toString());
        try {
            Files.createDirectories(settings.state());
            write(settings.state().resolve("status.json"), Json.MAPPER.writeValueAsString(s));
        } catch (IOException e) {
            LOG.warn("cannot write the ACME status: {}", e.toString());
        }
    }

    private static String describe(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (e instanceof java.net.ConnectException || e.getCause() instanceof java.net.ConnectException) {
            return "the ACME server cannot be reached: " + m;
        }
        return m;
    }

    /** Written beside, then moved into place: the web server never reads half a file. Readable by it (0644). */
    private static void write(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), ".write-", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
