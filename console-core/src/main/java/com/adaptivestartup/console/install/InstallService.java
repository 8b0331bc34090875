package com.adaptivestartup.console.install;

import com.adaptivestartup.console.bundle.BundleReader;
import com.adaptivestartup.console.bundle.OfflineBundles;
import com.adaptivestartup.console.docker.DockerEngine;
import com.adaptivestartup.console.docker.DockerProblem;
import com.adaptivestartup.console.docker.RegistryAuth;
import com.adaptivestartup.console.license.LicenseService;
import com.adaptivestartup.console.release.ReleaseManifest;
import com.adaptivestartup.console.release.ReleaseSource;
import com.adaptivestartup.console.release.Versions;
import com.adaptivestartup.console.stack.AppReadiness;
import com.adaptivestartup.console.stack.ComposeTemplate;
import com.adaptivestartup.console.stack.Edition;
import com.adaptivestartup.console.stack.FirstFailure;
import com.adaptivestartup.console.stack.InstallDirectory;
import com.adaptivestartup.console.stack.StackDeployer;
import com.adaptivestartup.console.stack.StackLabels;
import com.adaptivestartup.console.stack.StackPlan;
import com.adaptivestartup.console.stack.StackSettings;
import com.adaptivestartup.console.stack.WebAddress;
import com.adaptivestartup.console.tls.CertificateCheck;
import com.adaptivestartup.console.tls.CertificateRefused;
import com.adaptivestartup.console.tls.ServerCertificate;
import com.adaptivestartup.console.tls.WebCertificates;
import com.adaptivestartup.console.state.InstallationLock;
import com.adaptivestartup.console.state.Installations;
import com.adaptivestartup.console.state.Journal;
import com.adaptivestartup.console.state.OperationLock;
import com.adaptivestartup.licensing.license.License;
import com.adaptivestartup.licensing.license.LicenseVerdict;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Installs (or converges) the stack: license, release, images pulled by digest and checked, the install
 * folder, network and volumes, each service started in dependency order and waited on until healthy,
 * migrations and the first admin as one-off containers, and a final readiness check through the web port.
 * Every step is written to the journal. Nothing is created before the license, the release, the port and
 * every image have been checked; a fresh install that fails later is taken down again.
 */
public final class InstallService {
    private static final Duration HEALTHY_WITHIN = Duration.ofSeconds(180);
    /** How long the migration waits for a database that is still starting (initialising its files, at first). */
    private static final Duration DATABASE_STARTS_WITHIN = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LicenseService licenses;
    private final ReleaseSource releases;
    private final DockerEngine engine;
    private final Journal journal;
    private final Installations installations;
    private final WebCertificates certificates;
    private final java.time.Clock clock;
    private final AppReadiness readiness = new AppReadiness();

    public InstallService(LicenseService licenses, ReleaseSource releases, DockerEngine engine, Journal journal,
                          Installations installations) {
        this(licenses, releases, engine, journal, installations, new WebCertificates(new CertificateCheck()),
                java.time.Clock.systemUTC());
    }

    public InstallService(LicenseService licenses, ReleaseSource releases, DockerEngine engine, Journal journal,
                          Installations installations, WebCertificates certificates, java.time.Clock clock) {
        this.certificates = certificates;
        this.clock = clock;
        this.licenses = licenses;
        this.releases = releases;
        this.engine = engine;
        this.journal = journal;
        this.installations = installations;
    }

    /**
     * A request whose license and release were verified once, where they came in (the update's prefetch, an offline
     * bundle): the install goes on from these values and reads or verifies neither again.
     */
    public record Prepared(InstallRequest request, License license, ReleaseSource.Loaded release) {
    }

    /** Installs (or converges) what the request names, verifying its license and release first. */
    public InstallResult install(InstallRequest request, InstallListener listener) {
        return install(request, null, listener);
    }

    /**
     * Installs from an already verified license and release: an update's switch. When the release declares its
     * migrations online and the database is running, they run first, before anything is replaced (the running
     * server goes on serving on the migrated schema), so the app is down only while its containers are switched.
     */
    public InstallResult install(Prepared prepared, InstallListener listener) {
        return install(prepared.request(), prepared, listener);
    }

    private InstallResult install(InstallRequest request, Prepared prepared, InstallListener listener) {
        try (InstallationLock lock = journal.lock(request.project(), "install")) {
            return installLocked(request, prepared, listener);
        } catch (OperationLock.Busy e) {
            throw new InstallFailed("lock", e.getMessage());
        }
    }

    private InstallResult installLocked(InstallRequest request, Prepared prepared, InstallListener listener) {
        Journal.Operation op = journal.begin("install", request.project());
        InstallDirectory dir = new InstallDirectory(request.directory());
        boolean fresh = installations.find(request.project()).isEmpty() && engine.containers(
                Map.of(StackLabels.PROJECT, request.project())).isEmpty();
        boolean folderWasEmpty = dir.isEmptyOrMissing();
        boolean folderExisted = Files.isDirectory(dir.path());
        StackDeployer deployer = null;
        try {
            License license = step(op, listener, "license", () -> prepared != null ? prepared.license()
                    : checkLicense(request.licenseText()));
            ReleaseSource.Loaded loaded = step(op, listener, "release", () -> prepared != null ? prepared.release()
                    : releases.fetch(request.release()));
            ReleaseManifest release = loaded.manifest();
            checkVersionAllowed(license, release);
            StackDeployer d = new StackDeployer(engine, request.project(), dir.path(), release.version());
            StackSettings kept = settingsFor(request, release);
            String template = template(release, kept.edition());
            StackSettings settings = kept.supportedBy(template);
            if (!settings.equals(kept)) {
                listener.step("files", "release " + release.version() + " cannot take every setting of this installation;"
                        + " they are kept for a newer release, and the defaults apply until then");
            }
            step(op, listener, "port", () -> {
                if (settings.web() != null && settings.web().httpsPort() == request.httpPort()) {
                    throw new InstallFailed("port", "the HTTPS port and the web port are both " + request.httpPort()
                            + "; choose two different ports (such as 443 and 80)");
                }
                boolean webRunning = d.current(settings.edition().webService()).map(c -> c.running()).orElse(false);
                checkPort(d, settings.bindOrAll(), request.httpPort(), "web port (--http-port)", webRunning);
                return settings.web() == null ? null : checkPort(d, settings.bindOrAll(), settings.web().httpsPort(),
                        "HTTPS port (--https-port)", webRunning && servesHttpsOn(d, settings.web().httpsPort()));
            });
            // A release that cannot serve HTTPS (a rollback to 1.1.0) leaves the certificate as it is, for the next update.
            boolean httpsKeptForLater = kept.web() != null && settings.web() == null;
            ServerCertificate certificate = httpsKeptForLater ? null : step(op, listener, "certificate", () ->
                    certificates.provide(dir, settings.web(), request.certificate(), request.project(), clock.instant()));
            if (settings.web() != null && settings.web().source() == WebAddress.CertificateSource.ACME) {
                com.adaptivestartup.console.tls.AcmeServer.resolvesHere(settings.web().host())
                        .ifPresent(warning -> listener.step("certificate", "note: " + warning));
            }
            String registry = request.registry() != null ? request.registry() : license.registry().url();
            Map<String, String> refs = step(op, listener, "pull", () -> pullAll(release, template, registry, license, listener));
            deployer = d;
            Map<String, String> env = new LinkedHashMap<>();
            env.put("COMPOSE_PROJECT_NAME", request.project());
            env.put("HTTP_PORT", String.valueOf(request.httpPort()));
            env.putAll(settings.env());
            if (certificate != null) {
                env.put("TLS_FINGERPRINT", certificate.fingerprint());   // a new certificate starts a new web container
            }
            refs.forEach((service, ref) -> env.put(service.toUpperCase(Locale.ROOT) + "_IMAGE", ref));
            StackPlan plan = step(op, listener, "files", () -> {
                StackPlan parsed = ComposeTemplate.parse(ComposeTemplate.interpolate(template, env));
                dir.write(template, env, parsed);
                if (request.aiKey() != null) {
                    dir.shareSecret(InstallDirectory.AI_KEY, request.aiKey().strip());
                }
                dir.saveRelease(release.version(), loaded.signedText());
                return parsed;
            });
            step(op, listener, "network", () -> {
                d.ensureNetworkAndVolumes(plan);
                return null;
            });
            boolean migrateFirst = prepared != null && release.onlineMigrations()
                    && d.current(StackPlan.DATABASE).map(c -> c.running()).orElse(false);
            // Several servers are replaced one at a time (the others answer meanwhile) where the old ones may keep
            // serving: the same release (a settings change) or migrations made while it runs; else the short switch.
            boolean sameRelease = installations.find(request.project()).map(i -> i.version().equals(release.version()))
                    .orElse(false);
            Set<String> rolling = sameRelease || migrateFirst ? plan.services().stream().filter(s -> s.replicas() > 1)
                    .map(StackPlan.Service::name).collect(java.util.stream.Collectors.toSet()) : Set.of();
            DeployResult deployed = deploy(op, listener, d, plan, dir, request.adminEmail(), settings.bindOrAll(),
                    request.httpPort(), migrateFirst, rolling, request.move());
            if (settings.web() != null && settings.web().source() == WebAddress.CertificateSource.ACME) {
                step(op, listener, "certificate issued", () -> awaitAcme(settings, dir));
            }
            installations.save(new Installations.Installation(request.project(), dir.path(), release.version(),
                    request.httpPort(), request.adminEmail(), registry, request.licenseText(), kept.toJson()));
            d.removeNetworksOutside(plan);
            op.record("operation", "done", release.version());
            String host = engine.info().host() != null && !engine.info().host().equals("127.0.0.1")
                    ? engine.info().host() : settings.bindOrAll().equals("0.0.0.0") || settings.bindOrAll().equals("127.0.0.1")
                    ? "localhost" : settings.bindOrAll();
            return new InstallResult(request.project(), release.version(), settings.web() != null ? settings.web().url()
                    : "http://" + host + ":" + request.httpPort() + "/",
                    request.adminEmail(), deployed.adminPassword(), deployed.changes());
        } catch (RuntimeException e) {
            InstallFailed failed = e instanceof InstallFailed f ? f
                    : e instanceof java.util.concurrent.CancellationException ? new InstallFailed("pull", CANCELLED)
                    : new InstallFailed("internal", "an unexpected error stopped the install: " + e);
            op.record("operation", "failed", failed.getMessage());
            if (fresh && deployer != null) {
                // Everything the failed first install made goes: containers, network, volumes, and the files
                // it wrote into a folder that was empty before.
                listener.step("cleanup", "taking down what this failed install created");
                try {
                    takeDown(deployer);
                    if (folderWasEmpty) {
                        dir.deleteWhatTheInstallMade(folderExisted);
                    }
                    op.record("cleanup", "done", "fresh install removed");
                } catch (RuntimeException cleanup) {
                    // Said, never in place of why the install failed.
                    op.record("cleanup", "failed", cleanup.getMessage());
                    listener.step("cleanup", "could not remove everything: " + cleanup.getMessage());
                }
            }
            throw failed;
        }
    }

    /**
     * Installs from a verified offline bundle: the license is checked against the bundle (offline allowed,
     * this customer, this version) before anything else, then the images are loaded, then the install runs
     * as online, finding every image by the content id the signed release names.
     */
    public InstallResult installFromBundle(InstallRequest request, BundleReader.Verified bundle,
                                           InstallListener listener) {
        License license = checkLicense(request.licenseText());
        OfflineBundles.checkLicense(bundle, license);
        installations.find(request.project()).ifPresent(i -> {
            if (Versions.compare(bundle.index().version(), i.version()) < 0) {
                OfflineBundles.checkUpdate(bundle, i.version());
            }
        });
        loadImages(bundle, listener);
        // the bundle's release was verified with the bundle's whole content
        return install(new Prepared(request, license, new ReleaseSource.Loaded(bundle.release(), bundle.signedRelease())),
                listener);
    }

    /** The name under which {@link InstallListener#pull} reports the loading of a bundle's images. */
    public static final String BUNDLE_IMAGES = "bundle images";

    /** Loads a verified bundle's images into the engine (those it does not have yet), with progress. */
    public int loadImages(BundleReader.Verified bundle, InstallListener listener) {
        listener.step("load", "loading the images from " + bundle.file().getFileName());
        int loaded = bundle.loadImages(engine, (what, bytes, total) -> listener.pull(BUNDLE_IMAGES, bytes, total));
        listener.step("load", loaded + " images loaded");
        return loaded;
    }

    /**
     * The part of an install that changes nothing: the license, the signed release, and every image pulled
     * and checked against its digest. An update does this before any downtime.
     */
    public Prepared prefetch(InstallRequest request, InstallListener listener) {
        License license = checkLicense(request.licenseText());
        ReleaseSource.Loaded release;
        try {
            release = releases.fetch(request.release());
        } catch (ReleaseSource.ReleaseProblem e) {
            throw new InstallFailed("release", e.getMessage());
        }
        checkVersionAllowed(license, release.manifest());
        String registry = request.registry() != null ? request.registry() : license.registry().url();
        try {
            pullAll(release.manifest(), template(release.manifest(), settingsFor(request, release.manifest()).edition()),
                    registry, license, listener);
        } catch (DockerProblem e) {
            throw new InstallFailed("pull", e.getMessage());
        }
        return new Prepared(request, license, release);
    }

    /** What a cancelled install says. */
    static final String CANCELLED = "the install was cancelled";

    private static <T> T step(Journal.Operation op, InstallListener listener, String step, Journal.Work<T, RuntimeException> work) {
        if (listener.cancelled()) {
            throw new InstallFailed(step, CANCELLED);
        }
        try {
            return op.step(step, listener::step, work);
        } catch (DockerProblem | ReleaseSource.ReleaseProblem | ComposeTemplate.StackProblem | InstallDirectory.FolderProblem
                 | CertificateRefused e) {
            throw new InstallFailed(step, e.getMessage());
        }
    }

    private License checkLicense(String text) {
        LicenseVerdict verdict = licenses.verify(text);
        if (!verdict.usable()) {
            throw new InstallFailed("license", verdict.message());
        }
        return verdict.readLicense().orElseThrow();
    }

    /** Refused (with a sentence) when the release is for another customer or beyond the license's versions. */
    public static void checkVersionAllowed(License license, ReleaseManifest release) {
        if (release.customerId() != null && !release.customerId().equals(license.customerId())) {
            throw new InstallFailed("release", "this release of Adaptive Startup was made for the customer '"
                    + release.customerId() + "', and this license is for '" + license.customerId() + "'; install the release"
                    + " your vendor made for you (its link came with your license)");
        }
        if (license.maxVersion() != null && Versions.compare(release.version(), license.maxVersion()) > 0) {
            throw new InstallFailed("release", "this license covers versions up to " + license.maxVersion()
                    + "; release " + release.version() + " needs a renewed license");
        }
    }

    /**
     * The admin's stack settings for this install: those asked for (refused when the release's compose file
     * cannot honour one: a release before 1.2.0), else those the installation has, else the defaults.
     */
    private StackSettings settingsFor(InstallRequest request, ReleaseManifest release) {
        var installed = installations.find(request.project()).map(i -> StackSettings.fromJson(i.settingsJson()));
        if (request.settings() == null) {
            return installed.orElse(StackSettings.DEFAULTS);
        }
        StackSettings settings = request.settings();
        installed.filter(i -> i.edition() != settings.edition() && request.move() == null).ifPresent(i -> {
            throw new InstallFailed("release", "the installation '" + request.project() + "' is the edition '"
                    + i.edition().title() + "', and an installation keeps the edition it was installed as");
        });
        String template = template(release, settings.edition());
        settings.unsupportedBy(template).ifPresent(variable -> {
            if (settings.edition() == Edition.SINGLE) {
                throw new InstallFailed("release", "the single-container edition cannot take the setting " + variable
                        + " (it serves plain HTTP on one port; HTTPS on an address of its own is the full stack's)");
            }
            throw new InstallFailed("release", "release " + release.version() + " cannot take the setting " + variable
                    + " (choosing the web port's address, memory limits and the address with HTTPS came with release"
                    + " 1.2.0); install 1.2.0 or"
                    + " newer, or leave the setting out");
        });
        return settings;
    }

    /** The ACME server is asked by the stack itself; the install waits until the certificate it issued is served. */
    private Void awaitAcme(StackSettings settings, InstallDirectory dir) {
        long deadline = System.nanoTime() + ACME_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (readiness.servesAcmeCertificate(engine.info().host(), settings.bindOrAll(), dir)) {
                return null;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallFailed("certificate issued", "interrupted while waiting for the certificate");
            }
        }
        throw new InstallFailed("certificate issued", "the ACME server did not issue a certificate for "
                + settings.web().host() + " within " + ACME_WAIT.toMinutes() + " minutes: it must reach this machine's"
                + " web port at " + settings.web().host() + " (port 80 for Let's Encrypt); the backend's log says what it"
                + " answered (adaptivectl logs backend); a stack that was already running keeps asking every minute");
    }

    private static final Duration ACME_WAIT = Duration.ofMinutes(3);

    /** Whether the running web service already serves HTTPS on this port (so the port is its own, not taken). */
    private static boolean servesHttpsOn(StackDeployer d, int port) {
        return d.current("web").map(c -> c.env().stream().filter(e -> e.startsWith("PUBLIC_URL=https://")).anyMatch(e -> {
            int p = java.net.URI.create(e.substring("PUBLIC_URL=".length())).getPort();
            return (p == -1 ? 443 : p) == port;
        })).orElse(false);
    }

    private Void checkPort(StackDeployer d, String address, int port, String which, boolean ours) {
        if (ours || !d.sharesDisk()) {
            return null;   // on another machine's engine the port is that machine's: the engine says when it is taken
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the engine binds: a port in TIME_WAIT after an uninstall is free
            socket.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new InstallFailed("port", "port " + port + " is already in use by another program; choose another"
                    + " " + which + ", or stop that program");
        }
        return null;
    }

    /** A signed release manifest, checked: a file or a URL. */
    public ReleaseManifest loadRelease(String fileOrUrl) {
        return releases.load(fileOrUrl);
    }

    /** The compose template of the edition asked, or why this release cannot be installed as it. */
    private static String template(ReleaseManifest release, Edition edition) {
        return release.template(edition.key()).orElseThrow(() -> new InstallFailed("release", "release " + release.version()
                + " cannot be installed as the edition '" + edition.title() + "'"
                + (edition == Edition.SINGLE ? " (the single container on SQLite begins with release 1.2.0)" : "")));
    }

    /** Every image {@code template} runs, pulled (or found) and checked against the digest the release names. */
    private Map<String, String> pullAll(ReleaseManifest release, String template, String registry, License license,
                                        InstallListener listener) {
        RegistryAuth auth = new RegistryAuth(registry, license.registry().username(), license.registry().password());
        Map<String, String> refs = new LinkedHashMap<>();
        boolean pulled = false;
        boolean fromRegistry = false;
        for (var e : release.imagesOf(template).entrySet()) {
            String service = e.getKey();
            ReleaseManifest.ImageRef image = e.getValue();
            String ref = image.reference(registry);
            if (engine.repoDigests(ref).isEmpty() && image.id() != null && engine.imageId(image.id()).isPresent()) {
                // Loaded from an offline bundle (or kept from one): the content id the signed release names.
                refs.put(service, image.id());
                continue;
            }
            fromRegistry = true;
            if (engine.repoDigests(ref).isEmpty()) {
                pulled = true;
                Map<String, long[]> layers = new LinkedHashMap<>();
                engine.pull(registry + "/" + image.repository(), image.digest(), auth, (layer, status, current, total) -> {
                    if (listener.cancelled()) {
                        throw new java.util.concurrent.CancellationException(CANCELLED);
                    }
                    if (total > 0) {
                        layers.put(layer, new long[]{current, total});
                        listener.pull(service, layers.values().stream().mapToLong(v -> v[0]).sum(),
                                layers.values().stream().mapToLong(v -> v[1]).sum());
                    }
                });
            }
            List<String> digests = engine.repoDigests(ref).orElse(List.of());
            if (!digests.contains(ref)) {
                throw new InstallFailed("pull", "the image pulled for " + service + " does not have the digest the signed"
                        + " release names (" + image.digest() + "); it is refused");
            }
            refs.put(service, ref);
        }
        if (fromRegistry && !pulled) {
            checkCredentials(auth, listener);
        }
        return refs;
    }

    /**
     * Every image was on this machine already, so the license's registry credentials were not used: they are
     * checked all the same (a sign-in, nothing downloaded), so a license that could not pull is not taken for one
     * that can. A registry out of reach is said and not held against the install: the images are checked by digest.
     */
    private void checkCredentials(RegistryAuth auth, InstallListener listener) {
        switch (engine.checkLogin(auth)) {
            case DockerEngine.LoginCheck.Refused r -> throw new InstallFailed("pull", "the registry " + auth.registry()
                    + " refused the credentials in the license (" + r.reason() + "). Check that the license is current, or"
                    + " ask your vendor contact to reset the pull account");
            case DockerEngine.LoginCheck.Unreachable u -> listener.step("pull", "the images were here already; the registry "
                    + auth.registry() + " could not be reached to check the license's credentials (" + u.reason() + ")");
            case DockerEngine.LoginCheck.Accepted a -> {
                // the credentials hold
            }
        }
    }

    private record DeployResult(Map<String, String> changes, String adminPassword) {
    }

    /**
     * Starts the services as a dependency graph, as the compose file says: each starts once its
     * dependencies have started, or are healthy where it asks for {@code condition: service_healthy}. The
     * server's migration starts once the database is healthy and runs while the server starts; the server keeps its API closed until the schema is
     * the release's, and the readiness check through the web port (from the moment everything has started)
     * waits for that. The first admin is created once the schema is there. Every service is waited on until
     * healthy; the first failure, if any, is reported. What is going to be replaced is stopped first, all at once
     * (an old server is not left running while the database is replaced under it). {@code migrateFirst}: the
     * migration (and the first admin) runs before that, on the database as it runs. A stack with no database service
     * (the single container) runs it after the stop and before any start.
     */
    private DeployResult deploy(Journal.Operation op, InstallListener listener, StackDeployer d, StackPlan plan,
                                InstallDirectory dir, String adminEmail, String bindAddress, int httpPort,
                                boolean migrateFirst, Set<String> rolling, DataMove move) {
        Map<String, CompletableFuture<StackDeployer.Converged>> started = new LinkedHashMap<>();
        Map<String, CompletableFuture<StackDeployer.Converged>> healthy = new LinkedHashMap<>();
        CompletableFuture<String> admin = CompletableFuture.completedFuture(
                migrateFirst ? setup(op, listener, d, plan, dir, adminEmail, move) : null);
        step(op, listener, "stop replaced", () -> d.stopOutdated(plan, rolling));
        if (!migrateFirst && plan.services().stream().noneMatch(s -> s.name().equals(StackPlan.DATABASE))) {
            // A stack whose server keeps its own database (the single container on SQLite): the schema and the first
            // admin before it starts, and with the server it replaces stopped (one writer to the file at a time).
            admin = CompletableFuture.completedFuture(setup(op, listener, d, plan, dir, adminEmail, move));
        }
        List<CompletableFuture<?>> all = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (StackPlan.Service service : plan.services()) {
                CompletableFuture<Void> ready = CompletableFuture.allOf(service.dependsOn().stream()
                        .map(dep -> (dep.healthy() ? healthy : started).get(dep.service()))
                        .toArray(CompletableFuture[]::new));
                if (service.name().equals(StackPlan.SERVER) && !migrateFirst) {
                    // after the database is healthy: a database that never comes up fails the install at once, rather
                    // than after the migration's own wait for it
                    CompletableFuture<?> database = healthy.getOrDefault(StackPlan.DATABASE, CompletableFuture.completedFuture(null));
                    CompletableFuture<?> dataServices = move == null ? database : CompletableFuture.allOf(plan.services()
                            .stream().filter(s -> !s.name().equals(StackPlan.SERVER) && !dependsOn(plan, s, StackPlan.SERVER))
                            .map(s -> healthy.get(s.name())).filter(java.util.Objects::nonNull)
                            .toArray(CompletableFuture[]::new)).thenCombine(database, (a, b) -> null);
                    admin = dataServices.thenApplyAsync(v -> setup(op, listener, d, plan, dir, adminEmail, move), pool);
                    all.add(admin);
                    if (move != null) {
                        ready = CompletableFuture.allOf(ready, admin);   // the server starts on the data moved in
                    }
                }
                CompletableFuture<StackDeployer.Converged> up = ready.thenApplyAsync(v ->
                        step(op, listener, "start " + service.name(), () -> d.converge(service, !rolling.contains(service.name())
                                ? null : id -> awaitHealthy(service, id))), pool);
                CompletableFuture<StackDeployer.Converged> done = up.thenApplyAsync(c -> {
                    step(op, listener, "healthy " + service.name(), () -> {
                        c.containerIds().forEach(id -> awaitHealthy(service, id));
                        return null;
                    });
                    return c;
                }, pool);
                started.put(service.name(), up);
                healthy.put(service.name(), done);
                all.add(done);
            }
            // The app's own readiness through the web port, asked as soon as every service has started; not
            // waited for any more once the migration failed (the API would stay closed).
            CompletableFuture<String> setupDone = admin;
            java.util.function.BooleanSupplier serviceFailed = () -> healthy.values().stream()
                    .anyMatch(CompletableFuture::isCompletedExceptionally);
            all.add(CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new)).thenRunAsync(() ->
                    step(op, listener, "ready", () -> awaitReady(bindAddress, httpPort, dir, setupDone, serviceFailed)), pool));
            FirstFailure.of(all).ifPresent(cause -> {
                throw cause instanceof InstallFailed failed ? failed : new InstallFailed("start", DockerProblem.said(cause));
            });
        }
        Map<String, String> changes = new LinkedHashMap<>();
        healthy.forEach((name, f) -> changes.put(name, f.join().change().name()));
        return new DeployResult(changes, admin.join());
    }

    private void awaitHealthy(StackPlan.Service service, String containerId) {
        DockerEngine.HealthOutcome outcome = engine.awaitHealthy(containerId, HEALTHY_WITHIN);
        if (outcome != DockerEngine.HealthOutcome.HEALTHY && outcome != DockerEngine.HealthOutcome.NO_HEALTHCHECK) {
            throw new InstallFailed("healthy " + service.name(), service.name() + " did not become healthy: " + outcome.said()
                    + (outcome == DockerEngine.HealthOutcome.TIMED_OUT ? " (" + HEALTHY_WITHIN.toSeconds() + " s)" : ""), engine.logs(containerId, 20));
        }
    }

    /** Whether {@code service} needs {@code other} started first (directly or through another service). */
    private static boolean dependsOn(StackPlan plan, StackPlan.Service service, String other) {
        return service.dependsOn().stream().anyMatch(dep -> dep.service().equals(other)
                || dependsOn(plan, plan.service(dep.service()), other));
    }

    /**
     * The server's {@code setup} as one one-off container (one JVM start, not two): the migration, then
     * the first admin if there is none. Its two JSON reports are checked and journaled as two steps. The
     * admin's initial password travels in a file mounted read-only and deleted right after. With data moved in
     * ({@code move}), the migration alone, then the data, and no first admin: the people come with it.
     */
    private String setup(Journal.Operation op, InstallListener listener, StackDeployer d, StackPlan plan,
                         InstallDirectory dir, String email, DataMove move) {
        StackPlan.Service server = plan.migrator();
        if (move != null) {
            step(op, listener, "migrate", () -> {
                DockerEngine.OneOffResult r = d.runOnce(server, List.of("migrate", "--wait-for-database",
                        String.valueOf(DATABASE_STARTS_WITHIN.toSeconds())), List.of(), Duration.ofMinutes(10));
                List<JsonNode> reports = jsonLines(r.output());
                if (r.exitCode() != 0 || reports.isEmpty() || !reports.get(0).path("ok").asBoolean()) {
                    throw new InstallFailed("migrate", "the database migration failed: " + (reports.isEmpty()
                            ? "exit code " + r.exitCode() : reports.get(0).path("error").asText()), tail(r.output(), 20));
                }
                return null;
            });
            step(op, listener, "move data", () -> {
                move.into(d, plan, dir, listener);
                return null;
            });
            return null;
        }
        String password = dir.adminPassword();
        DockerEngine.OneOffResult result = step(op, listener, "migrate", () -> {
            dir.shareSecret("admin_password", password);
            try {
                DockerEngine.OneOffResult r = d.runOnce(server, List.of("setup",
                                "--wait-for-database", String.valueOf(DATABASE_STARTS_WITHIN.toSeconds()),
                                "--admin-email", email, "--admin-password-file", "/run/secrets/admin_password"),
                        List.of(new StackPlan.VolumeMount(true, "./secrets/admin_password", "/run/secrets/admin_password", true)),
                        Duration.ofMinutes(10));
                List<JsonNode> reports = jsonLines(r.output());
                JsonNode migration = reports.isEmpty() ? null : reports.get(0);
                if (migration == null || !migration.path("ok").asBoolean()) {
                    String reason = migration != null && migration.hasNonNull("error") ? migration.get("error").asText()
                            : "exit code " + r.exitCode();
                    throw new InstallFailed("migrate", "the database migration failed: " + reason, tail(r.output(), 20));
                }
                return r;
            } finally {
                dir.deleteSecret("admin_password");
            }
        });
        return step(op, listener, "admin", () -> {
            List<JsonNode> reports = jsonLines(result.output());
            if (result.exitCode() != 0 || reports.size() < 2) {
                throw new InstallFailed("admin", "creating the first admin failed (exit code " + result.exitCode() + ")",
                        tail(result.output(), 20));
            }
            return reports.get(1).path("created").asBoolean() ? password : null;
        });
    }

    /**
     * Asks the app's readiness until it answers ready; given up at once when the migration or a service failed (that
     * failure is what the install reports, and a rollback need not wait out this step's 90 s).
     */
    private Void awaitReady(String bindAddress, int port, InstallDirectory dir, CompletableFuture<?> setup,
                            java.util.function.BooleanSupplier serviceFailed) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (setup.isCompletedExceptionally()) {
                throw new InstallFailed("ready", "not ready: the migration or the first admin failed");
            }
            if (serviceFailed.getAsBoolean()) {
                throw new InstallFailed("ready", "not ready: a service did not become healthy");
            }
            try {
                AppReadiness.Answer answer = readiness.ask(engine.info().host(), bindAddress, port, dir);
                if (answer.ready()) {
                    return null;
                }
                last = answer.describe();
            } catch (IOException e) {
                last = e.getMessage();
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InstallFailed("ready", "cancelled");
            }
            sleep(100);
        }
        throw new InstallFailed("ready", "the app did not answer as ready through port " + port + " (" + last + ")");
    }

    private void takeDown(StackDeployer d) {
        for (var c : d.all()) {
            engine.remove(c.id());
        }
        d.allNetworks().forEach(engine::removeNetwork);
        for (String v : engine.volumes(Map.of(StackLabels.PROJECT, d.project()))) {
            engine.removeVolume(v);
        }
        d.removeEngineFolder();
    }

    /** The JSON objects a one-off printed, one per line, in order; other lines (logs) are skipped. */
    private static List<JsonNode> jsonLines(String output) {
        List<JsonNode> reports = new ArrayList<>();
        for (String line : output.lines().map(String::strip).filter(l -> l.startsWith("{")).toList()) {
            try {
                reports.add(JSON.readTree(line));
            } catch (IOException e) {
                // a log line that looks like JSON but is not ours
            }
        }
        return reports;
    }

    private static List<String> tail(String output, int n) {
        List<String> lines = new ArrayList<>(output.lines().toList());
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }


    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
